// A metrics query checked against its view, before any SQL: every name the
// query uses must be one the view declares, and a numeric aggregation needs a
// numeric measure. A wrong one is a DomainError("invalid") whose path names the
// field (`metrics[0].measure`) and whose message lists the valid names. The
// answer is the plan the row builder runs: the view's definitions of each name.
import { dialectFor, type Dialect } from "../db/sql";
import { DomainError } from "../errors";
import { buildConditions, FilterError, filterIssues } from "../query/where";
import { bucketCount, resolveGranularity, type BucketUnit } from "./granularity";
import { METRIC_VIEWS, NON_NUMERIC_AGGREGATIONS, metricKey, type MetricAggregation, type MetricsQuery } from "./query-schema";
import type { DimensionDef, MeasureDef, ViewDecl } from "./views/types";
import { viewFor } from "./views";
import { TIME_DIMENSION } from "./rows/shape";

export { TIME_DIMENSION };

/** More buckets than this is a mistake (a minute granularity over months), not a chart. */
export const MAX_BUCKETS = 10_000;
export const DEFAULT_BINS = 10;
/** Aggregations a distinct-count measure (uniqueUserIds) takes: each answers the distinct count. */
const DISTINCT_COUNT_AGGREGATIONS: readonly MetricAggregation[] = ["count", "sum", "uniq"];

export interface PlannedMetric {
  key: string;
  measure: string;
  aggregation: MetricAggregation;
  def: MeasureDef;
}

export interface MetricsPlan {
  view: ViewDecl;
  dimensions: { field: string; def: DimensionDef }[];
  metrics: PlannedMetric[];
  /** The time bucket unit, null without a time dimension. */
  unit: BucketUnit | null;
  from: Date;
  to: Date;
  filters: MetricsQuery["filters"];
  /** Explicit, or Langfuse's default: time ascending, else the first metric descending. */
  orderBy: { field: string; direction: "asc" | "desc" }[];
  bins: number;
  rowLimit: number | null;
}

const invalid = (message: string, path: string) => new DomainError("invalid", message, { path });
const names = (o: object) => Object.keys(o).join(", ");

/** Checks a query against its view (field names are the same on both databases, so the dialect only shapes SQL). */
export function validateMetricsQuery(query: MetricsQuery, d: Dialect = dialectFor("sqlite")): MetricsPlan {
  if (!(METRIC_VIEWS as readonly string[]).includes(query.view)) throw invalid(`unknown view ${query.view}; one of ${METRIC_VIEWS.join(", ")}`, "view");
  const view = viewFor(query.view, d);

  const dimensions = query.dimensions.map(({ field }, i) => {
    const def = Object.hasOwn(view.dimensions, field) ? view.dimensions[field] : undefined;
    if (!def) throw invalid(`unknown dimension ${field} for view ${query.view}; one of ${names(view.dimensions)}`, `dimensions[${i}].field`);
    if (query.dimensions.findIndex((x) => x.field === field) !== i) throw invalid(`dimension ${field} is named twice`, `dimensions[${i}].field`);
    return { field, def };
  });

  const metrics = query.metrics.map(({ measure, aggregation }, i) => {
    const def = Object.hasOwn(view.measures, measure) ? view.measures[measure] : undefined;
    if (!def) throw invalid(`unknown measure ${measure} for view ${query.view}; one of ${names(view.measures)}`, `metrics[${i}].measure`);
    if (def.type === "string" && !NON_NUMERIC_AGGREGATIONS.includes(aggregation))
      throw invalid(`${aggregation} needs a numeric measure; ${measure} is text (use ${NON_NUMERIC_AGGREGATIONS.join(" or ")})`, `metrics[${i}].aggregation`);
    if (def.distinctCount && !DISTINCT_COUNT_AGGREGATIONS.includes(aggregation))
      throw invalid(`${measure} is a count of distinct values: aggregate it with ${DISTINCT_COUNT_AGGREGATIONS.join(", ")}`, `metrics[${i}].aggregation`);
    return { key: metricKey({ measure, aggregation }), measure, aggregation, def };
  });

  const issue = filterIssues(view.filters, query.filters)[0];
  if (issue) throw invalid(`${issue.message}`, `filters${issue.path}`);
  // A column's own builder may refuse an operator or value (level is error or warning): named at its condition.
  query.filters.forEach((c, i) => {
    try {
      buildConditions(d, view.filters, [c]);
    } catch (e) {
      if (e instanceof FilterError) throw invalid(`${c.column}: ${e.message}`, `filters[${i}].${String(e.path?.[0] ?? "value")}`);
      throw e;
    }
  });

  const from = new Date(query.fromTimestamp);
  const to = new Date(query.toTimestamp);
  if (!(from.getTime() < to.getTime())) throw invalid("fromTimestamp must be before toTimestamp", "fromTimestamp");
  const unit = query.timeDimension ? resolveGranularity(query.timeDimension.granularity, from, to) : null;
  if (unit && bucketCount(from, to, unit) > MAX_BUCKETS)
    throw invalid(`${unit} buckets over this range number ${bucketCount(from, to, unit)}; at most ${MAX_BUCKETS}: pick a coarser granularity or auto`, "timeDimension.granularity");

  const orderable = [...(unit ? [TIME_DIMENSION] : []), ...dimensions.map((x) => x.field), ...metrics.map((m) => m.key)];
  const orderBy = (query.orderBy ?? []).map(({ field, direction }, i) => {
    if (!orderable.includes(field)) throw invalid(`cannot order by ${field}; one of ${orderable.join(", ")}`, `orderBy[${i}].field`);
    return { field, direction };
  });
  if (!orderBy.length) {
    if (unit) orderBy.push({ field: TIME_DIMENSION, direction: "asc" });
    else if (metrics.length) orderBy.push({ field: metrics[0].key, direction: "desc" });
  }

  return { view, dimensions, metrics, unit, from, to, filters: query.filters, orderBy, bins: query.config?.bins ?? DEFAULT_BINS, rowLimit: query.config?.row_limit ?? null };
}
