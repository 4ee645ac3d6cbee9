// A chart value → text, by the chart's format: the app's one formatter
// (components/ui/format.ts), compact on axes. Pure, client-safe.
import type { ValueFormat } from "@/lib/analytics/prepare/chart-data";
import { formatCompact, formatCost, formatDate, formatDuration, formatPercent, formatTokens } from "@/components/ui/format";

export function formatValue(format: ValueFormat, v: number | null | undefined): string {
  switch (format) {
    case "cost":
      return formatCost(v);
    case "tokens":
      return formatTokens(v);
    case "duration":
      return formatDuration(v);
    case "percent":
      return formatPercent(v);
    case "count":
      return formatTokens(v);
    case "score":
      // A score as given (1, 0.75), else three decimals.
      return typeof v !== "number" || !Number.isFinite(v) ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(3);
  }
}

/** Axis ticks: short. */
export function formatTick(format: ValueFormat, v: number): string {
  if (format === "cost") return v === 0 ? "$0" : v < 1 ? `$${Number(v.toPrecision(2))}` : `$${formatCompact(v)}`;
  if (format === "duration") return formatDuration(v);
  if (format === "percent") return formatPercent(v, 0);
  if (format === "score") return Math.abs(v) < 1000 ? String(Number(v.toPrecision(3))) : formatCompact(v);
  return formatCompact(v);
}

/** A bucket start as an axis label: the time for minute/hour buckets, the date otherwise (UTC). */
export function formatBucket(iso: string, unit: string, long = false): string {
  if (unit === "minute" || unit === "hour") return long ? `${formatDate(iso, { seconds: false })} UTC` : formatDate(iso, { seconds: false }).slice(5);
  if (unit === "month") return formatDate(iso, { dateOnly: true }).slice(0, 7);
  const day = formatDate(iso, { dateOnly: true });
  return long ? (unit === "week" ? `week of ${day}` : day) : day.slice(5);
}

/** Long labels cut for legends and axes; the full text goes in a title. */
export function shorten(label: string, max = 28): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
