// The previous and next trace of a table view (same filter and sort), for the
// trace page's arrows. Keyset look-ups from the current row, so they cost the
// same on page 1 and page 20,000: no OFFSET, no counting.
import type { Db } from "../db/client";
import { raw, sql, type Sql } from "../db/sql";
import { sortExpression, type TraceListQuery } from "./list";
import { traceWhere } from "./where";

export interface Neighbours {
  prev: string | null;
  next: string | null;
}

export async function traceNeighbours(
  client: Db,
  projectId: string,
  traceId: string,
  view: Pick<TraceListQuery, "filter" | "sort">,
): Promise<Neighbours> {
  const col = sortExpression(view.sort?.column);
  const desc = view.sort?.dir !== "asc";
  const [cur] = await client.$queryRaw<{ isNull: unknown }[]>`
    SELECT CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END AS "isNull" FROM "Trace" AS "t" WHERE "t"."projectId" = ${projectId} AND "t"."id" = ${traceId}`;
  if (!cur) return { prev: null, next: null };
  const curIsNull = Number(cur.isNull) === 1;
  const where = traceWhere(client, projectId, view.filter);
  const key = sql`(SELECT ${col}, "t"."id" FROM "Trace" AS "t" WHERE "t"."projectId" = ${projectId} AND "t"."id" = ${traceId})`;
  const curId = sql`${traceId}`;

  const one = async (cond: Sql, order: Sql): Promise<string | null> => {
    const rows = await client.$queryRaw<{ id: string }[]>`
      SELECT "t"."id" FROM "Trace" AS "t" WHERE ${where} AND ${cond} ORDER BY ${order} LIMIT 1`;
    return rows[0]?.id ?? null;
  };
  // "after" in display order: smaller when descending, larger when ascending.
  const after = raw(desc ? "<" : ">");
  const before = raw(desc ? ">" : "<");
  const fwd = raw(desc ? "DESC" : "ASC");
  const back = raw(desc ? "ASC" : "DESC");

  if (!curIsNull) {
    // Non-null values come first (NULLS LAST); the null tail follows the last of them.
    const next =
      (await one(sql`${col} IS NOT NULL AND (${col}, "t"."id") ${after} ${key}`, sql`${col} ${fwd}, "t"."id" ${fwd}`)) ??
      (await one(sql`${col} IS NULL`, sql`"t"."id" ${fwd}`));
    const prev = await one(sql`${col} IS NOT NULL AND (${col}, "t"."id") ${before} ${key}`, sql`${col} ${back}, "t"."id" ${back}`);
    return { prev, next };
  }
  const next = await one(sql`${col} IS NULL AND "t"."id" ${after} ${curId}`, sql`"t"."id" ${fwd}`);
  const prev =
    (await one(sql`${col} IS NULL AND "t"."id" ${before} ${curId}`, sql`"t"."id" ${back}`)) ??
    (await one(sql`${col} IS NOT NULL`, sql`${col} ${back}, "t"."id" ${back}`));
  return { prev, next };
}
