// Steps rows (lib/analytics/dashboard/steps-queries.ts) → the steps table and
// its bar chart of the costliest / slowest steps. Pure.
import type { MetricsRow } from "../query-schema";

export interface StepRow {
  /** name + type: the table's row id. */
  id: string;
  name: string | null;
  type: string | null;
  count: number;
  totalCost: number;
  /** The step's share of the cost of every step listed. */
  costShare: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  p50Latency: number | null;
  p95Latency: number | null;
}

export const STEP_SORTS = ["totalCost", "count", "totalTokens", "p50Latency", "p95Latency", "name"] as const;
export type StepSort = (typeof STEP_SORTS)[number];

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** One row per (name, type), sorted by `sort` (nulls last, ties by cost then name). */
export function prepareSteps(rows: readonly MetricsRow[], sort: { id: StepSort; desc: boolean } = { id: "totalCost", desc: true }): StepRow[] {
  const total = rows.reduce((s, r) => s + num(r.sum_totalCost), 0);
  const out: StepRow[] = rows.map((r) => {
    const name = str(r.name);
    const type = str(r.type);
    return {
      id: `${type ?? ""}\u0000${name ?? ""}`,
      name,
      type,
      count: num(r.count_count),
      totalCost: num(r.sum_totalCost),
      costShare: total > 0 ? num(r.sum_totalCost) / total : 0,
      inputTokens: num(r.sum_inputTokens),
      outputTokens: num(r.sum_outputTokens),
      totalTokens: num(r.sum_totalTokens),
      p50Latency: numOrNull(r.p50_latency),
      p95Latency: numOrNull(r.p95_latency),
    };
  });
  const dir = sort.desc ? -1 : 1;
  const key = (r: StepRow): number | string | null => (sort.id === "name" ? r.name : r[sort.id]);
  return out.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : (x as number) - (y as number);
      if (c !== 0) return c * dir;
    }
    return b.totalCost - a.totalCost || (a.name ?? "").localeCompare(b.name ?? "") || (a.type ?? "").localeCompare(b.type ?? "");
  });
}

export interface StepBar {
  key: string;
  /** "name (type)", shortened by the chart; the tooltip shows it whole. */
  label: string;
  name: string | null;
  type: string | null;
  value: number;
}

/** The top `n` steps by a measure (cost or p95 latency) for the bar chart, largest first; zero / unknown values left out. */
export function prepareStepBars(steps: readonly StepRow[], measure: "totalCost" | "p95Latency", n = 8): StepBar[] {
  return steps
    .filter((s) => (s[measure] ?? 0) > 0)
    .sort((a, b) => (b[measure] ?? 0) - (a[measure] ?? 0))
    .slice(0, n)
    .map((s) => ({ key: s.id, label: `${s.name ?? "(unnamed)"} (${(s.type ?? "?").toLowerCase()})`, name: s.name, type: s.type, value: s[measure] ?? 0 }));
}
