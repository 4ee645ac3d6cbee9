"use client";
// A legend of toggle buttons: click hides or shows a series; long labels are
// shortened with the full text on hover.
import type { ChartSeries } from "@/lib/analytics/prepare/chart-data";
import { shorten } from "./chart-format";

export function ChartLegend({ series, hidden, onToggle }: { series: readonly ChartSeries[]; hidden: ReadonlySet<string>; onToggle: (key: string) => void }) {
  if (series.length < 2) return null;
  return (
    <div className="trend-legend" role="group" aria-label="Show or hide a series">
      {series.map((s) => (
        <button key={s.key} type="button" className="trend-legend-item" aria-pressed={!hidden.has(s.key)} onClick={() => onToggle(s.key)} title={`${s.label} (${hidden.has(s.key) ? "show" : "hide"})`}>
          <span className="trend-swatch" style={{ background: hidden.has(s.key) ? "var(--border-strong)" : s.color }} aria-hidden />
          {shorten(s.label, 32)}
        </button>
      ))}
    </div>
  );
}

export function toggled(prev: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(prev);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
