// Latency rows grouped by a dimension → a table: count, p50, p95, p99 (ms),
// the busiest first. Pure.
import type { MetricsRow } from "../query-schema";
import { NONE_LABEL } from "./time-series";

export interface LatencyRow {
  label: string;
  /** The raw dimension value (null: none), for links. */
  value: string | null;
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  href?: string;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Rows with count_count and p50/p95/p99 of `measure` (latency, timeToFirstToken); groups without a count are left out. */
export function prepareLatencyTable(rows: readonly MetricsRow[], opts: { dimension: string; measure?: string; limit?: number; href?: (value: string | null) => string | undefined }): LatencyRow[] {
  const m = opts.measure ?? "latency";
  return rows
    .map((r) => {
      const value = r[opts.dimension] === null || r[opts.dimension] === undefined ? null : String(r[opts.dimension]);
      const href = opts.href?.(value);
      return { label: value ?? NONE_LABEL, value, count: num(r.count_count) ?? 0, p50: num(r[`p50_${m}`]), p95: num(r[`p95_${m}`]), p99: num(r[`p99_${m}`]), ...(href ? { href } : {}) };
    })
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, opts.limit ?? 20);
}
