// The traces list: one filtered, sorted page plus the total, on the trace
// rows' own columns and rollups (raw SQL: the table must answer fast on
// millions of rows). Shared by the traces table and GET /api/public/traces.
import { dialectOf, type Db } from "../db/client";
import { decode, raw, sql, type Sql } from "../db/sql";
import type { Filter } from "../query/filter";
import { traceConditions } from "./filter";
import { isScoreSortColumn, SCORE_COLUMN, type ScoreSortColumn, type TraceFilter, type TraceSortColumn } from "./schemas";
import { aggregateScores, traceScoreNumber } from "./score-value";
import { countWalk, fewMatches, indexedSearch, nthMatchFloor, searchSql, walkableSearch } from "./search";
import { ROW_SCAN_COLUMNS, traceWhere } from "./where";

/** The one filter model, or its trace shorthand (see lib/traces/filter.ts). */
export type TraceFilterInput = Filter | TraceFilter;

const SORT_SQL: Record<TraceSortColumn, string> = {
  timestamp: `"t"."timestamp"`,
  latency: `"t"."latencyMs"`,
  cost: `"t"."totalCost"`,
  tokens: `"t"."totalTokens"`,
  observations: `"t"."observationCount"`,
  errors: `"t"."errorCount"`,
  name: `"t"."name"`,
};

export interface TraceListRow {
  id: string;
  name: string | null;
  timestamp: Date;
  userId: string | null;
  sessionId: string | null;
  release: string | null;
  version: string | null;
  environment: string;
  tags: string[];
  bookmarked: boolean;
  latencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  totalCost: number | null;
  observationCount: number;
  errorCount: number;
  warningCount: number;
  inputPreview: string | null;
  outputPreview: string | null;
}

/** What the list sorts by: a rollup column, or a score name (the trace's own score, see score-value.ts). */
export type TraceOrderColumn = TraceSortColumn | ScoreSortColumn;

/** The SQL expression a sort column orders by (correlated on "t"). */
export function sortExpression(column: TraceOrderColumn | undefined): Sql {
  if (column && isScoreSortColumn(column)) return traceScoreNumber(column.slice(SCORE_COLUMN.length));
  return raw(SORT_SQL[(column as TraceSortColumn | undefined) ?? "timestamp"] ?? SORT_SQL.timestamp);
}

export interface TraceListQuery {
  filter: TraceFilterInput;
  sort?: { column: TraceOrderColumn; dir: "asc" | "desc" };
  page: number;
  limit: number;
}

/** Sort columns that are never NULL: no NULLS LAST, which PostgreSQL's indexes can't serve descending. */
const NOT_NULL: ReadonlySet<TraceSortColumn> = new Set(["timestamp", "tokens", "observations", "errors"]);

/** `byList`: the sort column behind a unary + so no index serves the order and SQLite starts from the search's id list. */
function orderBy(sort: TraceListQuery["sort"], byList = false): Sql {
  const key = sort?.column ?? "timestamp";
  const column = byList ? sql`+${sortExpression(key)}` : sortExpression(key);
  const dir = raw(sort?.dir === "asc" ? "ASC" : "DESC");
  // NULLs last either way; the id breaks ties so paging is stable. Written as
  // NULLS LAST (not "col IS NULL, col") so SQLite can walk the (projectId, col)
  // index for the usual descending sorts instead of sorting every row. A
  // PostgreSQL btree walked backwards gives DESC NULLS FIRST, so on NOT NULL
  // columns the clause is left out and the index serves the sort there too.
  const nulls = raw(NOT_NULL.has(key as TraceSortColumn) ? "" : " NULLS LAST");
  return sql`${column} ${dir}${nulls}, "t"."id" ${dir}`;
}

const PREVIEW_CHARS = 300;

/** Newest first, as the table opens: the order the SQLite search index can walk (search.ts). */
const newestFirst = (sort: TraceListQuery["sort"]) => !sort || (sort.column === "timestamp" && sort.dir === "desc");

/** Below this many matches a search is read as a list of ids whatever the sort (above, the sort's index is walked). */
const FEW_MATCHES = 5_000;
/**
 * PostgreSQL reads up to this many matches up front (search.ts fewMatches): reading them costs ~2 ms per 200 at
 * 1M traces for a common word (38 ms at 5,000, paid by the page and again by its count), more than the plain
 * condition then saves.
 */
const PG_FEW_MATCHES = 1_000;

/**
 * The list's WHERE, and whether to start from the search's matches. SQLite, one indexed search: alone and newest
 * first, the index is read only from the page's last match on; otherwise a word with few matches is read whole
 * and the page sorted from it (a common one lets the planner walk the sort's or another condition's index).
 * PostgreSQL: a word's few matches become an id list (search.ts fewMatches), a common one the plain condition.
 */
async function listWhere(client: Db, projectId: string, q: TraceListQuery): Promise<{ where: Sql; byList: boolean }> {
  const conditions = traceConditions(q.filter);
  const one = indexedSearch(client, conditions);
  if (!one) return { where: traceWhere(client, projectId, q.filter, { searchMatches: await fewMatches(client, projectId, conditions, PG_FEW_MATCHES) }), byList: false };
  if (!one.rest.length && newestFirst(q.sort)) {
    const rest = traceWhere(client, projectId, []);
    const fromKey = await nthMatchFloor(client, projectId, one.term, rest, q.page * q.limit);
    return { where: sql`${rest} AND ${searchSql(dialectOf(client), one.value, { projectId, fromKey })}`, byList: true };
  }
  const few = (await countWalk(client, projectId, one.value, one.term, sql`"t"."projectId" = ${projectId}`, FEW_MATCHES)) <= FEW_MATCHES;
  return { where: traceWhere(client, projectId, q.filter), byList: few };
}

export async function listTraces(client: Db, projectId: string, q: TraceListQuery): Promise<TraceListRow[]> {
  const d = dialectOf(client);
  const { where, byList } = await listWhere(client, projectId, q);
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "t"."id", "t"."name", "t"."timestamp", "t"."userId", "t"."sessionId", "t"."release", "t"."version",
      "t"."environment", "t"."tags", "t"."bookmarked", "t"."latencyMs", "t"."inputTokens", "t"."outputTokens",
      "t"."totalTokens", "t"."totalCost", "t"."observationCount", "t"."errorCount", "t"."warningCount",
      ${d.preview(sql`"t"."input"`, PREVIEW_CHARS)} AS "inputPreview",
      ${d.preview(sql`"t"."output"`, PREVIEW_CHARS)} AS "outputPreview"
    FROM "Trace" AS "t"
    WHERE ${where}
    ORDER BY ${orderBy(q.sort, byList)}
    LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`;
  return rows.map(toRow);
}

export async function countTraces(client: Db, projectId: string, filter: TraceFilterInput): Promise<number> {
  const where = traceWhere(client, projectId, filter);
  const [row] = await client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Trace" AS "t" WHERE ${where}`;
  return decode.number(row?.n);
}

/**
 * The table's count: exact up to `cap`, else "cap+" (capped: true). An exact
 * COUNT over a million rows costs a full index scan on every page view; nobody
 * reads "1,043,877" differently from "10,000+", and the pager still works.
 */
export async function countTracesCapped(
  client: Db,
  projectId: string,
  filter: TraceFilterInput,
  cap = 10_000,
): Promise<{ count: number; capped: boolean }> {
  const walkable = walkableSearch(client, traceConditions(filter));
  let n: number;
  if (walkable) {
    n = await countWalk(client, projectId, walkable.value, walkable.term, traceWhere(client, projectId, []), cap);
  } else {
    const where = traceWhere(client, projectId, filter, { searchMatches: await fewMatches(client, projectId, traceConditions(filter), PG_FEW_MATCHES) });
    const [row] = await client.$queryRaw<{ n: unknown }[]>`
      SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Trace" AS "t" WHERE ${where} LIMIT ${cap + 1}) AS "m"`;
    n = decode.number(row?.n);
  }
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}

/**
 * How far the table counts before saying "N+". Filters answered from indexes
 * count to 10,000 cheaply; filters that must read each row's payload or probe
 * another table (search, tags, scores, metadata, models) stop at 1,000 so a count
 * never costs more than a page.
 */
export function countCapFor(filter: TraceFilterInput): number {
  const rowScan = traceConditions(filter).some((c) => ROW_SCAN_COLUMNS.has(c.column));
  return rowScan ? 1_000 : 10_000;
}

/** Ids of every trace matching a filter (for "select all matching" bulk actions), capped. */
export async function matchingTraceIds(client: Db, projectId: string, filter: TraceFilterInput, cap = 100_000): Promise<string[]> {
  const where = traceWhere(client, projectId, filter);
  const rows = await client.$queryRaw<{ id: string }[]>`SELECT "t"."id" FROM "Trace" AS "t" WHERE ${where} LIMIT ${cap}`;
  return rows.map((r) => r.id);
}

function toRow(r: Record<string, unknown>): TraceListRow {
  return {
    id: String(r.id),
    name: (r.name as string | null) ?? null,
    timestamp: decode.date(r.timestamp),
    userId: (r.userId as string | null) ?? null,
    sessionId: (r.sessionId as string | null) ?? null,
    release: (r.release as string | null) ?? null,
    version: (r.version as string | null) ?? null,
    environment: String(r.environment),
    tags: decode.json<string[]>(r.tags, []),
    bookmarked: decode.boolean(r.bookmarked),
    latencyMs: decode.numberOrNull(r.latencyMs),
    inputTokens: decode.number(r.inputTokens),
    outputTokens: decode.number(r.outputTokens),
    totalTokens: decode.number(r.totalTokens),
    totalCost: decode.numberOrNull(r.totalCost),
    observationCount: decode.number(r.observationCount),
    errorCount: decode.number(r.errorCount),
    warningCount: decode.number(r.warningCount),
    inputPreview: (r.inputPreview as string | null) ?? null,
    outputPreview: (r.outputPreview as string | null) ?? null,
  };
}

/**
 * The scores of a page of traces, split: the traces' own (their score columns)
 * and their observations' (the "(obs.)" columns); per trace and name, the mean
 * numeric value or the latest label. One look-up by Score(projectId, traceId);
 * the split happens here because `observationId IS NULL` in the query would
 * tempt the planner onto Score(projectId, observationId) — every trace-level
 * score of the project.
 */
export async function pageScores(client: Db, projectId: string, traceIds: string[]) {
  if (!traceIds.length) return { trace: new Map<string, Record<string, number | string>>(), observations: new Map<string, Record<string, number | string>>() };
  // Sorted here, not by ORDER BY: with it SQLite walked the project's (projectId, timestamp) score index instead of
  // looking the page's traces up (1M traces, 450k scores: 0.8-1.5 s per page → a few ms).
  const found = await client.score.findMany({
    where: { projectId, traceId: { in: traceIds } },
    select: { id: true, timestamp: true, traceId: true, observationId: true, name: true, value: true, stringValue: true, dataType: true },
  });
  const rows = found.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    trace: aggregateScores(rows.filter((r) => r.observationId === null)),
    observations: aggregateScores(rows.filter((r) => r.observationId !== null)),
  };
}

/** The trace-level scores of a page of traces (see pageScores). */
export async function scoresForTraces(client: Db, projectId: string, traceIds: string[]) {
  return (await pageScores(client, projectId, traceIds)).trace;
}

/** The scores on a page of traces' observations (see pageScores). */
export async function observationScoresForTraces(client: Db, projectId: string, traceIds: string[]) {
  return (await pageScores(client, projectId, traceIds)).observations;
}
