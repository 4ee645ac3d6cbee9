// What a metrics view declares (Langfuse's ViewDeclarationType, on our rows):
// the FROM with its joins, the time column, and per field the SQL expression
// and type. The row builder (lib/analytics/rows) turns a query over a view into
// SQL; validate.ts checks a query against it. Pure declarations, no I/O.
import { raw, type Dialect, type Sql } from "../../db/sql";
import type { MetricView } from "../query-schema";
import type { ViewColumns } from "../../query/where";

export type DimensionType = "string" | "string[]" | "number" | "boolean";
export type MeasureType = "integer" | "decimal" | "string";

export interface DimensionDef {
  expr: Sql;
  type: DimensionType;
  /** The joins (by name, see ViewDecl.joins) the expression reads. */
  joins?: readonly string[];
  /** Driver value → answer value, when the plain decoding for the type is not it (e.g. a month bucket → "2026-01"). */
  decode?: (v: unknown) => string | number | boolean | null | string[];
}

export interface MeasureDef {
  /** The per-row value the aggregation runs over. */
  expr: Sql;
  type: MeasureType;
  joins?: readonly string[];
  /**
   * A measure that is itself a distinct count over the group (uniqueUserIds):
   * count, sum and uniq all answer COUNT(DISTINCT expr); other aggregations are refused.
   */
  distinctCount?: boolean;
}

export interface ViewDecl {
  name: MetricView;
  /** The base table with its alias, e.g. "Trace" AS "t". */
  from: Sql;
  /** LEFT JOINs by name, added only when a field used by the query needs them. */
  joins: Record<string, Sql>;
  projectColumn: Sql;
  /** The view's time column: fromTimestamp/toTimestamp and time buckets apply to it. */
  timeColumn: Sql;
  /** Conditions every row of the view meets (Langfuse's segments: a scores view's data types). */
  segments: Sql[];
  dimensions: Record<string, DimensionDef>;
  measures: Record<string, MeasureDef>;
  /**
   * A view over a trace's children (observations, scores) may be read trace first: when a filter pins a
   * trace column to a few values (userId = …), the trace's own index finds the traces and the child's
   * (projectId, traceId, …) index their rows, instead of every child row of the range being read and
   * joined. `from` replaces the base table and the trace join (both aliased as usual); `on` joins them.
   */
  traceFirst?: { columns: readonly string[]; from: Sql; on: Sql[] };
  /** The filter columns (lib/query/where.ts) and the joins each needs. */
  filters: ViewColumns;
  filterJoins: Record<string, readonly string[]>;
}

export type ViewFactory = (d: Dialect) => ViewDecl;

/** The filter condition types a dimension of a type takes. */
export function filterTypesFor(type: DimensionType) {
  switch (type) {
    case "string":
      return ["string", "stringOptions"] as const;
    case "string[]":
      return ["arrayOptions"] as const;
    case "number":
      return ["number"] as const;
    case "boolean":
      return ["boolean"] as const;
  }
}

/**
 * Every dimension as a filter column (its expression, its type's conditions), the way Langfuse lets a filter
 * name any dimension. A dimension whose answer is relabelled in JS (a month bucket) is left out: its SQL value
 * is not what a filter would compare; a view adds such columns (tags) with their own builder.
 */
export function dimensionFilters(dims: Record<string, DimensionDef>): { filters: ViewColumns; filterJoins: Record<string, readonly string[]> } {
  const filters: ViewColumns = {};
  const filterJoins: Record<string, readonly string[]> = {};
  for (const [name, def] of Object.entries(dims)) {
    if (def.decode) continue;
    filters[name] = { types: filterTypesFor(def.type), expr: def.expr };
    if (def.joins?.length) filterJoins[name] = def.joins;
  }
  return { filters, filterJoins };
}

/** Quoted column of an alias: col("t", "name") → "t"."name". */
export function col(alias: string, name: string): Sql {
  return raw(`"${alias}"."${name}"`);
}
