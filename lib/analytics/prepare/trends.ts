// Trend rows (lib/analytics/dashboard/trends-queries.ts) → the trends block's
// time series: cost by model (the costliest models, the rest as "other"),
// latency percentiles, and traces / observations / errors. Pure.
import type { BucketUnit } from "../granularity";
import type { MetricsRow } from "../query-schema";
import type { ChartSeries, TimeSeriesData } from "./chart-data";
import { seriesColor } from "./palette";
import { pointsOf } from "./time-series";

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const OTHER = "other";

/**
 * Cost per bucket stacked by model: the `top` costliest models over the whole
 * span, the rest summed as "other" (observations without a model are
 * "(no model)"), models without cost left out. Empty buckets are 0.
 */
export function prepareCostByModel(rows: readonly MetricsRow[], unit: BucketUnit, top = 6): TimeSeriesData {
  const totals = new Map<string, number>();
  for (const r of rows) {
    const m = str(r.providedModelName) ?? "(no model)";
    totals.set(m, (totals.get(m) ?? 0) + (num(r.sum_totalCost) ?? 0));
  }
  const ranked = [...totals.entries()].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, top).map(([m]) => m);
  const hasOther = ranked.length > top;
  const series: ChartSeries[] = [...shown, ...(hasOther ? [OTHER] : [])].map((label, i) => ({ key: `s${i}`, label, color: label === OTHER ? "#8a8f98" : seriesColor(i) }));
  const keyOf = new Map(series.map((s) => [s.label, s.key]));
  const otherKey = keyOf.get(OTHER);
  const points = pointsOf(rows, series, (r) => {
    const key = keyOf.get(str(r.providedModelName) ?? "(no model)") ?? otherKey;
    return key ? [[key, num(r.sum_totalCost) ?? 0]] : [];
  });
  for (const p of points) for (const s of series) p.values[s.key] ??= 0;
  return { unit, series, points, format: "cost" };
}

const PERCENTILES = ["p50", "p90", "p95", "p99"] as const;

/** Trace latency p50 / p90 / p95 / p99 per bucket (null where the bucket has no trace). */
export function prepareLatencyPercentiles(rows: readonly MetricsRow[], unit: BucketUnit): TimeSeriesData {
  const series = PERCENTILES.map((p, i) => ({ key: p, label: p, color: seriesColor(i) }));
  const has = rows.some((r) => PERCENTILES.some((p) => num(r[`${p}_latency`]) !== null));
  if (!has) return { unit, series: [], points: [], format: "duration" };
  return { unit, series, points: pointsOf(rows, series, (r) => PERCENTILES.map((p) => [p, num(r[`${p}_latency`])])), format: "duration" };
}

/** Traces, observations and traces with an error per bucket (0 for an empty bucket). */
export function prepareVolume(volume: readonly MetricsRow[], errors: readonly MetricsRow[], unit: BucketUnit): TimeSeriesData {
  const series: ChartSeries[] = [
    { key: "traces", label: "traces", color: seriesColor(0) },
    { key: "observations", label: "observations", color: seriesColor(1) },
    { key: "errors", label: "traces with errors", color: "#d23434" },
  ];
  const rows: MetricsRow[] = [
    ...volume.map((r) => ({ time_dimension: r.time_dimension, traces: num(r.count_count) ?? 0, observations: num(r.sum_observationsCount) ?? 0 })),
    ...errors.map((r) => ({ time_dimension: r.time_dimension, errors: num(r.count_count) ?? 0 })),
  ];
  const points = pointsOf(rows, series, (r) => series.map((s) => [s.key, num(r[s.key])]));
  for (const p of points) for (const s of series) p.values[s.key] ??= 0;
  return { unit, series, points, format: "count" };
}
