// Latency percentiles per trace name or model as a table: count, p50, p95,
// p99, each row linked to its traces. Labels are untrusted text, shortened
// with the full text on hover.
import Link from "next/link";
import { formatDuration, formatTokens } from "@/components/ui/format";
import type { LatencyRow } from "@/lib/analytics/prepare/latency";

export function LatencyTable({ rows, label, labelHeader, percentiles = ["p50", "p95", "p99"], countLabel = "Count" }: { rows: readonly LatencyRow[]; label: string; labelHeader: string; percentiles?: readonly ("p50" | "p95" | "p99")[]; countLabel?: string }) {
  return (
    <div className="table-wrap">
      <table className="table latency-table" aria-label={label}>
        <thead>
          <tr>
            <th>{labelHeader}</th>
            <th className="num">{countLabel}</th>
            {percentiles.map((p) => (
              <th key={p} className="num">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td className="label-cell ellipsis" title={r.label}>
                {r.href ? (
                  <Link className="link" href={r.href} prefetch={false}>
                    {r.label}
                  </Link>
                ) : (
                  r.label
                )}
              </td>
              <td className="num mono">{formatTokens(r.count)}</td>
              {percentiles.map((p) => (
                <td key={p} className="num mono">
                  {formatDuration(r[p])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
