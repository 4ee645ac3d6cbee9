// The figures of every run item of a few runs (latency, cost, the latest
// score of each name), without outputs: what the compare view classifies all
// items from before it loads one page of outputs. Two lean SQL reads; the
// rules match loadRunItemResults (lib/experiments/results.ts) exactly: the
// linked observation's duration else the trace's latency, the trace's cost,
// the latest score of each name (oldest first, so the last one wins).
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { decode, sql } from "../db/sql";
import type { ItemFigures } from "./deltas";
import { RESULT_SCORE_TYPES } from "./results";
import type { ScoreFigure } from "./thresholds";

export interface RunItemFigures extends ItemFigures {
  runId: string;
  datasetItemId: string;
}

type FigureRow = {
  id: string;
  runId: string;
  itemId: string;
  traceId: string;
  observationId: string | null;
  tid: string | null;
  traceLatency: unknown;
  obsLatency: unknown;
  cost: unknown;
};
type ScoreRow = { traceId: string; name: string; dataType: string; value: unknown; stringValue: string | null; timestamp: unknown; id: string };

/**
 * The run ids must be runs of the project (compare.ts checks them first): the
 * run items are then found by run alone, so both databases walk the
 * (datasetRunId, …) index instead of every run item of the project, and each
 * item's scores by the (projectId, traceId, …) index.
 */
export async function loadRunItemFigures(client: Db, projectId: string, runIds: string[]): Promise<RunItemFigures[]> {
  if (!runIds.length) return [];
  const d = dialectOf(client);
  const inRuns = d.inList(sql`ri."datasetRunId"`, runIds);
  const [rows, scores] = await Promise.all([
    client.$queryRaw<FigureRow[]>`SELECT ri."id", ri."datasetRunId" AS "runId", ri."datasetItemId" AS "itemId", ri."traceId", ri."observationId",
        t."id" AS "tid", t."latencyMs" AS "traceLatency", t."totalCost" AS "cost",
        CASE WHEN o."endTime" IS NULL THEN NULL ELSE ${d.msBetween(sql`o."endTime"`, sql`o."startTime"`)} END AS "obsLatency"
      FROM "DatasetRunItem" ri
      LEFT JOIN "Trace" t ON t."projectId" = ${projectId} AND t."id" = ri."traceId"
      LEFT JOIN "Observation" o ON o."projectId" = ${projectId} AND o."id" = ri."observationId"
      WHERE ${inRuns}`,
    // CROSS JOIN keeps SQLite's order (run items first, then each trace's
    // scores by index); the score types are picked here, not in SQL, where a
    // dataType condition lured SQLite onto the (projectId, dataType, …) index.
    client.$queryRaw<ScoreRow[]>`SELECT s."traceId", s."name", s."dataType", s."value", s."stringValue", s."timestamp", s."id"
      FROM "DatasetRunItem" ri CROSS JOIN "Score" s
      WHERE ${inRuns} AND s."projectId" = ${projectId} AND s."traceId" = ri."traceId"`,
  ]);
  const types: readonly string[] = RESULT_SCORE_TYPES;
  // The latest of each name wins: by timestamp, then id (loadRunItemResults' order).
  const byTrace = new Map<string, Record<string, ScoreFigure & { at: number; id: string }>>();
  for (const s of scores) {
    if (!types.includes(s.dataType)) continue;
    const at = decode.date(s.timestamp).getTime();
    const named = byTrace.get(s.traceId) ?? {};
    const held = named[s.name];
    if (!held || at > held.at || (at === held.at && s.id > held.id)) {
      named[s.name] = { dataType: s.dataType as ScoreFigure["dataType"], value: decode.numberOrNull(s.value), stringValue: s.stringValue, at, id: s.id };
    }
    byTrace.set(s.traceId, named);
  }
  const plain = (named: Record<string, ScoreFigure & { at: number; id: string }> | undefined): Record<string, ScoreFigure> =>
    Object.fromEntries(Object.entries(named ?? {}).map(([name, { dataType, value, stringValue }]) => [name, { dataType, value, stringValue }]));
  return rows.map((r) => ({
    runItemId: r.id,
    runId: r.runId,
    datasetItemId: r.itemId,
    traceId: r.traceId,
    observationId: r.observationId,
    traceArrived: r.tid !== null,
    latencyMs: decode.numberOrNull(r.obsLatency) ?? decode.numberOrNull(r.traceLatency),
    totalCost: decode.numberOrNull(r.cost),
    scores: plain(byTrace.get(r.traceId)),
  }));
}

/** The key of a (run, dataset item) pair in the set loadOutputChanges answers. */
export const cellKey = (runId: string, itemId: string) => `${runId}\u0000${itemId}`;

/**
 * The (run, item) pairs of `runIds` whose output differs from the baseline
 * run's output for the same item, compared inside the database so no output
 * leaves it (the "changed only" filter spans every item). Output means what
 * loadRunItemResults reads: the linked observation's, else the trace's.
 * PostgreSQL compares JSON by value, SQLite by its stored text.
 */
export async function loadOutputChanges(client: Db, projectId: string, baselineId: string, runIds: string[]): Promise<Set<string>> {
  const others = runIds.filter((id) => id !== baselineId);
  if (!others.length) return new Set();
  const d = dialectOf(client);
  const rows = await client.$queryRaw<{ runId: string; itemId: string }[]>`SELECT ri."datasetRunId" AS "runId", ri."datasetItemId" AS "itemId"
      FROM "DatasetRunItem" ri
      JOIN "DatasetRunItem" bi ON bi."datasetRunId" = ${baselineId} AND bi."datasetItemId" = ri."datasetItemId"
      LEFT JOIN "Trace" t ON t."projectId" = ${projectId} AND t."id" = ri."traceId"
      LEFT JOIN "Observation" o ON o."projectId" = ${projectId} AND o."id" = ri."observationId"
      LEFT JOIN "Trace" bt ON bt."projectId" = ${projectId} AND bt."id" = bi."traceId"
      LEFT JOIN "Observation" bo ON bo."projectId" = ${projectId} AND bo."id" = bi."observationId"
      WHERE ${d.inList(sql`ri."datasetRunId"`, others)}
        AND COALESCE(o."output", t."output") IS DISTINCT FROM COALESCE(bo."output", bt."output")`;
  return new Set(rows.map((r) => cellKey(r.runId, r.itemId)));
}
