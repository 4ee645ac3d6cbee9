// The sessions list: sessions are the traces sharing a sessionId, aggregated
// from the trace rows' rollups with GROUP BY on the (projectId, sessionId,
// timestamp) index. Two steps keep big projects fast: pick the page's session
// ids with only the aggregates the filter and sort need (for the default view
// a scan of that index alone), then aggregate the full rollups of those ids.
import { dialectOf, type Db } from "../db/client";
import { empty, join, raw, sql, type Sql } from "../db/sql";
import type { SessionFilter, SessionListRow, SessionSortColumn } from "./schemas";

export interface SessionListQuery {
  filter: SessionFilter;
  sort?: { column: SessionSortColumn; dir: "asc" | "desc" };
  page: number;
  limit: number;
}

const START = sql`COALESCE("t"."startTime", "t"."timestamp")`;
const END = sql`COALESCE("t"."endTime", "t"."startTime", "t"."timestamp")`;

function sortKey(client: Db, column: SessionSortColumn): Sql {
  const d = dialectOf(client);
  switch (column) {
    case "timestamp":
      return sql`MIN("t"."timestamp")`;
    case "lastActivity":
      return sql`MAX("t"."timestamp")`;
    case "duration":
      return d.msBetween(sql`MAX(${END})`, sql`MIN(${START})`);
    case "traces":
      return sql`COUNT(*)`;
    case "cost":
      return sql`SUM("t"."totalCost")`;
    case "tokens":
      return sql`SUM("t"."totalTokens")`;
    case "errors":
      return sql`SUM("t"."errorCount")`;
  }
}

/** WHERE (per trace row, same for every trace of a session) and HAVING (per session). */
function conditions(projectId: string, f: SessionFilter) {
  const where: Sql[] = [sql`"t"."projectId" = ${projectId}`, sql`"t"."sessionId" IS NOT NULL`];
  if (f.q) where.push(sql`"t"."sessionId" LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  if (f.bookmarked !== undefined) {
    const marked = sql`SELECT "s"."id" FROM "Session" AS "s" WHERE "s"."projectId" = ${projectId} AND "s"."bookmarked" = ${true}`;
    where.push(f.bookmarked ? sql`"t"."sessionId" IN (${marked})` : sql`"t"."sessionId" NOT IN (${marked})`);
  }
  const having: Sql[] = [];
  if (f.from) having.push(sql`MAX("t"."timestamp") >= ${f.from}`);
  if (f.to) having.push(sql`MIN("t"."timestamp") <= ${f.to}`);
  if (f.userId) having.push(sql`SUM(CASE WHEN "t"."userId" = ${f.userId} THEN 1 ELSE 0 END) > 0`);
  if (f.environment) having.push(sql`SUM(CASE WHEN "t"."environment" = ${f.environment} THEN 1 ELSE 0 END) > 0`);
  if (f.errors === true) having.push(sql`SUM("t"."errorCount") > 0`);
  if (f.errors === false) having.push(sql`SUM("t"."errorCount") = 0`);
  return { where: join(where, " AND "), having: having.length ? sql`HAVING ${join(having, " AND ")}` : empty };
}

export async function listSessions(client: Db, projectId: string, q: SessionListQuery): Promise<SessionListRow[]> {
  const { where, having } = conditions(projectId, q.filter);
  const column = q.sort?.column ?? "timestamp";
  const dir = raw(q.sort?.dir === "asc" ? "ASC" : "DESC");
  const key = sortKey(client, column);
  // NULLs last either way (PostgreSQL allows no output alias inside an ORDER BY expression, so the key repeats).
  const page = await client.$queryRaw<{ id: string }[]>`
    SELECT "t"."sessionId" AS "id"
    FROM "Trace" AS "t"
    WHERE ${where}
    GROUP BY "t"."sessionId"
    ${having}
    ORDER BY (${key}) IS NULL, ${key} ${dir}, "t"."sessionId" ${dir}
    LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`;
  const ids = page.map((r) => String(r.id));
  if (!ids.length) return [];
  const rows = await sessionRollups(client, projectId, ids);
  const scores = await sessionScores(client, projectId, ids);
  return ids.flatMap((id) => {
    const r = rows.get(id);
    return r ? [{ ...r, scores: scores.get(id) ?? {} }] : [];
  });
}

export async function countSessions(client: Db, projectId: string, filter: SessionFilter): Promise<number> {
  const { where, having } = conditions(projectId, filter);
  const [row] = await client.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM (SELECT "t"."sessionId" FROM "Trace" AS "t" WHERE ${where} GROUP BY "t"."sessionId" ${having}) AS "g"`;
  return Number(row?.n ?? 0);
}

/** Ids of every session matching a filter (for "select all matching" bulk actions), capped. */
export async function matchingSessionIds(client: Db, projectId: string, filter: SessionFilter, cap = 10_000): Promise<string[]> {
  const { where, having } = conditions(projectId, filter);
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT "t"."sessionId" AS "id" FROM "Trace" AS "t" WHERE ${where} GROUP BY "t"."sessionId" ${having} LIMIT ${cap}`;
  return rows.map((r) => String(r.id));
}

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(typeof v === "bigint" ? Number(v) : (v as string | number)));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const jsonList = (v: unknown): string[] => {
  const parsed = typeof v === "string" ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? parsed.map(String).sort() : [];
};

/** Full rollups of the given sessions (all their traces, whatever the filter). */
export async function sessionRollups(client: Db, projectId: string, ids: string[]): Promise<Map<string, Omit<SessionListRow, "scores">>> {
  const d = dialectOf(client);
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "t"."sessionId" AS "id", COUNT(*) AS "traceCount",
      MIN("t"."timestamp") AS "first", MAX("t"."timestamp") AS "last",
      MIN(${START}) AS "start", MAX(${END}) AS "end",
      ${d.jsonArrayAggDistinct(sql`"t"."userId"`)} AS "userIds",
      ${d.jsonArrayAggDistinct(sql`"t"."environment"`)} AS "environments",
      SUM("t"."totalCost") AS "totalCost", SUM("t"."totalTokens") AS "totalTokens", SUM("t"."errorCount") AS "errorCount",
      MAX(CASE WHEN "s"."bookmarked" = ${true} THEN 1 ELSE 0 END) AS "bookmarked"
    FROM "Trace" AS "t"
    LEFT JOIN "Session" AS "s" ON "s"."projectId" = "t"."projectId" AND "s"."id" = "t"."sessionId"
    WHERE "t"."projectId" = ${projectId} AND "t"."sessionId" IN (${join(ids)})
    GROUP BY "t"."sessionId"`;
  const out = new Map<string, Omit<SessionListRow, "scores">>();
  for (const r of rows) {
    const start = toDate(r.start);
    const end = toDate(r.end);
    out.set(String(r.id), {
      id: String(r.id),
      bookmarked: num(r.bookmarked) === 1,
      firstTimestamp: toDate(r.first).toISOString(),
      lastTimestamp: toDate(r.last).toISOString(),
      durationMs: Math.max(0, end.getTime() - start.getTime()),
      traceCount: num(r.traceCount),
      userIds: jsonList(r.userIds),
      environments: jsonList(r.environments),
      totalCost: r.totalCost === null || r.totalCost === undefined ? null : Number(r.totalCost),
      totalTokens: num(r.totalTokens),
      errorCount: num(r.errorCount),
    });
  }
  return out;
}

/** Per session, per score name: scores on the session and its traces' own scores — not their observations' (average, or latest label). */
export async function sessionScores(client: Db, projectId: string, ids: string[]): Promise<Map<string, Record<string, number | string>>> {
  const rows = await client.$queryRaw<{ sid: string; name: string; dataType: string; value: number | null; stringValue: string | null }[]>`
    SELECT "sid", "name", "dataType", "value", "stringValue" FROM (
      SELECT "s"."sessionId" AS "sid", "s"."name", "s"."dataType", "s"."value", "s"."stringValue", "s"."timestamp"
      FROM "Score" AS "s"
      WHERE "s"."projectId" = ${projectId} AND "s"."sessionId" IN (${join(ids)}) AND "s"."traceId" IS NULL
      UNION ALL
      SELECT "t"."sessionId" AS "sid", "s"."name", "s"."dataType", "s"."value", "s"."stringValue", "s"."timestamp"
      FROM "Trace" AS "t"
      JOIN "Score" AS "s" ON "s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id"
      WHERE "t"."projectId" = ${projectId} AND "t"."sessionId" IN (${join(ids)}) AND "s"."observationId" IS NULL
    ) AS "u"
    ORDER BY "timestamp" ASC`;
  const acc = new Map<string, Map<string, { sum: number; n: number; label?: string }>>();
  for (const s of rows) {
    const byName = acc.get(s.sid) ?? new Map<string, { sum: number; n: number; label?: string }>();
    acc.set(s.sid, byName);
    const e = byName.get(s.name) ?? { sum: 0, n: 0 };
    if (s.dataType === "NUMERIC" && s.value !== null) {
      e.sum += Number(s.value);
      e.n++;
    } else e.label = s.stringValue ?? String(s.value);
    byName.set(s.name, e);
  }
  const out = new Map<string, Record<string, number | string>>();
  for (const [sid, byName] of acc) {
    out.set(sid, Object.fromEntries([...byName].map(([name, e]) => [name, e.n ? Number((e.sum / e.n).toFixed(3)) : (e.label ?? "")])));
  }
  return out;
}
