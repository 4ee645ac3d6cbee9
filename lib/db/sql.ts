// Raw SQL for the hot paths (ingestion upserts, rollups, big-table queries),
// written once for both providers. Identifiers are double-quoted (valid in
// SQLite and PostgreSQL); only the few spots that differ go through `dialect`.
import { empty, join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { Provider } from "./schema-files";

export { empty, join, raw, sql, type Sql };

export interface Dialect {
  provider: Provider;
  /** Milliseconds between two DateTime expressions. */
  msBetween(later: Sql, earlier: Sql): Sql;
  /** JSON array of the distinct non-null values of an expression (aggregate). */
  jsonArrayAggDistinct(expr: Sql): Sql;
  /** The text at a top-level key of a JSON column. */
  jsonText(column: Sql, key: string): Sql;
  /** True when a JSON array column contains the string. */
  jsonArrayContains(column: Sql, value: string): Sql;
  /** Case-insensitive LIKE with backslash escapes. */
  ilike(expr: Sql, pattern: string): Sql;
  /** `column IN (the ids)` with one fixed statement text whatever the count (prepared once). */
  inList(column: Sql, ids: string[]): Sql;
  /** A JSON column as text. */
  asText(column: Sql): Sql;
  /** The first n characters of a JSON column's text (a bounded preview for lists). */
  preview(column: Sql, n: number): Sql;
}

const sqlite: Dialect = {
  provider: "sqlite",
  // SQLite stores DateTime as integer milliseconds (lib/db/adapter.ts).
  msBetween: (later, earlier) => sql`(${later} - ${earlier})`,
  jsonArrayAggDistinct: (expr) => sql`json_group_array(DISTINCT ${expr}) FILTER (WHERE ${expr} IS NOT NULL)`,
  jsonText: (column, key) => sql`json_extract(${column}, ${"$." + JSON.stringify(key)})`,
  jsonArrayContains: (column, value) => sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = ${value})`,
  ilike: (expr, pattern) => sql`${expr} LIKE ${pattern} ESCAPE '\\'`,
  inList: (column, ids) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  asText: (column) => sql`CAST(${column} AS TEXT)`,
  preview: (column, n) => sql`substr(CAST(${column} AS TEXT), 1, ${n})`,
};

const postgresql: Dialect = {
  provider: "postgresql",
  msBetween: (later, earlier) => sql`(EXTRACT(EPOCH FROM (${later} - ${earlier})) * 1000)`,
  jsonArrayAggDistinct: (expr) => sql`jsonb_agg(DISTINCT ${expr}) FILTER (WHERE ${expr} IS NOT NULL)`,
  jsonText: (column, key) => sql`(${column} ->> ${key})`,
  jsonArrayContains: (column, value) => sql`(${column} @> jsonb_build_array(${value}::text))`,
  ilike: (expr, pattern) => sql`${expr} ILIKE ${pattern} ESCAPE '\\'`,
  inList: (column, ids) => sql`${column} = ANY(${ids}::text[])`,
  asText: (column) => sql`(${column})::text`,
  preview: (column, n) => sql`left((${column})::text, ${n})`,
};

export function dialectFor(provider: Provider): Dialect {
  return provider === "sqlite" ? sqlite : postgresql;
}

/** Quoted identifier, for column lists built from code (never from input). */
export function ident(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad identifier ${name}`);
  return raw(`"${name}"`);
}
