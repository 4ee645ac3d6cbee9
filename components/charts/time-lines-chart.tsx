"use client";
// Series over time buckets as lines (stacked areas with `stacked`): hover shows
// every series' value in the bucket, the legend toggles series, a click on a
// bucket opens its traces when the caller gave a link for it. Draws what a
// prepare* function made (TimeSeriesData); values formatted by kind.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Area, AreaChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatDate, formatDuration, formatPercent, formatTokens } from "@/components/ui/format";
import type { TimePoint, TimeSeriesData } from "@/lib/analytics/prepare/quality";

export type ValueKind = "cost" | "duration" | "count" | "score" | "percent";

export function formatValue(kind: ValueKind, v: unknown): string {
  if (typeof v !== "number") return "—";
  if (kind === "cost") return formatCost(v);
  if (kind === "duration") return formatDuration(v);
  if (kind === "count") return formatTokens(v);
  if (kind === "percent") return formatPercent(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

const shortName = (name: string) => (name.length > 28 ? `${name.slice(0, 27)}…` : name);
const tickTime = (iso: string, unit?: string) => (unit === "hour" || unit === "minute" ? formatDate(iso, { seconds: false }) : formatDate(iso, { dateOnly: true }));

export interface TimeLinesChartProps {
  data: TimeSeriesData;
  kind: ValueKind;
  label: string;
  /** What to send to fill an empty chart. */
  emptyHint: string;
  stacked?: boolean;
  /** Bucket time → traces-table link (a click on the bucket). */
  bucketHrefs?: Record<string, string>;
  unit?: string;
  height?: number;
}

export function TimeLinesChart({ data, kind, label, emptyHint, stacked = false, bucketHrefs, unit, height = 200 }: TimeLinesChartProps) {
  const router = useRouter();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const hasValue = data.points.some((p) => data.series.some((s) => typeof p[s.key] === "number" && (kind === "score" || p[s.key] !== 0)));
  if (!data.series.length || !hasValue) return <EmptyState title={`No ${label.toLowerCase()} in this range`} description={emptyHint} className="trend-empty" />;
  const toggle = (key: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const shown = data.series.filter((s) => !hidden.has(s.key));
  const onClick = (e: { activeLabel?: string | number } | null) => {
    const href = e?.activeLabel !== undefined ? bucketHrefs?.[String(e.activeLabel)] : undefined;
    if (href) router.push(href);
  };
  const tooltip = (p: { active?: boolean; payload?: readonly { payload?: TimePoint }[] }) => {
    const point = p.payload?.[0]?.payload;
    if (!p.active || !point) return null;
    return (
      <div className="trend-tooltip" role="status">
        <div className="strong">{formatDate(point.time)}</div>
        <table>
          <tbody>
            {shown.map((s) => (
              <tr key={s.key}>
                <td>
                  <span className="trend-swatch" style={{ background: s.color }} aria-hidden />
                  {shortName(s.name)}
                </td>
                <td className="num mono">{formatValue(kind, point[s.key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {bucketHrefs?.[point.time] && <div className="faint small">Click: this bucket&apos;s traces</div>}
      </div>
    );
  };
  const axes = (
    <>
      <CartesianGrid stroke="var(--border)" vertical={false} />
      <XAxis dataKey="time" tickFormatter={(t: string) => tickTime(t, unit)} tick={{ fontSize: 11, fill: "var(--text-2)" }} interval="preserveStartEnd" minTickGap={24} />
      <YAxis tickFormatter={(v: number) => formatValue(kind, v)} tick={{ fontSize: 11, fill: "var(--text-2)" }} width={64} />
      <Tooltip content={(p) => tooltip({ active: p.active, payload: p.payload as never })} />
    </>
  );
  const margin = { top: 8, right: 16, bottom: 4, left: 0 };
  return (
    <figure className="trend" aria-label={label} data-chart={label}>
      {data.series.length > 1 && (
        <div className="trend-legend" role="group" aria-label={`Show or hide a series of ${label}`}>
          {data.series.map((s) => (
            <button key={s.key} type="button" className="trend-legend-item" aria-pressed={!hidden.has(s.key)} onClick={() => toggle(s.key)} title={s.name}>
              <span className="trend-swatch" style={{ background: hidden.has(s.key) ? "var(--border-strong)" : s.color }} aria-hidden />
              {shortName(s.name)}
            </button>
          ))}
        </div>
      )}
      <div className="trend-plot" style={{ minHeight: height, cursor: bucketHrefs ? "pointer" : undefined }}>
        <ResponsiveContainer width="100%" height={height}>
          {stacked ? (
            <AreaChart data={data.points} margin={margin} onClick={onClick as never}>
              {axes}
              {data.series.map((s) => (
                <Area key={s.key} dataKey={s.key} name={s.name} stackId="a" stroke={s.color} fill={s.color} fillOpacity={0.35} hide={hidden.has(s.key)} isAnimationActive={false} />
              ))}
            </AreaChart>
          ) : (
            <LineChart data={data.points} margin={margin} onClick={onClick as never}>
              {axes}
              {data.series.map((s) => (
                <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot={data.points.length < 40 ? { r: 2 } : false} connectNulls hide={hidden.has(s.key)} isAnimationActive={false} />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
