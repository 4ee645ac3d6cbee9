// Ingestion entry point for route handlers and scripts: prices generations
// with the project's overrides and the built-in table, then writes.
import { db, dbReady, type Db } from "../db/client";
import type { IngestEvent } from "./events";
import { priceFnFor } from "./prices";
import { writeEvents, type WriteOptions, type WriteResult } from "./write";

export async function ingestEvents(projectId: string, events: IngestEvent[], client: Db = db, options?: WriteOptions): Promise<WriteResult> {
  if (client === db) await dbReady();
  return writeEvents(client, projectId, events, await priceFnFor(projectId, client), options);
}
