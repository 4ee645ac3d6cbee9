// The sessions list: sessions are the traces sharing a sessionId, aggregated
// from the trace rows' rollups with GROUP BY on the (projectId, sessionId,
// timestamp) index. Two steps keep big projects fast: pick the page's session
// ids with only the aggregates the filter and sort need (for the default view
// a scan of that index alone), then aggregate the full rollups of those ids.
import { dialectOf, type Db } from "../db/client";
import { decode, empty, join, raw, sql, type Sql } from "../db/sql";
import type { Filter } from "../query/filter";
import { averageScores } from "../query/scores";
import type { SessionFilter, SessionListRow, SessionSortColumn } from "./schemas";
import { SESSION_END as END, SESSION_START as START, sessionWhere } from "./where";

/** The one filter model, or its session shorthand (see lib/sessions/filter.ts). */
export type SessionFilterInput = Filter | SessionFilter;

export interface SessionListQuery {
  filter: SessionFilterInput;
  sort?: { column: SessionSortColumn; dir: "asc" | "desc" };
  page: number;
  limit: number;
}

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

function conditions(client: Db, projectId: string, f: SessionFilterInput) {
  const { where, having } = sessionWhere(dialectOf(client), projectId, f);
  return { where, having: having.length ? sql`HAVING ${join(having, " AND ")}` : empty };
}

export async function listSessions(client: Db, projectId: string, q: SessionListQuery): Promise<SessionListRow[]> {
  const { where, having } = conditions(client, projectId, q.filter);
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
  const [rows, scores] = await Promise.all([sessionRollups(client, projectId, ids), sessionScores(client, projectId, ids)]);
  return ids.flatMap((id) => {
    const r = rows.get(id);
    return r ? [{ ...r, scores: scores.get(id) ?? {} }] : [];
  });
}

export async function countSessions(client: Db, projectId: string, filter: SessionFilterInput): Promise<number> {
  const { where, having } = conditions(client, projectId, filter);
  const [row] = await client.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM (SELECT "t"."sessionId" FROM "Trace" AS "t" WHERE ${where} GROUP BY "t"."sessionId" ${having}) AS "g"`;
  return decode.number(row?.n);
}

/** Ids of every session matching a filter (for "select all matching" bulk actions), capped. */
export async function matchingSessionIds(client: Db, projectId: string, filter: SessionFilterInput, cap = 10_000): Promise<string[]> {
  const { where, having } = conditions(client, projectId, filter);
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT "t"."sessionId" AS "id" FROM "Trace" AS "t" WHERE ${where} GROUP BY "t"."sessionId" ${having} LIMIT ${cap}`;
  return rows.map((r) => String(r.id));
}

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
    WHERE "t"."projectId" = ${projectId} AND ${d.inList(sql`"t"."sessionId"`, ids)}
    GROUP BY "t"."sessionId"`;
  const out = new Map<string, Omit<SessionListRow, "scores">>();
  for (const r of rows) {
    const start = decode.date(r.start);
    const end = decode.date(r.end);
    out.set(String(r.id), {
      id: String(r.id),
      bookmarked: decode.boolean(r.bookmarked),
      firstTimestamp: decode.date(r.first).toISOString(),
      lastTimestamp: decode.date(r.last).toISOString(),
      durationMs: Math.max(0, end.getTime() - start.getTime()),
      traceCount: decode.number(r.traceCount),
      userIds: decode.stringList(r.userIds),
      environments: decode.stringList(r.environments),
      totalCost: decode.numberOrNull(r.totalCost),
      totalTokens: decode.number(r.totalTokens),
      errorCount: decode.number(r.errorCount),
    });
  }
  return out;
}

/** Per session, per score name: scores on the session and its traces' own scores — not their observations' (average, or latest label). */
export async function sessionScores(client: Db, projectId: string, ids: string[]): Promise<Map<string, Record<string, number | string>>> {
  const d = dialectOf(client);
  const rows = await client.$queryRaw<{ sid: string; name: string; dataType: string; value: number | null; stringValue: string | null }[]>`
    SELECT "sid", "name", "dataType", "value", "stringValue" FROM (
      SELECT "s"."sessionId" AS "sid", "s"."name", "s"."dataType", "s"."value", "s"."stringValue", "s"."timestamp", "s"."id"
      FROM "Score" AS "s"
      WHERE "s"."projectId" = ${projectId} AND ${d.inList(sql`"s"."sessionId"`, ids)} AND "s"."traceId" IS NULL
      UNION ALL
      SELECT "t"."sessionId" AS "sid", "s"."name", "s"."dataType", "s"."value", "s"."stringValue", "s"."timestamp", "s"."id"
      FROM "Trace" AS "t"
      JOIN "Score" AS "s" ON "s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id"
      WHERE "t"."projectId" = ${projectId} AND ${d.inList(sql`"t"."sessionId"`, ids)} AND "s"."observationId" IS NULL
    ) AS "u"
    ORDER BY "timestamp" ASC, "id" ASC`;
  return averageScores(rows.map((r) => ({ key: r.sid, name: r.name, dataType: r.dataType, value: decode.numberOrNull(r.value), stringValue: r.stringValue })));
}
