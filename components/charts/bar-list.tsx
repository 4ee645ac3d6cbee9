"use client";
// A ranked horizontal bar list (top 10 + "other"): each bar's length is its
// share of the largest; a bar with a link opens the traces behind it. Drawn
// with plain elements (no Recharts needed for bars this simple), so it reads
// as a list to a screen reader too. No data shaping here.
import Link from "next/link";
import type { BarListData } from "@/lib/analytics/prepare/chart-data";
import { formatValue, shorten } from "./chart-format";

export function BarList({ data, label }: { data: BarListData; label: string }) {
  const max = Math.max(0, ...data.items.map((i) => i.value));
  return (
    <ol className="bar-list" aria-label={label}>
      {data.items.map((item) => {
        const width = max > 0 ? Math.max(1, (item.value / max) * 100) : 0;
        const text = formatValue(data.format, item.value);
        const title = `${item.label}: ${text}${item.detail ? ` · ${item.detail}` : ""}`;
        const body = (
          <>
            <span className="bar-list-fill" style={{ width: `${width}%`, background: item.color }} aria-hidden />
            <span className="bar-list-label ellipsis">{shorten(item.label, 40)}</span>
            <span className="bar-list-value num mono">{text}</span>
          </>
        );
        return (
          <li key={item.label} title={title}>
            {item.href ? (
              <Link className="bar-list-row is-link" href={item.href} prefetch={false} aria-label={`${title}: open these traces`}>
                {body}
              </Link>
            ) : (
              <span className="bar-list-row">{body}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
