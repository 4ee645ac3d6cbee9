"use client";
// Each score across a dataset's runs, oldest → newest. Draws what
// prepareScoreTrend made: hover shows the run's values, the legend (buttons)
// hides and shows series. No data shaping here.
import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import type { ScoreTrend, TrendPoint, TrendSeries } from "@/lib/experiments/prepare-score-trend";

const fmt = (s: TrendSeries, v: unknown) => (typeof v !== "number" ? "—" : s.dataType === "BOOLEAN" ? `${(v * 100).toFixed(1)}%` : Number.isInteger(v) ? String(v) : v.toFixed(3));
const shortName = (name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name);

function TrendTooltip({ active, payload, series }: { active?: boolean; payload?: readonly { payload?: TrendPoint }[]; series: TrendSeries[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="trend-tooltip" role="status">
      <div className="strong">{point.runName}</div>
      <div className="faint small">{formatDate(point.createdAt)}</div>
      <table>
        <tbody>
          {series.map((s) => (
            <tr key={s.key}>
              <td>
                <span className="trend-swatch" style={{ background: s.color }} aria-hidden />
                {s.label}
              </td>
              <td className="num mono">{fmt(s, point[s.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ScoreTrendChart({ trend, emptyHint }: { trend: ScoreTrend; emptyHint?: string }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  if (!trend.series.length) {
    return (
      <EmptyState
        title="No score trend yet"
        description={emptyHint ?? "Scores on run items (or on runs) appear here, one line per score across runs, oldest to newest."}
        className="trend-empty"
      />
    );
  }
  const toggle = (key: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const shown = trend.series.filter((s) => !hidden.has(s.key));
  return (
    <figure className="trend" aria-label="Scores across runs, oldest to newest">
      <div className="trend-legend" role="group" aria-label="Show or hide a score">
        {trend.series.map((s) => (
          <button key={s.key} type="button" className="trend-legend-item" aria-pressed={!hidden.has(s.key)} onClick={() => toggle(s.key)} title={hidden.has(s.key) ? "Show" : "Hide"}>
            <span className="trend-swatch" style={{ background: hidden.has(s.key) ? "var(--border-strong)" : s.color }} aria-hidden />
            {s.label}
          </button>
        ))}
      </div>
      <div className="trend-plot">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={trend.points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="runName" tickFormatter={shortName} tick={{ fontSize: 11, fill: "var(--text-2)" }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11, fill: "var(--text-2)" }} width={44} />
            <Tooltip content={(p) => <TrendTooltip active={p.active} payload={p.payload as never} series={shown} />} />
            {trend.series.map((s) => (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 3 }} activeDot={{ r: 5 }} connectNulls hide={hidden.has(s.key)} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {trend.notCharted.length > 0 && <figcaption className="faint small">Categorical scores are not charted: {trend.notCharted.join(", ")}. The table shows their most frequent category.</figcaption>}
    </figure>
  );
}
