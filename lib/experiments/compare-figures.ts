// The figures of every run item of a few runs (latency, cost, the latest
// score of each name), without outputs: what the compare view classifies all
// items from before it loads one page of outputs. Lean SQL reads whose
// rules match loadRunItemResults (lib/experiments/results.ts) exactly: the
// linked observation's duration else the trace's latency, the trace's cost,
// the latest score of each name (oldest first, so the last one wins).
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { decode, sql } from "../db/sql";
import { diffText } from "../diff";
import type { ItemFigures } from "./deltas";
import { latestOfEachName } from "../query/scores";
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
  arrived: unknown;
  latency: unknown;
  cost: unknown;
  /** [name, dataType, value, stringValue] per score of the trace, oldest first */
  scores: unknown;
};

/**
 * The run ids must be runs of the project (compare.ts checks them first): the
 * run items are then found by run alone, so both databases walk the
 * (datasetRunId, …) index instead of every run item of the project. One
 * query, each item's scores aggregated into one JSON value by the
 * (projectId, traceId, timestamp) index: a row per score cost the driver
 * layer more than the database (5,000 × 2 items: 150 → 60 ms on SQLite).
 */
export async function loadRunItemFigures(client: Db, projectId: string, runIds: string[]): Promise<RunItemFigures[]> {
  if (!runIds.length) return [];
  const d = dialectOf(client);
  const scores = d.jsonRowsAgg([sql`s."name"`, sql`s."dataType"`, sql`s."value"`, sql`s."stringValue"`], sql`s."timestamp", s."id"`);
  const rows = await client.$queryRaw<FigureRow[]>`SELECT ri."id", ri."datasetRunId" AS "runId", ri."datasetItemId" AS "itemId", ri."traceId", ri."observationId",
      CASE WHEN t."id" IS NULL THEN 0 ELSE 1 END AS "arrived",
      COALESCE(CASE WHEN o."endTime" IS NULL THEN NULL ELSE ${d.msBetween(sql`o."endTime"`, sql`o."startTime"`)} END, t."latencyMs") AS "latency",
      t."totalCost" AS "cost",
      (SELECT ${scores} FROM "Score" s WHERE s."projectId" = ${projectId} AND s."traceId" = ri."traceId") AS "scores"
    FROM "DatasetRunItem" ri
    LEFT JOIN "Trace" t ON t."projectId" = ${projectId} AND t."id" = ri."traceId"
    LEFT JOIN "Observation" o ON o."projectId" = ${projectId} AND o."id" = ri."observationId"
    WHERE ${d.inList(sql`ri."datasetRunId"`, runIds)}`;
  const types: readonly string[] = RESULT_SCORE_TYPES;
  return rows.map((r) => {
    // Oldest first, so the latest of each name wins (lib/query/scores.ts latestOfEachName).
    const list = decode.json<[string, string, unknown, string | null][]>(r.scores, []).flatMap(([name, dataType, value, stringValue]) => (types.includes(dataType) ? [{ name, dataType, value, stringValue }] : []));
    const named: Record<string, ScoreFigure> = {};
    for (const [name, s] of latestOfEachName(list)) named[name] = { dataType: s.dataType as ScoreFigure["dataType"], value: decode.numberOrNull(s.value), stringValue: s.stringValue };
    return {
      runItemId: r.id,
      runId: r.runId,
      datasetItemId: r.itemId,
      traceId: r.traceId,
      observationId: r.observationId,
      traceArrived: decode.boolean(r.arrived),
      latencyMs: decode.numberOrNull(r.latency),
      totalCost: decode.numberOrNull(r.cost),
      scores: named,
    };
  });
}

/** The key of a (run, dataset item) pair in the set loadOutputChanges answers. */
export const cellKey = (runId: string, itemId: string) => `${runId}\u0000${itemId}`;

/**
 * The (run, item) pairs of `runIds` whose output differs from the baseline
 * run's output for the same item, compared inside the database so no output
 * leaves it (the "changed only" filter spans every item). Output means what
 * loadRunItemResults reads: the linked observation's, else the trace's.
 * Both databases compare JSON by value: PostgreSQL's jsonb does; SQLite
 * compares the stored text, and the objects and arrays whose texts differ are
 * compared again here with their keys sorted (the same JSON written with
 * another key order is not a change on either). Both traces must have arrived:
 * a pending trace has no output yet, not a changed one.
 */
export async function loadOutputChanges(client: Db, projectId: string, baselineId: string, runIds: string[]): Promise<Set<string>> {
  const others = runIds.filter((id) => id !== baselineId);
  if (!others.length) return new Set();
  const d = dialectOf(client);
  const out = sql`COALESCE(o."output", t."output")`;
  const base = sql`COALESCE(bo."output", bt."output")`;
  // SQLite only: the two texts when both sides are containers, for the second look below.
  const texts =
    d.provider === "sqlite"
      ? sql`, CASE WHEN json_type(${out}) IN ('object', 'array') AND json_type(${base}) IN ('object', 'array') THEN ${out} END AS "a",
          CASE WHEN json_type(${out}) IN ('object', 'array') AND json_type(${base}) IN ('object', 'array') THEN ${base} END AS "b"`
      : sql``;
  const rows = await client.$queryRaw<{ runId: string; itemId: string; a?: string | null; b?: string | null }[]>`SELECT ri."datasetRunId" AS "runId", ri."datasetItemId" AS "itemId" ${texts}
      FROM "DatasetRunItem" ri
      JOIN "DatasetRunItem" bi ON bi."datasetRunId" = ${baselineId} AND bi."datasetItemId" = ri."datasetItemId"
      LEFT JOIN "Trace" t ON t."projectId" = ${projectId} AND t."id" = ri."traceId"
      LEFT JOIN "Observation" o ON o."projectId" = ${projectId} AND o."id" = ri."observationId"
      LEFT JOIN "Trace" bt ON bt."projectId" = ${projectId} AND bt."id" = bi."traceId"
      LEFT JOIN "Observation" bo ON bo."projectId" = ${projectId} AND bo."id" = bi."observationId"
      WHERE ${d.inList(sql`ri."datasetRunId"`, others)}
        AND t."id" IS NOT NULL AND bt."id" IS NOT NULL
        AND ${out} IS DISTINCT FROM ${base}`;
  return new Set(rows.filter((r) => !(r.a != null && r.b != null && sameJson(r.a, r.b))).map((r) => cellKey(r.runId, r.itemId)));
}

/** Two stored JSON texts hold the same value (keys in any order). */
function sameJson(a: string, b: string): boolean {
  try {
    return diffText(JSON.parse(a)) === diffText(JSON.parse(b));
  } catch {
    return false;
  }
}
