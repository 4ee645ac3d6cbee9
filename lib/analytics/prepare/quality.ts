// Quality rows (lib/analytics/dashboard/quality-queries.ts) → what the quality
// charts and tables draw. Pure: the components only render these.
import type { BucketUnit } from "../granularity";
import type { MetricsRow } from "../query-schema";
import type { ChartSeries, TimeSeriesData } from "./chart-data";
import { seriesColor } from "./palette";
import { pointsOf } from "./time-series";

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const byName = (a: string, b: string) => a.localeCompare(b);

/** One line per numeric score: its average per time bucket (null where the bucket has none: a gap, not a zero). */
export function prepareScoreAverages(rows: readonly MetricsRow[], unit: BucketUnit): TimeSeriesData {
  const names = [...new Set(rows.map((r) => str(r.name)).filter((n): n is string => n !== null))].sort(byName);
  const series: ChartSeries[] = names.map((label, i) => ({ key: `s${i}`, label, color: seriesColor(i) }));
  const keyOf = new Map(series.map((s) => [s.label, s.key]));
  const points = pointsOf(rows, series, (r) => {
    const key = keyOf.get(str(r.name) ?? "");
    return key ? [[key, (num(r.count_count) ?? 1) > 0 ? num(r.avg_value) : null]] : [];
  });
  return { unit, series, points, format: "score" };
}

export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
  /** The last bin holds its upper bound too (the engine's rule). */
  last: boolean;
}

export interface ScoreHistogram {
  name: string;
  count: number;
  bins: HistogramBin[];
}

/** One histogram per numeric score, by name; a score with no values is left out. */
export function prepareScoreHistograms(rows: readonly MetricsRow[]): ScoreHistogram[] {
  const out: ScoreHistogram[] = [];
  for (const r of rows) {
    const name = str(r.name);
    const raw = r.histogram_value;
    if (name === null || !Array.isArray(raw) || raw.length === 0) continue;
    const bins = (raw as unknown[])
      .filter((b): b is [number, number, number] => Array.isArray(b) && b.length === 3 && b.every((x) => typeof x === "number"))
      .map(([lower, upper, count], i, all) => ({ lower, upper, count, last: i === all.length - 1 }));
    out.push({ name, count: num(r.count_count) ?? bins.reduce((s, b) => s + b.count, 0), bins });
  }
  return out.sort((a, b) => byName(a.name, b.name));
}

export interface CategoryCount {
  /** The label (categorical) or "true" / "false" (boolean). */
  value: string;
  count: number;
  share: number;
}

export interface ScoreCategories {
  name: string;
  dataType: "CATEGORICAL" | "BOOLEAN";
  total: number;
  categories: CategoryCount[];
}

/**
 * Counts per category of each categorical score (most frequent first) and of
 * each boolean score (true, then false), by name; categorical before boolean
 * when two scores share a name.
 */
export function prepareScoreCategories(categorical: readonly MetricsRow[], boolean: readonly MetricsRow[]): ScoreCategories[] {
  const groups = new Map<string, ScoreCategories>();
  const add = (dataType: ScoreCategories["dataType"], name: string | null, value: string | null, count: number) => {
    if (name === null || value === null || count <= 0) return;
    const id = `${dataType}\u0000${name}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { name, dataType, total: 0, categories: [] }));
    g.total += count;
    g.categories.push({ value, count, share: 0 });
  };
  for (const r of categorical) add("CATEGORICAL", str(r.name), str(r.stringValue), num(r.count_count) ?? 0);
  for (const r of boolean) add("BOOLEAN", str(r.name), typeof r.booleanValue === "boolean" ? String(r.booleanValue) : null, num(r.count_count) ?? 0);
  const out = [...groups.values()];
  for (const g of out) {
    for (const c of g.categories) c.share = c.count / g.total;
    g.categories.sort(g.dataType === "BOOLEAN" ? (a, b) => (a.value === "true" ? -1 : b.value === "true" ? 1 : 0) : (a, b) => b.count - a.count || byName(a.value, b.value));
  }
  return out.sort((a, b) => byName(a.name, b.name) || (a.dataType === "CATEGORICAL" ? -1 : 1));
}

export interface BreakdownCell {
  avg: number | null;
  count: number;
}

export interface ScoreBreakdown {
  /** The columns: each score with its type (a boolean's average is its share of true). */
  scores: { name: string; dataType: string }[];
  /** One row per group (a model, a release; null: none), the most scored first; cells align with `scores`. */
  rows: { group: string | null; count: number; cells: (BreakdownCell | null)[] }[];
  /** Groups left out beyond the limit. */
  hidden: number;
}

/**
 * Each score's average by a group field (model or release): a matrix of
 * groups × scores. The most scored groups first (the group without a value
 * last), at most `limit` of them.
 */
export function prepareScoreBreakdown(rows: readonly MetricsRow[], groupField: string, limit = 12): ScoreBreakdown {
  const scoreIds = new Map<string, { name: string; dataType: string }>();
  for (const r of rows) {
    const name = str(r.name);
    if (name !== null) scoreIds.set(`${name}\u0000${str(r.dataType) ?? ""}`, { name, dataType: str(r.dataType) ?? "NUMERIC" });
  }
  const scores = [...scoreIds.entries()].sort(([, a], [, b]) => byName(a.name, b.name) || byName(a.dataType, b.dataType));
  const col = new Map(scores.map(([id], i) => [id, i]));
  const groups = new Map<string | null, { group: string | null; count: number; cells: (BreakdownCell | null)[] }>();
  for (const r of rows) {
    const name = str(r.name);
    const count = num(r.count_count) ?? 0;
    if (name === null || count <= 0) continue;
    const group = str(r[groupField]);
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { group, count: 0, cells: scores.map(() => null) }));
    g.count += count;
    g.cells[col.get(`${name}\u0000${str(r.dataType) ?? ""}`)!] = { avg: num(r.avg_value), count };
  }
  const sorted = [...groups.values()].sort((a, b) => (a.group === null ? 1 : 0) - (b.group === null ? 1 : 0) || b.count - a.count || byName(a.group ?? "", b.group ?? ""));
  return { scores: scores.map(([, s]) => s), rows: sorted.slice(0, limit), hidden: Math.max(0, sorted.length - limit) };
}
