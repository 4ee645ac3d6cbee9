// Fields several views share. Calendar month and day labels of a time column
// group by the dialect's UTC bucket (epoch ms on both databases) and are
// labelled in JS, so no date formatting differs between SQLite and PostgreSQL;
// the trace's tags as a dimension.
import type { Dialect, Sql } from "../../db/sql";
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
