"use client";
// One numeric score's histogram: a bar per bin (the engine's equal-width bins),
// hover shows the bin's bounds and count, a click opens the traces whose score
// falls in the bin. Draws what prepareScoreHistograms made; hrefs come ready.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/empty-state";
import { formatTokens } from "@/components/ui/format";
import type { HistogramBin } from "@/lib/analytics/prepare/quality";

export interface HistogramBar extends HistogramBin {
  href: string | null;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3).replace(/\.?0+$/, ""));
const binLabel = (b: HistogramBin) => (b.lower === b.upper ? fmt(b.lower) : `${fmt(b.lower)}–${fmt(b.upper)}`);

function BinTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: HistogramBar }[] }) {
  const b = payload?.[0]?.payload;
  if (!active || !b) return null;
  return (
    <div className="trend-tooltip" role="status">
      <div className="strong">
        {b.last ? `[${fmt(b.lower)}, ${fmt(b.upper)}]` : `[${fmt(b.lower)}, ${fmt(b.upper)})`}
      </div>
      <div>{formatTokens(b.count)} scores</div>
      {b.href && b.count > 0 && <div className="faint small">Click: the traces with this score in the bin</div>}
    </div>
  );
}

export function HistogramChart({ name, bins, color = "#4c5bd4", height = 160 }: { name: string; bins: HistogramBar[]; color?: string; height?: number }) {
  const router = useRouter();
  if (!bins.length) return <EmptyState title="No values" description={`Send numeric scores named "${name}" to see how they spread.`} className="trend-empty" />;
  const data = bins.map((b) => ({ ...b, label: binLabel(b) }));
  return (
    <figure className="trend" aria-label={`Histogram of ${name}`} data-histogram={name}>
      <div className="trend-plot" style={{ minHeight: height }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} barCategoryGap={1}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 10, fill: "var(--text-2)" }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--text-2)" }} width={36} />
            <Tooltip content={(p) => <BinTooltip active={p.active} payload={p.payload as never} />} cursor={{ fill: "var(--surface-3)" }} />
            <Bar
              dataKey="count"
              name={name}
              fill={color}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(entry: { payload?: HistogramBar }) => {
                const href = entry?.payload?.href;
                if (href && entry.payload!.count > 0) router.push(href);
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
