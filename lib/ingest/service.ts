// Ingestion entry point for route handlers and scripts: prices generations
// with the project's overrides and the built-in table, then writes.
import { db, dbReady, targetOf, type Db } from "../db/client";
import { nudgeRules } from "../datasets/rules/nudge";
import { nudgeEvaluators } from "../evals/nudge";
import type { IngestEvent } from "./events";
import { projectPriceEntries } from "./prices";
import { makeEventsStorable } from "./storable";
import { writeEvents, type WriteOptions, type WriteResult } from "./write";
import type { ParseRequest } from "./parse-request";
import type { DirectResult } from "./parse-thread/direct";
import { parseAndWrite, parseIngestion, useParseThread } from "./parse-thread/client";
import { useWriterThread } from "./writer-thread/client";

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

/**
 * An ingestion request parsed and, on SQLite with both ingestion threads on, written there, its events never on
 * this thread (parse-thread/direct.ts). `wrote: false`: only parsed (PostgreSQL, a thread off, or work this
 * thread must do first): the route writes `parsed` with ingestEvents.
 */
export async function parseAndIngest<P extends ParseRequest>(projectId: string, req: P, client: Db = db): Promise<DirectResult<P["protocol"]>> {
  const target = targetOf(client);
  if (target.provider !== "sqlite" || !useWriterThread() || !useParseThread()) return { wrote: false, parsed: await parseIngestion(req) };
  if (client === db) await dbReady();
  const result = await parseAndWrite(req, { file: target.file, projectId, prices: await projectPriceEntries(projectId, client) });
  if (result.wrote && client === db) {
    nudgeRules(projectId);
    nudgeEvaluators(projectId);
  }
  return result;
}
