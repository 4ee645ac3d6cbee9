// The dashboard's metrics queries, per section: Langfuse query objects over
// the engine's views, built from the dashboard's params (range, bucket unit,
// the shared filter mapped per view by filter.ts). Pure: the loader runs them,
// tests read them.
import type { Filter } from "../../query/filter";
import { metricsQuerySchema, type MetricsQuery, type MetricsQueryInput, type MetricsRow } from "../query-schema";
import type { DashboardParams } from "./params";
import { viewFilter, type NotApplicable } from "./filter";

/** A query's answer, or the filter conditions its view cannot take (it was not run). */
export type Loaded = { ok: true; rows: MetricsRow[] } | { ok: false; notApplicable: NotApplicable[] };

export type PlannedQuery = { ok: true; query: MetricsQuery } | { ok: false; notApplicable: NotApplicable[] };

export type QuerySpec = Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp" | "filters" | "timeDimension"> & {
  /** The section's own conditions (in the view's columns), after the shared filter's. */
  filters?: Filter;
  /** Bucketed by the dashboard's unit. */
  timed?: boolean;
};

type Params = Pick<DashboardParams, "from" | "to" | "unit" | "filter">;

/** A section's query with the dashboard's range, bucket and filter; not applicable when the view cannot take the filter. */
export function planQuery(p: Params, spec: QuerySpec): PlannedQuery {
  const vf = viewFilter(p.filter, spec.view);
  if (!vf.ok) return vf;
  const { filters = [], timed, ...rest } = spec;
  return {
    ok: true,
    query: metricsQuerySchema.parse({
      ...rest,
      filters: [...vf.filters, ...filters],
      ...(timed ? { timeDimension: { granularity: p.unit } } : {}),
      fromTimestamp: p.from.toISOString(),
      toTimestamp: p.to.toISOString(),
    }),
  };
}

const m = <A extends MetricsQueryInput["metrics"][number]["aggregation"]>(measure: string, aggregation: A) => ({ measure, aggregation });
export const GENERATIONS: Filter = [{ type: "string", column: "type", operator: "=", value: "GENERATION" }];
export const ERROR_TRACES: Filter = [{ type: "string", column: "level", operator: "=", value: "error" }];
export const TOP_USERS = 10;

export const COST_QUERIES = {
  /** Cost per bucket by model (observations: a model is an observation's). */
  overTime: { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [m("totalCost", "sum")], timed: true },
  byModel: { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [m("totalCost", "sum"), m("count", "count")] },
  /** By trace name and user: the trace rows' cost rollup. */
  byName: { view: "traces", dimensions: [{ field: "name" }], metrics: [m("totalCost", "sum"), m("count", "count")] },
  byUser: {
    view: "traces",
    dimensions: [{ field: "userId" }],
    metrics: [m("totalCost", "sum"), m("count", "count")],
    orderBy: [{ field: "sum_totalCost", direction: "desc" }],
    config: { row_limit: TOP_USERS },
  },
  /** The whole cost, for "other" beside the top users (the list is cut at TOP_USERS). */
  total: { view: "traces", metrics: [m("totalCost", "sum"), m("count", "count")] },
} satisfies Record<string, QuerySpec>;

export const TOKEN_QUERIES = {
  overTime: { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [m("inputTokens", "sum"), m("outputTokens", "sum")], timed: true },
} satisfies Record<string, QuerySpec>;

export const LATENCY_QUERIES = {
  /** Trace latency (the trace row's latencyMs) percentiles per bucket. */
  overTime: { view: "traces", metrics: [m("latency", "p50"), m("latency", "p90"), m("latency", "p95"), m("latency", "p99")], timed: true },
  byName: { view: "traces", dimensions: [{ field: "name" }], metrics: [m("count", "count"), m("latency", "p50"), m("latency", "p95"), m("latency", "p99")] },
  /** Generations by model: latency and time to first token in one pass. */
  byModel: {
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    metrics: [m("count", "count"), m("latency", "p50"), m("latency", "p95"), m("latency", "p99"), m("timeToFirstToken", "p50"), m("timeToFirstToken", "p95")],
    filters: GENERATIONS,
  },
} satisfies Record<string, QuerySpec>;

export const VOLUME_QUERIES = {
  traces: { view: "traces", metrics: [m("count", "count")], timed: true },
  errorTraces: { view: "traces", metrics: [m("count", "count")], filters: ERROR_TRACES, timed: true },
  observations: { view: "observations", metrics: [m("count", "count")], timed: true },
} satisfies Record<string, QuerySpec>;
