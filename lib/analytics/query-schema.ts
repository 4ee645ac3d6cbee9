// The metrics query: Langfuse's query object (GET /api/public/metrics and
// /api/public/v2/metrics, packages/shared/src/features/query/types.ts), the
// one input of the analytics engine. The dashboard builds the same objects.
// Pure (no server imports): forms, pages and tests use it.
import { z } from "zod";
import { filterCondition } from "../query/filter";

export const METRIC_VIEWS = ["traces", "observations", "scores-numeric", "scores-categorical", "scores-boolean"] as const;
/** The v2 endpoint has no traces view (Langfuse reads traces from observations there). */
export const METRIC_VIEWS_V2 = ["observations", "scores-numeric", "scores-categorical", "scores-boolean"] as const;
export type MetricView = (typeof METRIC_VIEWS)[number];

export const METRIC_AGGREGATIONS = ["sum", "avg", "count", "max", "min", "p50", "p75", "p90", "p95", "p99", "histogram", "uniq"] as const;
export type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number];
/** The aggregations a non-numeric measure takes (Langfuse's getValidAggregationsForMeasureType). */
export const NON_NUMERIC_AGGREGATIONS: readonly MetricAggregation[] = ["count", "uniq"];

export const GRANULARITIES = ["auto", "minute", "hour", "day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const isoInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });

function queryObject<V extends readonly [string, ...string[]]>(views: V) {
  return z
    .object({
      view: z.enum(views),
      dimensions: z.array(z.object({ field: z.string().min(1) })).max(10).optional().default([]),
      metrics: z.array(z.object({ measure: z.string().min(1), aggregation: z.enum(METRIC_AGGREGATIONS) })).min(1, "name at least one metric").max(20),
      filters: z.array(filterCondition).max(100).optional().default([]),
      timeDimension: z.object({ granularity: z.enum(GRANULARITIES) }).nullable().optional().default(null),
      fromTimestamp: isoInstant,
      toTimestamp: isoInstant,
      orderBy: z.array(z.object({ field: z.string().min(1), direction: z.enum(["asc", "desc"]) })).nullable().optional().default(null),
      config: z.object({ bins: z.number().int().min(1).max(100).optional(), row_limit: z.number().int().positive().lte(1000).optional() }).optional(),
    })
    .refine((q) => new Date(q.fromTimestamp).getTime() < new Date(q.toTimestamp).getTime(), { message: "fromTimestamp must be before toTimestamp", path: ["fromTimestamp"] });
}

export const metricsQuerySchema = queryObject(METRIC_VIEWS);
export const metricsQueryV2Schema = queryObject(METRIC_VIEWS_V2);
export type MetricsQuery = z.output<typeof metricsQuerySchema>;
export type MetricsQueryInput = z.input<typeof metricsQuerySchema>;

/**
 * A result row: dimension fields by name, `time_dimension` (ISO bucket start), `${aggregation}_${measure}`.
 * A tags dimension answers the trace's tag list (string[]), a scores-boolean booleanValue a boolean,
 * a histogram `[[lower, upper, count], ...]`.
 */
export type MetricsRow = Record<string, string | number | boolean | null | string[] | [number, number, number][]>;

/** The column a metric's value is answered under: sum + totalCost → "sum_totalCost". */
export function metricKey(m: { measure: string; aggregation: MetricAggregation }): string {
  return `${m.aggregation}_${m.measure}`;
}
