// Rows grouped by a dimension → a ranked bar list: the `limit` largest, then
// "other" summing the rest (so the bars add up to the total). Pure.
import type { MetricsRow } from "../query-schema";
import type { BarItem, BarListData, ValueFormat } from "./chart-data";
import { seriesColor } from "./palette";
import { NONE_LABEL, OTHER_LABEL } from "./time-series";

export const TOP_N = 10;

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export function prepareTopN(
  rows: readonly MetricsRow[],
  opts: { dimension: string; metric: string; format: ValueFormat; limit?: number; href?: (value: string | null) => string | undefined; detail?: (row: MetricsRow) => string },
): BarListData {
  const limit = opts.limit ?? TOP_N;
  const ranked = rows
    .map((row) => ({ row, value: num(row[opts.metric]), key: row[opts.dimension] === null || row[opts.dimension] === undefined ? null : String(row[opts.dimension]) }))
    .filter((x) => x.value !== 0)
    .sort((a, b) => b.value - a.value || (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
  const top = ranked.slice(0, limit);
  const rest = ranked.slice(limit);
  const items: BarItem[] = top.map((x, i) => {
    const href = opts.href?.(x.key);
    const detail = opts.detail?.(x.row);
    return { label: x.key ?? NONE_LABEL, value: x.value, color: seriesColor(i), ...(href ? { href } : {}), ...(detail ? { detail } : {}) };
  });
  if (rest.length) items.push({ label: `${OTHER_LABEL} (${rest.length})`, value: rest.reduce((s, x) => s + x.value, 0), color: "#9aa1ad" });
  return { items, format: opts.format };
}
