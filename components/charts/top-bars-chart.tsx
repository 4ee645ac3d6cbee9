"use client";
// The top items of one measure as horizontal bars (the costliest steps, the
// slowest): long labels shortened with the full text on hover, hover shows
// the value, a click opens the item's link. Draws prepared bars only.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/empty-state";
import type { ValueFormat } from "@/lib/analytics/prepare/chart-data";
import { formatValue } from "./chart-format";

export interface TopBar {
  key: string;
  label: string;
  value: number;
  href: string | null;
}

const short = (s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s);

export function TopBarsChart({ bars, kind, label, emptyHint, color = "#4c5bd4" }: { bars: TopBar[]; kind: ValueFormat; label: string; emptyHint: string; color?: string }) {
  const router = useRouter();
  if (!bars.length) return <EmptyState title={`No ${label.toLowerCase()}`} description={emptyHint} className="trend-empty" />;
  const height = 28 * bars.length + 24;
  return (
    <figure className="trend" aria-label={label} data-chart={label}>
      <div className="trend-plot" style={{ minHeight: height }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="var(--border)" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => formatValue(kind, v)} tick={{ fontSize: 11, fill: "var(--text-2)" }} />
            <YAxis type="category" dataKey="label" width={170} tickFormatter={short} tick={{ fontSize: 11, fill: "var(--text-2)" }} />
            <Tooltip
              cursor={{ fill: "var(--surface-3)" }}
              content={(p) => {
                const b = (p.payload?.[0] as { payload?: TopBar } | undefined)?.payload;
                if (!p.active || !b) return null;
                return (
                  <div className="trend-tooltip" role="status">
                    <div className="strong">{b.label}</div>
                    <div className="mono">{formatValue(kind, b.value)}</div>
                    {b.href && <div className="faint small">Click: open</div>}
                  </div>
                );
              }}
            />
            <Bar
              dataKey="value"
              name={label}
              fill={color}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(entry: { payload?: TopBar }) => {
                if (entry?.payload?.href) router.push(entry.payload.href);
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
