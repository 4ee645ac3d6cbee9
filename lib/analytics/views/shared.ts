// Fields several views share. Calendar month and day labels of a time column
// group by the dialect's UTC bucket (epoch ms on both databases) and are
// labelled in JS, so no date formatting differs between SQLite and PostgreSQL;
// the trace's tags as a dimension.
import { raw, type Dialect, type Sql } from "../../db/sql";
import type { DimensionDef } from "./types";

export function monthDimension(d: Dialect, column: Sql, joins?: readonly string[]): DimensionDef {
  return { expr: d.timeBucket(column, "month"), type: "string", ...(joins ? { joins } : {}), decode: (v) => (v == null ? null : d.decode.date(v).toISOString().slice(0, 7)) };
}

export function dayDimension(d: Dialect, column: Sql, joins?: readonly string[]): DimensionDef {
  return { expr: d.timeBucket(column, "day"), type: "string", ...(joins ? { joins } : {}), decode: (v) => (v == null ? null : d.decode.date(v).toISOString().slice(0, 10)) };
}

/** A JSON array of tags as a dimension: grouped by the stored array (as Langfuse groups by the array), answered as a string list. */
export function tagsDimension(d: Dialect, column: Sql, joins?: readonly string[]): DimensionDef {
  return {
    expr: d.asText(column),
    type: "string[]",
    ...(joins ? { joins } : {}),
    decode: (v) => (v === null || v === undefined ? null : d.decode.json<unknown>(v, null) as string[] | null),
  };
}

/**
 * A view's child table read trace first (ViewDecl.traceFirst.from): the trace, then each trace's rows by
 * the child's (projectId, traceId, time) index. Both databases are kept from any other index of the child
 * whose leading columns a filter also pins (type = GENERATION, the time range), which they rate as good
 * when they plan without statistics (SQLite unless ANALYZE ran; PostgreSQL on a table never analysed,
 * e.g. autovacuum off): one user's latency by model read every generation of the range per trace (SQLite,
 * 2M traces: minutes; PostgreSQL, 3k traces: seconds).
 *  - SQLite: a CROSS JOIN keeps the written order, INDEXED BY names the index (Prisma's name for the
 *    @@index in prisma/models.prisma; a missing index is an error, not a slow plan).
 *  - PostgreSQL: a LATERAL subquery with OFFSET 0 is not flattened, so only the join columns reach the
 *    child's scan; the view's conditions filter its few rows per trace.
 */
export function traceFirstFrom(d: Dialect, table: "Observation" | "Score", alias: "o" | "s", index: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(index)) throw new Error(`bad index name ${index}`);
  if (d.provider === "sqlite") return raw(`"Trace" AS "t" CROSS JOIN "${table}" AS "${alias}" INDEXED BY "${index}"`);
  return raw(`"Trace" AS "t" CROSS JOIN LATERAL (SELECT * FROM "${table}" AS "${alias}" WHERE "${alias}"."projectId" = "t"."projectId" AND "${alias}"."traceId" = "t"."id" OFFSET 0) AS "${alias}"`);
}
