"use client";
// The one time series chart (the dashboard's sections, its quality section,
// the session / user trends): draws prepared data (lib/analytics/prepare/*,
// types in chart-data.ts) as lines, or areas / bars stacked. Hover shows every
// shown series' value in the app's formats; the legend toggles series; a click
// on a bucket (or on one bar's segment) opens the traces behind it. No data
// shaping here.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartSeries, TimeSeriesData } from "@/lib/analytics/prepare/chart-data";
import { ChartLegend, toggled } from "./chart-legend";
import { formatBucket, formatTick, formatValue, shorten } from "./chart-format";
import { useMounted } from "./use-mounted";

export type TimeSeriesKind = "line" | "area" | "bar";

interface Row {
  time: string;
  [key: string]: string | number | null;
}

function SeriesTooltip({ active, label, data, series, stacked, clickable }: { active?: boolean; label?: unknown; data: TimeSeriesData; series: ChartSeries[]; stacked: boolean; clickable: boolean }) {
  if (!active || typeof label !== "string") return null;
  const point = data.points.find((p) => p.time === label);
  if (!point) return null;
  const total = series.reduce((s, x) => s + (point.values[x.key] ?? 0), 0);
  return (
    <div className="trend-tooltip" role="status">
      <div className="strong">{formatBucket(label, data.unit, true)}</div>
      <table>
        <tbody>
          {series.map((s) => (
            <tr key={s.key}>
              <td title={s.label}>
                <span className="trend-swatch" style={{ background: s.color }} aria-hidden />
                {shorten(s.label, 40)}
              </td>
              <td className="num mono">{formatValue(data.format, point.values[s.key])}</td>
            </tr>
          ))}
          {stacked && series.length > 1 && (
            <tr>
              <td className="strong">Total</td>
              <td className="num mono strong">{formatValue(data.format, total)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {clickable && <div className="faint small">Click to open these traces</div>}
    </div>
  );
}

export interface TimeSeriesChartProps {
  data: TimeSeriesData;
  kind?: TimeSeriesKind;
  /** Stack the series (areas, bars); lines never stack. */
  stacked?: boolean;
  height?: number;
  /** An accessible name for the figure (and its data-chart attribute). */
  label: string;
  /** When given, no value (none at all, or only zeros for counts and sums) shows an empty state with this hint. */
  emptyHint?: string;
}

const hasValue = (data: TimeSeriesData) => data.series.length > 0 && data.points.some((p) => data.series.some((s) => typeof p.values[s.key] === "number" && (data.format === "score" || p.values[s.key] !== 0)));

export function TimeSeriesChart({ data, kind = "line", stacked = kind !== "line", height = 220, label, emptyHint }: TimeSeriesChartProps) {
  const router = useRouter();
  const mounted = useMounted();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = data.series.filter((s) => !hidden.has(s.key));
  const rows: Row[] = data.points.map((p) => ({ time: p.time, ...p.values }));
  const clickable = data.points.some((p) => p.href || p.seriesHrefs);
  const openBucket = (index: unknown, seriesKey?: string) => {
    const p = data.points[Number(index)];
    const href = (seriesKey && p?.seriesHrefs?.[seriesKey]) || p?.href;
    if (href) router.push(href);
  };
  const axes = (
    <>
      <CartesianGrid stroke="var(--border)" vertical={false} />
      <XAxis dataKey="time" tickFormatter={(v: string) => formatBucket(v, data.unit)} tick={{ fontSize: 11, fill: "var(--text-2)" }} minTickGap={16} />
      <YAxis tickFormatter={(v: number) => formatTick(data.format, v)} tick={{ fontSize: 11, fill: "var(--text-2)" }} width={data.format === "cost" ? 66 : 56} />
      <Tooltip content={(p) => <SeriesTooltip active={p.active} label={p.label} data={data} series={shown} stacked={stacked} clickable={clickable} />} />
    </>
  );
  const chartProps = {
    data: rows,
    margin: { top: 8, right: 12, bottom: 4, left: 0 },
    style: clickable ? { cursor: "pointer" } : undefined,
    onClick: (state: { activeTooltipIndex?: unknown } | null) => kind !== "bar" && state && state.activeTooltipIndex !== undefined && openBucket(state.activeTooltipIndex),
  };
  if (emptyHint !== undefined && !hasValue(data)) return <EmptyState title={`No ${label.toLowerCase()} in this range`} description={emptyHint} className="trend-empty" />;
  return (
    <figure className="trend chart" aria-label={label} data-chart={label}>
      <ChartLegend series={data.series} hidden={hidden} onToggle={(k) => setHidden((h) => toggled(h, k))} />
      <div className="trend-plot" style={{ height, minHeight: height }}>
        {mounted && (
          <ResponsiveContainer width="100%" height={height}>
            {kind === "bar" ? (
              <BarChart {...chartProps}>
                {axes}
                {data.series.map((s) => (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "stack" : undefined} hide={hidden.has(s.key)} isAnimationActive={false} onClick={(_, i) => openBucket(i, s.key)} />
                ))}
              </BarChart>
            ) : kind === "area" ? (
              <AreaChart {...chartProps}>
                {axes}
                {data.series.map((s) => (
                  <Area key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color} fill={s.color} fillOpacity={0.35} stackId={stacked ? "stack" : undefined} hide={hidden.has(s.key)} isAnimationActive={false} />
                ))}
              </AreaChart>
            ) : (
              <LineChart {...chartProps}>
                {axes}
                {data.series.map((s) => (
                  <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={rows.length <= 40 ? { r: 2 } : false} activeDot={{ r: 4 }} hide={hidden.has(s.key)} isAnimationActive={false} connectNulls={false} />
                ))}
              </LineChart>
            )}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
