// The trends of one session or one user (the session page's and the user
// page's trends block): cost over time by model, trace latency percentiles,
// traces / observations / traces with errors, and score averages, over the
// subject's own span — its first trace to its last trace or the last score on
// its traces, whichever is later (a score is charted at its own time, and
// evaluations and annotations come after the trace) — so a session of minutes
// gets minute buckets and a user of months days or weeks.
import "server-only";
import { db, type Db, type Tx } from "../../db/client";
import { decode, sql } from "../../db/sql";
import type { Filter } from "../../query/filter";
import { resolveGranularity, type BucketUnit } from "../granularity";
import type { MetricsRow } from "../query-schema";
import { rowsOf, runSection, type SectionParams } from "./run-section";

export interface TrendSubject {
  column: "sessionId" | "userId";
  value: string;
}

export interface TrendRows {
  from: Date;
  to: Date;
  unit: BucketUnit;
  /** observations: providedModelName × time → sum_totalCost. */
  cost: MetricsRow[];
  /** traces: time → p50/p90/p95/p99_latency. */
  latency: MetricsRow[];
  /** traces: time → count_count, sum_observationsCount. */
  volume: MetricsRow[];
  /** traces with an error: time → count_count. */
  errors: MetricsRow[];
  /** scores-numeric (NUMERIC): name × time → avg_value, count_count. */
  scores: MetricsRow[];
}

/** The subject's first trace and its last trace or score (null: it has no trace). */
async function span(client: Db | Tx, projectId: string, s: TrendSubject): Promise<{ first: Date; last: Date } | null> {
  const where = s.column === "sessionId" ? { projectId, sessionId: s.value } : { projectId, userId: s.value };
  const col = s.column === "sessionId" ? sql`"t"."sessionId"` : sql`"t"."userId"`;
  const [a, scores] = await Promise.all([
    client.trace.aggregate({ where, _min: { timestamp: true }, _max: { timestamp: true } }),
    // Through the trace's (projectId, userId|sessionId, timestamp) index, then each trace's scores.
    client.$queryRaw<{ last: unknown }[]>`
      SELECT MAX("s"."timestamp") AS "last" FROM "Trace" AS "t"
      JOIN "Score" AS "s" ON "s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id"
      WHERE "t"."projectId" = ${projectId} AND ${col} = ${s.value}`,
  ]);
  if (!a._min.timestamp || !a._max.timestamp) return null;
  const lastScore = decode.dateOrNull(scores[0]?.last ?? null);
  const last = lastScore && lastScore > a._max.timestamp ? lastScore : a._max.timestamp;
  return { first: a._min.timestamp, last };
}

export async function loadTrends(client: Db | Tx, projectId: string, s: TrendSubject): Promise<TrendRows | null> {
  const found = await span(client, projectId, s);
  if (!found) return null;
  const from = found.first;
  // [from, to): the last trace (or score) included; at least a minute, so one trace still makes a bucket.
  const to = new Date(Math.max(found.last.getTime() + 1, from.getTime() + 60_000));
  const unit = resolveGranularity("auto", from, to);
  const filter: Filter = [{ type: "string", column: s.column, operator: "=", value: s.value }];
  const p: SectionParams = { from, to, granularity: unit, unit, filter };
  const time = { timeDimension: { granularity: unit } } as const;
  const [cost, latency, volume, errors, quality] = await Promise.all([
    runSection(client, projectId, p, { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], ...time }),
    runSection(client, projectId, p, { view: "traces", metrics: (["p50", "p90", "p95", "p99"] as const).map((aggregation) => ({ measure: "latency", aggregation })), ...time }),
    runSection(client, projectId, p, { view: "traces", metrics: [{ measure: "count", aggregation: "count" }, { measure: "observationsCount", aggregation: "sum" }], ...time }),
    runSection(client, projectId, p, { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "level", operator: "=", value: "error" }], ...time }),
    // Only the averages over time (not the whole quality section's six queries).
    runSection(client, projectId, p, {
      view: "scores-numeric",
      // The data type as a dimension, picked below (as a filter it slows SQLite down; see quality-queries.ts).
      dimensions: [{ field: "name" }, { field: "dataType" }],
      metrics: [{ measure: "value", aggregation: "avg" }, { measure: "count", aggregation: "count" }],
      ...time,
    }),
  ]);
  return { from, to, unit, cost: rowsOf(cost), latency: rowsOf(latency), volume: rowsOf(volume), errors: rowsOf(errors), scores: rowsOf(quality).filter((r) => r.dataType === "NUMERIC") };
}

/** The trends block's read on the app's database. */
export function trendRows(projectId: string, s: TrendSubject): Promise<TrendRows | null> {
  return loadTrends(db, projectId, s);
}
