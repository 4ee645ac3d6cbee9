// Engine rows with a time dimension → time series with every bucket of the
// range (empty buckets: 0 for sums and counts, null for percentiles and
// averages), one series per metric or stacked by a dimension (the largest
// `limit` by total, the rest summed as "other"). Pure.
import { bucketStarts, nextBucket, type BucketUnit } from "../granularity";
import type { MetricsRow } from "../query-schema";
import type { ChartSeries, TimePoint, TimeSeriesData, ValueFormat } from "./chart-data";
import { seriesColor } from "./palette";

export const OTHER_LABEL = "other";
export const NONE_LABEL = "(none)";
export const DEFAULT_SERIES_LIMIT = 8;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const isoOf = (v: unknown): string | null => {
  if (typeof v !== "string") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

export interface RangeAndUnit {
  from: Date;
  to: Date;
  unit: BucketUnit;
}

/** Links for a bucket (and, for a stacked chart, a bucket and one series' value). */
export interface SeriesLinks {
  bucket?: (from: Date, to: Date) => string;
  series?: (from: Date, to: Date, value: string | null) => string | undefined;
}

function buckets(r: RangeAndUnit) {
  return bucketStarts(r.from, r.to, r.unit).map((start) => ({ start, end: nextBucket(start, r.unit), iso: start.toISOString() }));
}

/**
 * One series per metric key (p50, p90, p95, p99 lines; traces and observations), no dimension.
 * `fill` is what an empty bucket shows: 0 for counts and sums, null for percentiles.
 */
export function prepareMetricSeries(
  rows: readonly MetricsRow[],
  r: RangeAndUnit,
  metrics: readonly { key: string; label: string }[],
  opts: { format: ValueFormat; fill: 0 | null; links?: SeriesLinks },
): TimeSeriesData {
  const byTime = new Map<string, MetricsRow>();
  for (const row of rows) {
    const t = isoOf(row.time_dimension);
    if (t) byTime.set(t, row);
  }
  const series: ChartSeries[] = metrics.map((m, i) => ({ key: `s${i}`, label: m.label, color: seriesColor(i) }));
  const points: TimePoint[] = buckets(r).map((b) => {
    const row = byTime.get(b.iso);
    const values: Record<string, number | null> = {};
    metrics.forEach((m, i) => (values[`s${i}`] = (row ? num(row[m.key]) : null) ?? opts.fill));
    return { time: b.iso, values, ...(opts.links?.bucket ? { href: opts.links.bucket(b.start, b.end) } : {}) };
  });
  return { unit: r.unit, series, points, format: opts.format };
}

/**
 * A metric stacked by a dimension: the `limit` values with the largest total become series (in that order), the
 * rest one "other" series; a null dimension value is "(none)". Every bucket is present, empty ones at 0.
 */
export function prepareStackedSeries(
  rows: readonly MetricsRow[],
  r: RangeAndUnit,
  opts: { dimension: string; metric: string; format: ValueFormat; limit?: number; links?: SeriesLinks },
): TimeSeriesData {
  const limit = opts.limit ?? DEFAULT_SERIES_LIMIT;
  const totals = new Map<string | null, number>();
  for (const row of rows) {
    const v = row[opts.dimension];
    const k = v === null || v === undefined ? null : String(v);
    totals.set(k, (totals.get(k) ?? 0) + (num(row[opts.metric]) ?? 0));
  }
  // Largest first; ties by name, "(none)" after named values. Values that sum to 0 are no series.
  const ranked = [...totals.entries()]
    .filter(([, total]) => total !== 0)
    .sort((a, b) => b[1] - a[1] || (a[0] === null ? 1 : b[0] === null ? -1 : a[0].localeCompare(b[0])));
  const kept = ranked.length > limit ? ranked.slice(0, limit - 1) : ranked;
  const hasOther = ranked.length > kept.length;
  const keyOf = new Map<string | null, string>(kept.map(([v], i) => [v, `s${i}`]));
  const series: ChartSeries[] = kept.map(([v], i) => ({ key: `s${i}`, label: v ?? NONE_LABEL, color: seriesColor(i) }));
  const otherKey = `s${kept.length}`;
  if (hasOther) series.push({ key: otherKey, label: OTHER_LABEL, color: "#9aa1ad" });

  const cells = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const t = isoOf(row.time_dimension);
    if (!t) continue;
    const v = row[opts.dimension];
    const k = keyOf.get(v === null || v === undefined ? null : String(v)) ?? (hasOther ? otherKey : null);
    if (!k) continue;
    const cell = cells.get(t) ?? {};
    cell[k] = (cell[k] ?? 0) + (num(row[opts.metric]) ?? 0);
    cells.set(t, cell);
  }
  const points: TimePoint[] = buckets(r).map((b) => {
    const cell = cells.get(b.iso) ?? {};
    const values: Record<string, number | null> = Object.fromEntries(series.map((s) => [s.key, cell[s.key] ?? 0]));
    const point: TimePoint = { time: b.iso, values };
    if (opts.links?.bucket) point.href = opts.links.bucket(b.start, b.end);
    if (opts.links?.series) {
      const hrefs: Record<string, string> = {};
      kept.forEach(([v], i) => {
        const h = opts.links!.series!(b.start, b.end, v);
        if (h) hrefs[`s${i}`] = h;
      });
      point.seriesHrefs = hrefs;
    }
    return point;
  });
  return { unit: r.unit, series, points, format: opts.format };
}

/** Counts of a subset over counts of the whole, per bucket (an error rate): null where the whole is 0. */
export function prepareRateSeries(whole: readonly MetricsRow[], part: readonly MetricsRow[], r: RangeAndUnit, opts: { metric: string; label: string; links?: SeriesLinks }): TimeSeriesData {
  const index = (rows: readonly MetricsRow[]) => new Map(rows.flatMap((row) => { const t = isoOf(row.time_dimension); return t ? [[t, num(row[opts.metric]) ?? 0] as const] : []; }));
  const w = index(whole);
  const p = index(part);
  const points: TimePoint[] = buckets(r).map((b) => {
    const n = w.get(b.iso) ?? 0;
    return { time: b.iso, values: { s0: n > 0 ? (p.get(b.iso) ?? 0) / n : null }, ...(opts.links?.bucket ? { href: opts.links.bucket(b.start, b.end) } : {}) };
  });
  return { unit: r.unit, series: [{ key: "s0", label: opts.label, color: seriesColor(8) }], points, format: "percent" };
}

/** True when no point has a non-zero value (the chart shows its empty state). */
export function isEmptySeries(d: TimeSeriesData): boolean {
  return d.series.length === 0 || d.points.every((p) => Object.values(p.values).every((v) => v === null || v === 0));
}

/**
 * Rows → one point per time bucket that has rows (not every bucket of a range: the quality and trends
 * preparers), every series null until a row gives it a value (values of one bucket and series add up),
 * in time order.
 */
export function pointsOf(rows: readonly MetricsRow[], series: readonly ChartSeries[], value: (r: MetricsRow) => [key: string, v: number | null][]): TimePoint[] {
  const points = new Map<string, TimePoint>();
  for (const r of rows) {
    const time = r.time_dimension === null || r.time_dimension === undefined ? null : String(r.time_dimension);
    if (time === null) continue;
    let p = points.get(time);
    if (!p) {
      p = { time, values: Object.fromEntries(series.map((s) => [s.key, null])) };
      points.set(time, p);
    }
    for (const [k, v] of value(r)) if (v !== null) p.values[k] = (p.values[k] ?? 0) + v;
  }
  return [...points.values()].sort((a, b) => a.time.localeCompare(b.time));
}

/** The same series with a click-through on each point whose bucket has a link (bucket start ISO → href). */
export function linkBuckets(d: TimeSeriesData, hrefs: Readonly<Record<string, string>>): TimeSeriesData {
  return { ...d, points: d.points.map((p) => (hrefs[p.time] ? { ...p, href: hrefs[p.time] } : p)) };
}
