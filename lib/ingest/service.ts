// Ingestion entry point for route handlers and scripts: prices generations
// with the project's overrides and the built-in table, then writes.
import { db, dbReady, type Db } from "../db/client";
import { nudgeRules } from "../datasets/rules/nudge";
import { nudgeEvaluators } from "../evals/nudge";
import type { IngestEvent } from "./events";
import { projectPriceEntries } from "./prices";
import { makeEventsStorable } from "./storable";
import { writeEvents, type WriteOptions, type WriteResult } from "./write";

export async function ingestEvents(projectId: string, events: IngestEvent[], client: Db = db, options?: WriteOptions): Promise<WriteResult> {
  if (client === db) await dbReady();
  // NULs and lone surrogates would fail on PostgreSQL only: strip them for both databases (the routes' parse did).
  const storable = options?.storable ? events : makeEventsStorable(events);
  const result = await writeEvents(client, projectId, storable, await projectPriceEntries(projectId, client), options);
  // Committed: promotion rules and evaluators look at it soon, off this request (an in-memory nudge, no read).
  if (client === db) {
    nudgeRules(projectId);
    nudgeEvaluators(projectId);
  }
  return result;
}
