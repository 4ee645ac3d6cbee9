// GET /api/public/metrics/daily: cost, usage and counts per UTC day, newest
// first, as Langfuse's generateDailyMetrics answers them
// (packages/shared/src/server/repositories/daily-metrics.ts). The traces are
// the project's traces matching the filters (the time range on the trace's
// timestamp); the observations are those traces' observations, each counted
// on the day it started. A day appears when it holds a matching trace or one
// of their observations. Langfuse, without a non-time filter, takes every
// observation started after fromTimestamp − 1 h instead (unbounded above and
// blind to which trace it belongs to), and filters an environment on the
// observation's own column too, so a trace's observations sent without one
// ("default") fall out: we keep the one reading above.
import "server-only";
import { dialectOf, type Db } from "../db/client";
import { decode, sql } from "../db/sql";
import type { Filter } from "../query/filter";
import { pageMeta } from "../public-api/shapes";
import { traceWhere } from "../traces/where";
import type { DailyMetricsQuery } from "./api-schemas";

export interface DailyUsage {
  model: string | null;
  inputUsage: number;
  outputUsage: number;
  totalUsage: number;
  countObservations: number;
  countTraces: number;
  totalCost: number;
}

export interface DailyMetrics {
  date: string;
  countTraces: number;
  countObservations: number;
  totalCost: number;
  usage: DailyUsage[];
}

/** The daily params as the one filter model: tags all of, environments any of, [from, to). */
export function dailyFilter(q: Omit<DailyMetricsQuery, "page" | "limit">): Filter {
  const f: Filter = [];
  if (q.fromTimestamp) f.push({ type: "datetime", column: "timestamp", operator: ">=", value: q.fromTimestamp });
  if (q.toTimestamp) f.push({ type: "datetime", column: "timestamp", operator: "<", value: q.toTimestamp });
  if (q.traceName !== undefined) f.push({ type: "string", column: "name", operator: "=", value: q.traceName });
  if (q.userId !== undefined) f.push({ type: "string", column: "userId", operator: "=", value: q.userId });
  if (q.tags?.length) f.push({ type: "arrayOptions", column: "tags", operator: "all of", value: q.tags });
  if (q.environment?.length) f.push({ type: "stringOptions", column: "environment", operator: "any of", value: q.environment });
  return f;
}

const dayOf = (v: unknown) => decode.date(v).toISOString().slice(0, 10);

// Nulls (spans, events: no model) last, then by name: a stable order to read and test.
function byModel(a: DailyUsage, b: DailyUsage): number {
  if (a.model === b.model) return 0;
  if (a.model === null) return 1;
  if (b.model === null) return -1;
  return a.model < b.model ? -1 : 1;
}

export async function dailyMetrics(client: Db, projectId: string, q: DailyMetricsQuery) {
  const d = dialectOf(client);
  const where = traceWhere(client, projectId, dailyFilter(q));
  const traceDay = d.timeBucket(sql`"t"."timestamp"`, "day");
  const obsDay = d.timeBucket(sql`"o"."startTime"`, "day");
  // No COALESCE(SUM(..), 0): SQLite's adapter types a computed column by its first non-null value, and an
  // integer 0 there would truncate every later cost (1.5 → 1). NULL sums decode to 0.
  // Trace first (SQLite keeps a CROSS JOIN's order; PostgreSQL plans it as any inner join): the
  // matching traces through their index, then each one's observations by (projectId, traceId, startTime).
  // On 100,000 traces / 505,239 observations: unfiltered 1.07 s → 0.80 s, one user 367 → 72 ms.
  // Both are one grouped scan; the days are few (one row per day, per day and model), so paging happens here.
  const [traceRows, usageRows] = await Promise.all([
    client.$queryRaw<{ day: unknown; n: unknown }[]>`
      SELECT ${traceDay} AS "day", COUNT(*) AS "n" FROM "Trace" AS "t" WHERE ${where} GROUP BY 1`,
    client.$queryRaw<Record<string, unknown>[]>`
      SELECT ${obsDay} AS "day", "o"."model" AS "model", COUNT(*) AS "observations", COUNT(DISTINCT "o"."traceId") AS "traces",
        SUM("o"."inputTokens") AS "input", SUM("o"."outputTokens") AS "output", SUM("o"."totalTokens") AS "total", SUM("o"."totalCost") AS "cost"
      FROM "Trace" AS "t" CROSS JOIN "Observation" AS "o"
      WHERE "o"."projectId" = "t"."projectId" AND "o"."traceId" = "t"."id" AND ${where}
      GROUP BY 1, 2`,
  ]);
  const days = new Map<string, DailyMetrics>();
  const day = (date: string) => {
    let m = days.get(date);
    if (!m) days.set(date, (m = { date, countTraces: 0, countObservations: 0, totalCost: 0, usage: [] }));
    return m;
  };
  for (const r of traceRows) day(dayOf(r.day)).countTraces = decode.number(r.n);
  for (const r of usageRows) {
    const u: DailyUsage = {
      model: r.model === null || r.model === undefined ? null : String(r.model),
      inputUsage: decode.number(r.input),
      outputUsage: decode.number(r.output),
      totalUsage: decode.number(r.total),
      countObservations: decode.number(r.observations),
      countTraces: decode.number(r.traces),
      totalCost: decode.number(r.cost),
    };
    const m = day(dayOf(r.day));
    m.usage.push(u);
    m.countObservations += u.countObservations;
    m.totalCost += u.totalCost;
  }
  const all = [...days.values()].sort((a, b) => (a.date < b.date ? 1 : -1));
  for (const m of all) m.usage.sort(byModel);
  const start = (q.page - 1) * q.limit;
  return { data: all.slice(start, start + q.limit), meta: pageMeta(q.page, q.limit, all.length) };
}
