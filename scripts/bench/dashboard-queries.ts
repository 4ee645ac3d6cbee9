// The dashboard's chart queries as metrics query objects (cost, tokens, latency,
// volume and errors, quality, steps, top users and sessions), without their
// range, and the filters the benchmark adds to them: one model, one trace name,
// one user, and a metadata key (which the rollups cannot serve). A filter is
// phrased per view (a model is the traces view's "model", the observations
// view's providedModelName; scores have no model filter of their own).
// The lead will point this at the dashboard's own loader.
import type { MetricsQueryInput } from "../../lib/analytics/query-schema";
import type { FilterCondition } from "../../lib/query/filter";

export type ChartQuery = Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp">;
const auto = { granularity: "auto" as const };
const p = (measure: string, ...aggs: ("p50" | "p90" | "p95" | "p99")[]) => aggs.map((aggregation) => ({ measure, aggregation }));

export const DASHBOARD: [string, ChartQuery][] = [
  ["cost over time by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], timeDimension: auto }],
  ["cost by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }] }],
  ["cost by trace name", { view: "traces", dimensions: [{ field: "name" }], metrics: [{ measure: "totalCost", aggregation: "sum" }] }],
  ["cost by user, top 10", { view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], orderBy: [{ field: "sum_totalCost", direction: "desc" }], config: { row_limit: 10 } }],
  ["tokens over time by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "inputTokens", aggregation: "sum" }, { measure: "outputTokens", aggregation: "sum" }], timeDimension: auto }],
  ["trace latency p50-p99 over time", { view: "traces", metrics: p("latency", "p50", "p90", "p95", "p99"), timeDimension: auto }],
  ["latency by trace name", { view: "traces", dimensions: [{ field: "name" }], metrics: [{ measure: "count", aggregation: "count" }, ...p("latency", "p50", "p95", "p99")] }],
  ["latency by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "count", aggregation: "count" }, ...p("latency", "p50", "p95", "p99")], filters: [{ type: "string", column: "type", operator: "=", value: "GENERATION" }] }],
  ["ttft p50/p95 by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: p("timeToFirstToken", "p50", "p95"), filters: [{ type: "string", column: "type", operator: "=", value: "GENERATION" }] }],
  ["traces over time", { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], timeDimension: auto }],
  ["observations by level over time", { view: "observations", dimensions: [{ field: "level" }], metrics: [{ measure: "count", aggregation: "count" }], timeDimension: auto }],
  ["traces with errors over time", { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "level", operator: "=", value: "error" }], timeDimension: auto }],
  ["score averages over time", { view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "avg" }, { measure: "count", aggregation: "count" }], timeDimension: auto }],
  ["score histograms", { view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "histogram" }] }],
  ["categorical and boolean counts", { view: "scores-categorical", dimensions: [{ field: "name" }, { field: "stringValue" }], metrics: [{ measure: "count", aggregation: "count" }] }],
  ["boolean scores by value", { view: "scores-boolean", dimensions: [{ field: "name" }, { field: "stringValue" }], metrics: [{ measure: "count", aggregation: "count" }] }],
  ["score average by release", { view: "scores-numeric", dimensions: [{ field: "name" }, { field: "traceRelease" }], metrics: [{ measure: "value", aggregation: "avg" }] }],
  ["score average by model", { view: "scores-numeric", dimensions: [{ field: "name" }, { field: "observationModelName" }], metrics: [{ measure: "value", aggregation: "avg" }] }],
  ["steps by name and type", { view: "observations", dimensions: [{ field: "name" }, { field: "type" }], metrics: [{ measure: "totalCost", aggregation: "sum" }, { measure: "totalTokens", aggregation: "sum" }, ...p("latency", "p50", "p95")] }],
  ["top sessions by cost", { view: "traces", dimensions: [{ field: "sessionId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], orderBy: [{ field: "sum_totalCost", direction: "desc" }], config: { row_limit: 10 } }],
];

export interface FilterValues {
  model: string;
  traceName: string;
  userId: string;
}

/** The query with one more condition, phrased for its view (null: the view has no such column). */
export function withFilter(q: ChartQuery, kind: "none" | "model" | "trace name" | "user" | "metadata", v: FilterValues): ChartQuery | null {
  const add = (c: FilterCondition): ChartQuery => ({ ...q, filters: [...(q.filters ?? []), c] });
  const str = (column: string, value: string) => add({ type: "string", column, operator: "=", value });
  const scores = q.view.startsWith("scores");
  switch (kind) {
    case "none":
      return q;
    case "model":
      return q.view === "traces" ? str("model", v.model) : q.view === "observations" ? str("providedModelName", v.model) : str("observationModelName", v.model);
    case "trace name":
      return q.view === "traces" ? str("name", v.traceName) : str("traceName", v.traceName);
    case "user":
      return str("userId", v.userId);
    case "metadata":
      return add({ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu-west-1" });
  }
  return scores ? null : q;
}
