// Fields several views share. Calendar month and day labels of a time column
// group by the dialect's UTC bucket (epoch ms on both databases) and are
// labelled in JS, so no date formatting differs between SQLite and PostgreSQL;
// the trace's tags as a dimension and as a filter.
import { sql, type Dialect, type Sql } from "../../db/sql";
import { TRACE_COLUMNS } from "../../traces/where";
import type { ColumnDef } from "../../query/where";
import type { DimensionDef } from "./types";

export function monthDimension(d: Dialect, column: Sql, joins?: readonly string[]): DimensionDef {
  return { expr: d.timeBucket(column, "month"), type: "string", ...(joins ? { joins } : {}), decode: (v) => (v == null ? null : d.decode.date(v).toISOString().slice(0, 7)) };
}

export function dayDimension(d: Dialect, column: Sql, joins?: readonly string[]): DimensionDef {
  return { expr: d.timeBucket(column, "day"), type: "string", ...(joins ? { joins } : {}), decode: (v) => (v == null ? null : d.decode.date(v).toISOString().slice(0, 10)) };
}

/**
 * The trace's tags (Trace aliased "t"), by the traces table's builder, except that a trace with no tag list
 * is in "none of": the table's test is NULL there on PostgreSQL but true on SQLite, and the engine must
 * answer the same on both.
 */
export const TAGS_FILTER: ColumnDef = {
  types: ["arrayOptions"],
  build: (c, d) => {
    const test = TRACE_COLUMNS.tags.build!(c, d);
    return c.type === "arrayOptions" && c.operator === "none of" ? sql`("t"."tags" IS NULL OR ${test})` : test;
  },
};

/** A JSON array of tags as a dimension: grouped by the stored array (as Langfuse groups by the array), answered as a string list. */
export function tagsDimension(d: Dialect, column: Sql, joins?: readonly string[]): DimensionDef {
  return {
    expr: d.asText(column),
    type: "string[]",
    ...(joins ? { joins } : {}),
    decode: (v) => (v === null || v === undefined ? null : d.decode.json<unknown>(v, null) as string[] | null),
  };
}
