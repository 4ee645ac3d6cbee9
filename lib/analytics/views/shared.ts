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
 * SQLite's INDEXED BY after a table alias (nothing on PostgreSQL, whose statistics choose well): for the
 * few joins where SQLite, planning without ANALYZE statistics, rates a wrong index as good as the right one.
 * The name is Prisma's for the @@index in prisma/models.prisma; a missing index is an error, not a slow plan.
 */
export function indexedBy(d: Dialect, index: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(index)) throw new Error(`bad index name ${index}`);
  return raw(d.provider === "sqlite" ? ` INDEXED BY "${index}"` : "");
}
