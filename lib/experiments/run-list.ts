// A dataset's runs with their figures: items run, latency (average, p95), cost
// (average, total), run-level scores and the average of each item score. Every
// figure is aggregated in SQL (no output is loaded), so 50 runs of 5,000 items
// answer from a few grouped queries; the few hundred runs of a dataset are then
// sorted and paged in memory.
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { percentileColumn, sql, type Sql } from "../db/sql";
import { isoAlways as iso } from "../iso";
import { RESULT_SCORE_TYPES } from "./results";

export type ResultScoreType = (typeof RESULT_SCORE_TYPES)[number];

/** The average of one item score over a run's items (the latest score of that name on each item's trace). */
export interface ItemScoreAggregate {
  name: string;
  dataType: ResultScoreType;
  /** items with this score */
  count: number;
  /** numeric: the mean; boolean: the share of true (a pass rate); categorical: null */
  avg: number | null;
  /** categorical only: the most frequent category (ties: the first by name) and how many items have it */
  top: { category: string; count: number } | null;
  /** categorical only: every category with its count, most frequent first */
  categories: { category: string; count: number }[];
}

/** A run-level score (datasetRunId = the run), the latest of each name. */
export interface RunScoreValue {
  name: string;
  dataType: ResultScoreType;
  value: number | null;
  stringValue: string | null;
}

export interface RunFigures {
  itemCount: number;
  /** run items whose trace has arrived */
  tracesArrived: number;
  /** when the run last linked an item (null: no items) */
  lastLinkedAt: string | null;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  avgCost: number | null;
  totalCost: number | null;
  runScores: RunScoreValue[];
  itemScores: ItemScoreAggregate[];
}

export interface RunListRow extends RunFigures {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

const EMPTY: RunFigures = { itemCount: 0, tracesArrived: 0, lastLinkedAt: null, avgLatencyMs: null, p95LatencyMs: null, avgCost: null, totalCost: null, runScores: [], itemScores: [] };

/** The run items of a dataset's runs (or of some of them): joined to their run; the WHERE goes after any further joins. */
const runItemsFrom = sql`"DatasetRunItem" AS "ri" JOIN "DatasetRun" AS "r" ON "r"."id" = "ri"."datasetRunId"`;

function runItemsWhere(client: Db, projectId: string, datasetId: string, runIds?: string[]): Sql {
  const only = runIds ? sql`AND ${dialectOf(client).inList(sql`"r"."id"`, runIds)}` : sql``;
  return sql`WHERE "r"."projectId" = ${projectId} AND "r"."datasetId" = ${datasetId} ${only}`;
}

/** What a run item took: the linked observation's duration, else the trace's latency (as results.ts reads it). */
function latencyExpr(client: Db): Sql {
  const d = dialectOf(client);
  return sql`COALESCE(${d.msBetween(sql`"o"."endTime"`, sql`"o"."startTime"`)}, "t"."latencyMs")`;
}

const traceJoins = sql`LEFT JOIN "Trace" AS "t" ON "t"."projectId" = "ri"."projectId" AND "t"."id" = "ri"."traceId"
  LEFT JOIN "Observation" AS "o" ON "o"."projectId" = "ri"."projectId" AND "o"."id" = "ri"."observationId"`;

/** Items, latency and cost per run. */
async function itemFigures(client: Db, projectId: string, datasetId: string, runIds?: string[]) {
  const d = dialectOf(client);
  const head = runItemsFrom;
  const where = runItemsWhere(client, projectId, datasetId, runIds);
  const lat = latencyExpr(client);
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "ri"."datasetRunId" AS "g", COUNT(*) AS "n", COUNT("t"."id") AS "arrived", MAX("ri"."updatedAt") AS "last",
      AVG(${lat}) AS "avgLat", AVG("t"."totalCost") AS "avgCost", SUM("t"."totalCost") AS "totalCost"
    FROM ${head} ${traceJoins} ${where}
    GROUP BY "ri"."datasetRunId"`;
  // p95 exact, over every item of the run with a latency: linear interpolation between the closest
  // ranks (PostgreSQL's percentile_cont; ranked window functions on SQLite): lib/db/sql.ts percentiles().
  const p95 = await client.$queryRaw<Record<string, unknown>[]>(
    d.percentiles(sql`SELECT "ri"."datasetRunId" AS "g", ${lat} AS "v" FROM ${head} ${traceJoins} ${where}`, [0.95]),
  );
  const p95By = new Map(p95.map((r) => [String(r.g), d.decode.numberOrNull(r[percentileColumn(0.95)])]));
  return new Map(
    rows.map((r) => [
      String(r.g),
      {
        itemCount: d.decode.number(r.n),
        tracesArrived: d.decode.number(r.arrived),
        lastLinkedAt: r.last == null ? null : iso(d.decode.date(r.last)),
        avgLatencyMs: d.decode.numberOrNull(r.avgLat),
        p95LatencyMs: p95By.get(String(r.g)) ?? null,
        avgCost: d.decode.numberOrNull(r.avgCost),
        totalCost: d.decode.numberOrNull(r.totalCost),
      },
    ]),
  );
}

/**
 * The average of each item score per run: the latest score of each name on each
 * run item's trace (results.ts's rule), grouped by run and name; categorical
 * scores counted per category.
 */
async function itemScoreFigures(client: Db, projectId: string, datasetId: string, runIds?: string[]) {
  const d = dialectOf(client);
  const head = runItemsFrom;
  const where = runItemsWhere(client, projectId, datasetId, runIds);
  // `|| ''` keeps the planner off the (projectId, dataType, timestamp) index, which SQLite otherwise
  // picks and scans per run item (12 s at 5 runs × 1,000 items): the scores are found by trace.
  const types = d.inList(sql`("s"."dataType" || '')`, [...RESULT_SCORE_TYPES]);
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "g", "name", "dataType", "cat", COUNT(*) AS "n", AVG("value") AS "avg" FROM (
      SELECT "ri"."datasetRunId" AS "g", "s"."name", "s"."dataType", "s"."value",
        CASE WHEN "s"."dataType" = 'CATEGORICAL' THEN "s"."stringValue" END AS "cat",
        ROW_NUMBER() OVER (PARTITION BY "ri"."id", "s"."name" ORDER BY "s"."timestamp" DESC, "s"."id" DESC) AS "rn"
      FROM ${head} JOIN "Score" AS "s" ON "s"."projectId" = "ri"."projectId" AND "s"."traceId" = "ri"."traceId" AND ${types}
      ${where}
    ) AS "latest" WHERE "rn" = 1
    GROUP BY "g", "name", "dataType", "cat"`;
  const byRun = new Map<string, Map<string, ItemScoreAggregate>>();
  for (const r of rows) {
    const run = String(r.g);
    const name = String(r.name);
    const dataType = String(r.dataType) as ResultScoreType;
    const n = d.decode.number(r.n);
    const scores = byRun.get(run) ?? new Map<string, ItemScoreAggregate>();
    byRun.set(run, scores);
    // One name written with two types (rare): the type most items have wins.
    const key = `${name}\u0000${dataType}`;
    const agg = scores.get(key) ?? { name, dataType, count: 0, avg: null, top: null, categories: [] };
    scores.set(key, agg);
    agg.count += n;
    if (dataType === "CATEGORICAL") agg.categories.push({ category: r.cat == null ? "" : String(r.cat), count: n });
    else agg.avg = d.decode.numberOrNull(r.avg);
  }
  const out = new Map<string, ItemScoreAggregate[]>();
  for (const [run, scores] of byRun) {
    const byName = new Map<string, ItemScoreAggregate>();
    for (const agg of scores.values()) {
      agg.categories.sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
      agg.top = agg.categories[0] ?? null;
      const seen = byName.get(agg.name);
      if (!seen || seen.count < agg.count) byName.set(agg.name, agg);
    }
    out.set(run, [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }
  return out;
}

/** Run-level scores: the latest of each name per run. */
async function runScoreFigures(client: Db, projectId: string, runIds: string[]) {
  const out = new Map<string, RunScoreValue[]>();
  if (!runIds.length) return out;
  const scores = await client.score.findMany({
    where: { projectId, datasetRunId: { in: runIds }, dataType: { in: [...RESULT_SCORE_TYPES] } },
    select: { datasetRunId: true, name: true, dataType: true, value: true, stringValue: true },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
  });
  const byRun = new Map<string, Map<string, RunScoreValue>>();
  for (const s of scores) {
    const m = byRun.get(s.datasetRunId!) ?? new Map<string, RunScoreValue>();
    m.set(s.name, { name: s.name, dataType: s.dataType as ResultScoreType, value: s.value, stringValue: s.stringValue });
    byRun.set(s.datasetRunId!, m);
  }
  for (const [run, m] of byRun) out.set(run, [...m.values()].sort((a, b) => a.name.localeCompare(b.name)));
  return out;
}

/** The figures of some runs of one dataset (all of them without `runIds`). */
export async function runFigures(client: Db, projectId: string, datasetId: string, runIds?: string[]): Promise<Map<string, RunFigures>> {
  const ids = runIds ?? (await client.datasetRun.findMany({ where: { projectId, datasetId }, select: { id: true } })).map((r) => r.id);
  const [items, itemScores, runScores] = await Promise.all([
    itemFigures(client, projectId, datasetId, runIds),
    itemScoreFigures(client, projectId, datasetId, runIds),
    runScoreFigures(client, projectId, ids),
  ]);
  return new Map(ids.map((id) => [id, { ...EMPTY, ...items.get(id), itemScores: itemScores.get(id) ?? [], runScores: runScores.get(id) ?? [] }]));
}

// ---- sorting ----

/** Sort keys of the runs table; scores sort as "item:<name>" (the item average) and "run:<name>". */
export const RUN_SORT_KEYS = ["name", "createdAt", "itemCount", "avgLatency", "p95Latency", "avgCost", "totalCost"] as const;
export const DEFAULT_RUN_SORT = { id: "createdAt", desc: true } as const;

function sortValue(row: RunListRow, id: string): number | string | null {
  switch (id) {
    case "name":
      return row.name;
    case "createdAt":
      return row.createdAt;
    case "itemCount":
      return row.itemCount;
    case "avgLatency":
      return row.avgLatencyMs;
    case "p95Latency":
      return row.p95LatencyMs;
    case "avgCost":
      return row.avgCost;
    case "totalCost":
      return row.totalCost;
  }
  if (id.startsWith("item:")) {
    const s = row.itemScores.find((x) => x.name === id.slice(5));
    // A categorical score sorts by how dominant its top category is.
    return !s ? null : s.dataType === "CATEGORICAL" ? (s.top ? s.top.count / s.count : null) : s.avg;
  }
  if (id.startsWith("run:")) {
    const s = row.runScores.find((x) => x.name === id.slice(4));
    return !s ? null : s.dataType === "CATEGORICAL" ? s.stringValue : s.value;
  }
  return null;
}

/** True for a sort id the runs table knows (scores by any name). */
export function isRunSortKey(id: string): boolean {
  return (RUN_SORT_KEYS as readonly string[]).includes(id) || /^(item|run):./.test(id);
}

/** Sorted by a column, a missing figure last in either direction, then newest first, then by id. */
export function sortRuns(rows: RunListRow[], sort: { id: string; desc: boolean }): RunListRow[] {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.id);
    const vb = sortValue(b, sort.id);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      const c = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
      if (c !== 0) return c * dir;
    }
    return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  });
}

export interface RunListPage {
  rows: RunListRow[];
  total: number;
  /** every run, oldest first (the trend chart's order) */
  allOldestFirst: RunListRow[];
  sort: { id: string; desc: boolean };
}

/** A dataset's runs with their figures, sorted and paged; and every run oldest first for the trend. */
export async function listRunRows(client: Db, projectId: string, datasetId: string, q: { page: number; limit: number; sort?: { id: string; desc: boolean } | null }): Promise<RunListPage> {
  const runs = await client.datasetRun.findMany({ where: { projectId, datasetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const figures = await runFigures(client, projectId, datasetId, undefined);
  const all: RunListRow[] = runs.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    ...(figures.get(r.id) ?? EMPTY),
  }));
  const sort = q.sort && isRunSortKey(q.sort.id) ? q.sort : DEFAULT_RUN_SORT;
  const sorted = sortRuns(all, sort);
  const start = (Math.max(1, q.page) - 1) * q.limit;
  return { rows: sorted.slice(start, start + q.limit), total: all.length, allOldestFirst: all, sort: { id: sort.id, desc: sort.desc } };
}
