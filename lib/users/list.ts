// The users list: the traces a filter keeps, grouped by userId, in one query
// per page (every figure of a row is an aggregate of the same GROUP BY) plus
// one count. Functions take the client (integration tests call them).
import type { Db } from "../db/client";
import { decode, raw, sql, type Sql } from "../db/sql";
import type { Filter } from "../query/filter";
import { sessionRollups } from "../sessions/list";
import type { SessionListRow } from "../sessions/schemas";
import { traceWhere } from "../traces/where";
import type { UserFigures, UserSortColumn } from "./schemas";

export interface UserListQuery {
  /** Trace conditions (the users table: a user id search and a time range). */
  filter: Filter;
  sort?: { column: UserSortColumn; dir: "asc" | "desc" };
  page: number;
  limit: number;
}

const AGGREGATES = sql`COUNT(*) AS "traceCount", COUNT(DISTINCT "t"."sessionId") AS "sessionCount",
  SUM("t"."totalCost") AS "totalCost", SUM("t"."totalTokens") AS "totalTokens",
  MIN("t"."timestamp") AS "firstSeen", MAX("t"."timestamp") AS "lastSeen"`;

// PostgreSQL allows no output alias inside an ORDER BY expression, so the key is the aggregate again.
function sortKey(column: UserSortColumn): Sql {
  switch (column) {
    case "userId":
      return sql`"t"."userId"`;
    case "traces":
      return sql`COUNT(*)`;
    case "sessions":
      return sql`COUNT(DISTINCT "t"."sessionId")`;
    case "cost":
      return sql`SUM("t"."totalCost")`;
    case "tokens":
      return sql`SUM("t"."totalTokens")`;
    case "firstSeen":
      return sql`MIN("t"."timestamp")`;
    case "lastSeen":
      return sql`MAX("t"."timestamp")`;
  }
}

function where(client: Db, projectId: string, filter: Filter): Sql {
  return sql`${traceWhere(client, projectId, filter)} AND "t"."userId" IS NOT NULL`;
}

function toFigures(r: Record<string, unknown>): UserFigures {
  return {
    userId: String(r.userId),
    traceCount: decode.number(r.traceCount),
    sessionCount: decode.number(r.sessionCount),
    totalCost: decode.numberOrNull(r.totalCost),
    totalTokens: decode.number(r.totalTokens),
    firstSeen: decode.date(r.firstSeen).toISOString(),
    lastSeen: decode.date(r.lastSeen).toISOString(),
  };
}

export async function listUsers(client: Db, projectId: string, q: UserListQuery): Promise<UserFigures[]> {
  const key = sortKey(q.sort?.column ?? "lastSeen");
  const dir = raw(q.sort?.dir === "asc" ? "ASC" : "DESC");
  const w = where(client, projectId, q.filter);
  // NULLs (a cost nobody knows) last either way; the user id breaks ties so paging is stable.
  const order = sql`ORDER BY (${key}) IS NULL, ${key} ${dir}, "t"."userId" ${dir}`;
  // One statement, two steps: the inner query picks the page's user ids with
  // only the sort key, which for last/first seen, traces and user id is read
  // from the (projectId, userId, timestamp) index alone; the outer one reads
  // the full figures of those users' traces only. (A single pass would read
  // every trace row of the range for its cost and tokens, which SQLite stores
  // after the input/output payloads.)
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "t"."userId" AS "userId", ${AGGREGATES}
    FROM "Trace" AS "t"
    WHERE ${w} AND "t"."userId" IN (
      SELECT "p"."userId" FROM (
        SELECT "t"."userId" AS "userId" FROM "Trace" AS "t" WHERE ${w} GROUP BY "t"."userId" ${order} LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}
      ) AS "p")
    GROUP BY "t"."userId"
    ${order}`;
  return rows.map(toFigures);
}

export async function countUsers(client: Db, projectId: string, filter: Filter): Promise<number> {
  const [row] = await client.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(DISTINCT "t"."userId") AS "n" FROM "Trace" AS "t" WHERE ${where(client, projectId, filter)}`;
  return decode.number(row?.n);
}

/** One user's figures over all their traces (the (projectId, userId, timestamp) index); null when they have none. */
export async function userFigures(client: Db, projectId: string, userId: string, filter: Filter = []): Promise<UserFigures | null> {
  const f: Filter = [...filter, { type: "string", column: "userId", operator: "=", value: userId }];
  const [row] = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "t"."userId" AS "userId", ${AGGREGATES}
    FROM "Trace" AS "t"
    WHERE ${where(client, projectId, f)}
    GROUP BY "t"."userId"`;
  return row ? toFigures(row) : null;
}

/**
 * A user's newest sessions (by their own last trace in it), with each session's
 * full rollups. Picked from the user's traces on the (projectId, userId,
 * timestamp) index, not through the sessions list's HAVING over every session.
 */
export async function userSessions(client: Db, projectId: string, userId: string, limit: number): Promise<Omit<SessionListRow, "scores">[]> {
  const picked = await client.$queryRaw<{ id: string }[]>`
    SELECT "t"."sessionId" AS "id" FROM "Trace" AS "t"
    WHERE "t"."projectId" = ${projectId} AND "t"."userId" = ${userId} AND "t"."sessionId" IS NOT NULL
    GROUP BY "t"."sessionId"
    ORDER BY MAX("t"."timestamp") DESC, "t"."sessionId" DESC
    LIMIT ${limit}`;
  const ids = picked.map((r) => String(r.id));
  if (!ids.length) return [];
  const rollups = await sessionRollups(client, projectId, ids);
  return ids.flatMap((id) => {
    const r = rollups.get(id);
    return r ? [r] : [];
  });
}
