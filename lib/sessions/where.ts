// The sessions where-builder: the one filter model on sessions, which are the
// trace rows sharing a sessionId. Row conditions (the session id, its bookmark)
// go in WHERE, on the (projectId, sessionId, timestamp) index; conditions on the
// session's aggregates (activity window, users, environments, rollups) in HAVING.
import type { Dialect } from "../db/sql";
import { join, sql, type Sql } from "../db/sql";
import type { Filter, FilterCondition } from "../query/filter";
import { buildConditions, FilterError, type ViewColumns } from "../query/where";
import { sessionConditions } from "./filter";
import type { SessionFilter } from "./schemas";

export const SESSION_START = sql`COALESCE("t"."startTime", "t"."timestamp")`;
export const SESSION_END = sql`COALESCE("t"."endTime", "t"."startTime", "t"."timestamp")`;

/** A text column of the session's traces: how many of them match. */
function anyTrace(expr: Sql) {
  return (c: FilterCondition, d: Dialect): Sql => {
    if (c.type !== "arrayOptions" && c.type !== "stringOptions") throw new FilterError("takes arrayOptions", "type");
    const hits = (values: string[]) => sql`SUM(CASE WHEN ${d.inList(expr, values)} THEN 1 ELSE 0 END)`;
    if (c.operator === "all of") return join(c.value.map((v) => sql`${hits([v])} > 0`), " AND ");
    if (c.operator === "none of") return sql`${hits(c.value)} = 0`;
    return sql`${hits(c.value)} > 0`;
  };
}

function bookmarked(projectId: string) {
  return (c: FilterCondition): Sql => {
    if (c.type !== "boolean") throw new FilterError("bookmarked takes a boolean", "type");
    const marked = sql`SELECT "s"."id" FROM "Session" AS "s" WHERE "s"."projectId" = ${projectId} AND "s"."bookmarked" = ${true}`;
    return c.value === (c.operator === "=") ? sql`"t"."sessionId" IN (${marked})` : sql`"t"."sessionId" NOT IN (${marked})`;
  };
}

/** The columns a session filter may name (the Session row's bookmark needs the project). */
export function sessionColumns(projectId: string, d: Dialect): ViewColumns {
  return {
    id: { types: ["string", "stringOptions"], expr: sql`"t"."sessionId"` },
    bookmarked: { types: ["boolean"], build: bookmarked(projectId) },
    firstTimestamp: { types: ["datetime"], expr: sql`MIN("t"."timestamp")`, having: true },
    lastTimestamp: { types: ["datetime"], expr: sql`MAX("t"."timestamp")`, having: true },
    userIds: { types: ["arrayOptions"], build: anyTrace(sql`"t"."userId"`), having: true },
    environments: { types: ["arrayOptions"], build: anyTrace(sql`"t"."environment"`), having: true },
    traceCount: { types: ["number"], expr: sql`COUNT(*)`, having: true },
    errorCount: { types: ["number"], expr: sql`SUM("t"."errorCount")`, having: true },
    totalCost: { types: ["number"], expr: sql`SUM("t"."totalCost")`, having: true },
    totalTokens: { types: ["number"], expr: sql`SUM("t"."totalTokens")`, having: true },
    duration: { types: ["number"], expr: d.msBetween(sql`MAX(${SESSION_END})`, sql`MIN(${SESSION_START})`), having: true },
  };
}

/** WHERE (per trace row) and HAVING (per session) for a project's sessions matching a filter. */
export function sessionWhere(d: Dialect, projectId: string, filter: Filter | SessionFilter): { where: Sql; having: Sql[] } {
  const { where, having } = buildConditions(d, sessionColumns(projectId, d), sessionConditions(filter));
  return { where: join([sql`"t"."projectId" = ${projectId}`, sql`"t"."sessionId" IS NOT NULL`, ...where], " AND "), having };
}
