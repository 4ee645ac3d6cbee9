// The read API's list queries in plain SQL: a page of ids and a capped count.
// Prisma's count({ take }) orders its subquery by the primary key, which makes
// SQLite walk the key (or sort every match) instead of the filter's index, and
// its `in` lists hit the driver's parameter limit at a few thousand trace ids;
// here a bare `SELECT 1 ... LIMIT cap` takes the index and stops at the cap, and
// id lists travel as one parameter (dialect.inList).
import { dialectOf, type Db } from "../db/client";
import { decode, ident, join, raw, sql, type Sql } from "../db/sql";

type Scalar = string | number | boolean | Date;
type Cond =
  | Scalar
  | undefined
  | { in: Scalar[] }
  | { gte?: Date; lt?: Date }
  | { lt?: number; gt?: number; lte?: number; gte?: number; equals?: number; not?: number | string };

/** The where objects the read API builds for Prisma (equality, `in`, ranges, comparisons), as SQL. */
export type FlatWhere = Record<string, Cond>;

const OPS: Record<string, string> = { lt: "<", gt: ">", lte: "<=", gte: ">=", equals: "=", not: "<>" };

function conditions(client: Db, where: FlatWhere): Sql[] {
  const d = dialectOf(client);
  const out: Sql[] = [];
  for (const [col, cond] of Object.entries(where)) {
    if (cond === undefined) continue;
    const c = ident(col);
    if (typeof cond !== "object" || cond instanceof Date) {
      out.push(sql`${c} = ${cond}`);
    } else if ("in" in cond) {
      const values = cond.in;
      if (!values.length) out.push(sql`1 = 0`);
      // A long id list travels as one parameter (driver limits); a short one as plain
      // parameters, which the planner matches to the key's index.
      else if (values.length > 100 && values.every((v) => typeof v === "string")) out.push(d.inList(c, values as string[]));
      else out.push(sql`${c} IN (${join(values)})`);
    } else {
      for (const [op, v] of Object.entries(cond)) if (v !== undefined) out.push(sql`${c} ${raw(OPS[op])} ${v}`);
    }
  }
  return out;
}

type Table = "Observation" | "Score" | "Session";

function whereSql(client: Db, where: FlatWhere): Sql {
  const conds = conditions(client, where);
  return conds.length ? join(conds, " AND ") : sql`1 = 1`;
}

/** The ids of one page, newest first by `timeColumn` (ties by id). */
export async function pageIds(client: Db, table: Table, where: FlatWhere, timeColumn: string, page: number, limit: number): Promise<string[]> {
  const t = ident(timeColumn);
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM ${ident(table)} WHERE ${whereSql(client, where)}
    ORDER BY ${t} DESC, "id" DESC LIMIT ${limit} OFFSET ${(page - 1) * limit}`;
  return rows.map((r) => r.id);
}

/** How many rows match, counting no further than `cap`. */
export async function countCapped(client: Db, table: Table, where: FlatWhere, cap: number): Promise<number> {
  const [row] = await client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM ${ident(table)} WHERE ${whereSql(client, where)} LIMIT ${cap}) AS "m"`;
  return decode.number(row?.n);
}
