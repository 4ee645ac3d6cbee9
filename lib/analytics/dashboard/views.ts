// A section's loaded rows → what its charts draw, with every figure linked to
// the traces behind it (a bucket → its from/to, a series → its name, model or
// user). Pure: the section components call it on the server; tests call it
// with hand-made rows.
import type { FilterCondition } from "../../query/filter";
import type { BarListData, TimeSeriesData } from "../prepare/chart-data";
import { prepareLatencyTable, type LatencyRow } from "../prepare/latency";
import { prepareMetricSeries, prepareRateSeries, prepareStackedSeries, type SeriesLinks } from "../prepare/time-series";
import { prepareTopN } from "../prepare/top-n";
import { OTHER_LABEL } from "../prepare/time-series";
import type { NotApplicable } from "./filter";
import { seriesCondition, tracesHref, type DashboardParams } from "./params";
import { ERROR_TRACES, type Loaded } from "./queries";

/** A chart's data, or the filter conditions its view cannot take (the chart says so instead of drawing). */
export type Charted<T> = { ok: true; data: T } | { ok: false; notApplicable: NotApplicable[] };

export type ViewParams = Pick<DashboardParams, "range" | "from" | "to" | "unit" | "filter">;
type SeriesColumn = Parameters<typeof seriesCondition>[0];

function chart<T>(l: Loaded, make: (rows: Loaded & { ok: true }) => T): Charted<T> {
  return l.ok ? { ok: true, data: make(l) } : l;
}

/** Links into the traces table for a bucket, and for a bucket and one series' value. */
export function seriesLinks(projectId: string, p: ViewParams, column?: SeriesColumn, extra: readonly FilterCondition[] = []): SeriesLinks {
  return {
    bucket: (from, to) => tracesHref(projectId, p, { from, to, conditions: extra }),
    ...(column ? { series: (from: Date, to: Date, v: string | null) => (v === null ? undefined : tracesHref(projectId, p, { from, to, conditions: [...extra, seriesCondition(column, v)] })) } : {}),
  };
}

const valueHref = (projectId: string, p: ViewParams, column: SeriesColumn) => (v: string | null) => (v === null ? undefined : tracesHref(projectId, p, { conditions: [seriesCondition(column, v)] }));
const plural = (n: unknown, one: string) => `${typeof n === "number" ? n.toLocaleString("en-US") : "?"} ${one}${n === 1 ? "" : "s"}`;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export interface CostView {
  overTime: Charted<TimeSeriesData>;
  byModel: Charted<BarListData>;
  byName: Charted<BarListData>;
  byUser: Charted<BarListData>;
}

export function costView(projectId: string, p: ViewParams, l: Record<keyof CostView | "total", Loaded>): CostView {
  return {
    overTime: chart(l.overTime, ({ rows }) =>
      prepareStackedSeries(rows, p, { dimension: "providedModelName", metric: "sum_totalCost", format: "cost", links: seriesLinks(projectId, p, "model") }),
    ),
    byModel: chart(l.byModel, ({ rows }) =>
      prepareTopN(rows, { dimension: "providedModelName", metric: "sum_totalCost", format: "cost", href: valueHref(projectId, p, "model"), detail: (r) => plural(r.count_count, "observation") }),
    ),
    byName: chart(l.byName, ({ rows }) => prepareTopN(rows, { dimension: "name", metric: "sum_totalCost", format: "cost", href: valueHref(projectId, p, "name"), detail: (r) => plural(r.count_count, "trace") })),
    byUser: chart(l.byUser, ({ rows }) => {
      // The engine answers the top users only (row_limit); "other" is the total less theirs.
      const bars = prepareTopN(rows, { dimension: "userId", metric: "sum_totalCost", format: "cost", href: valueHref(projectId, p, "userId"), detail: (r) => plural(r.count_count, "trace") });
      const total = l.total.ok ? num(l.total.rows[0]?.sum_totalCost) : 0;
      const shown = bars.items.reduce((s, i) => s + i.value, 0);
      // Cost sums are decimals: a rest below a millionth of a cent is rounding, not other users.
      if (total - shown > 1e-8) bars.items.push({ label: OTHER_LABEL, value: total - shown, color: "#9aa1ad" });
      return bars;
    }),
  };
}

export interface TokensView {
  input: Charted<TimeSeriesData>;
  output: Charted<TimeSeriesData>;
}

export function tokensView(projectId: string, p: ViewParams, l: { overTime: Loaded }): TokensView {
  const by = (metric: string) => chart(l.overTime, ({ rows }) => prepareStackedSeries(rows, p, { dimension: "providedModelName", metric, format: "tokens", links: seriesLinks(projectId, p, "model") }));
  return { input: by("sum_inputTokens"), output: by("sum_outputTokens") };
}

export interface LatencyView {
  overTime: Charted<TimeSeriesData>;
  byName: Charted<LatencyRow[]>;
  byModel: Charted<LatencyRow[]>;
  timeToFirstToken: Charted<LatencyRow[]>;
}

export const PERCENTILES = ["p50", "p90", "p95", "p99"] as const;

export function latencyView(projectId: string, p: ViewParams, l: Record<"overTime" | "byName" | "byModel", Loaded>): LatencyView {
  return {
    overTime: chart(l.overTime, ({ rows }) =>
      prepareMetricSeries(
        rows,
        p,
        PERCENTILES.map((q) => ({ key: `${q}_latency`, label: q })),
        { format: "duration", fill: null, links: seriesLinks(projectId, p) },
      ),
    ),
    byName: chart(l.byName, ({ rows }) => prepareLatencyTable(rows, { dimension: "name", href: valueHref(projectId, p, "name") })),
    byModel: chart(l.byModel, ({ rows }) => prepareLatencyTable(rows, { dimension: "providedModelName", href: valueHref(projectId, p, "model") })),
    // Only generations that reported a first token (completionStartTime) have one.
    timeToFirstToken: chart(l.byModel, ({ rows }) =>
      prepareLatencyTable(rows, { dimension: "providedModelName", measure: "timeToFirstToken", href: valueHref(projectId, p, "model") }).filter((r) => r.p50 !== null),
    ),
  };
}

export interface VolumeView {
  traces: Charted<TimeSeriesData>;
  observations: Charted<TimeSeriesData>;
  errorRate: Charted<TimeSeriesData>;
}

export function volumeView(projectId: string, p: ViewParams, l: Record<"traces" | "errorTraces" | "observations", Loaded>): VolumeView {
  const count = (loaded: Loaded, label: string) =>
    chart(loaded, ({ rows }) => prepareMetricSeries(rows, p, [{ key: "count_count", label }], { format: "count", fill: 0, links: seriesLinks(projectId, p) }));
  const errorRate: Charted<TimeSeriesData> = !l.traces.ok
    ? l.traces
    : !l.errorTraces.ok
      ? l.errorTraces
      : { ok: true, data: prepareRateSeries(l.traces.rows, l.errorTraces.rows, p, { metric: "count_count", label: "traces with errors", links: seriesLinks(projectId, p, undefined, ERROR_TRACES) }) };
  return { traces: count(l.traces, "traces"), observations: count(l.observations, "observations"), errorRate };
}
