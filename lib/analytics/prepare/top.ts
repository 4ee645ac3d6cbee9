// Top sessions / users rows (lib/analytics/dashboard/top-queries.ts) → the
// ranked list with links to each one's page. Pure.
import type { MetricsRow } from "../query-schema";

export interface TopEntry {
  id: string;
  href: string;
  cost: number;
  /** Its cost relative to the costliest listed (0–1: the bar behind the figure). */
  share: number;
  traces: number;
  tokens: number;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** The `limit` costliest sessions or users (traces without the id left out), each linked to its page. */
export function prepareTop(rows: readonly MetricsRow[], subject: "sessionId" | "userId", projectId: string, limit = 10): TopEntry[] {
  const page = subject === "sessionId" ? "sessions" : "users";
  const kept = rows.filter((r) => typeof r[subject] === "string" && r[subject] !== "").slice(0, limit);
  const max = Math.max(0, ...kept.map((r) => num(r.sum_totalCost)));
  return kept.map((r) => {
    const id = String(r[subject]);
    return {
      id,
      href: `/${encodeURIComponent(projectId)}/${page}/${encodeURIComponent(id)}`,
      cost: num(r.sum_totalCost),
      share: max > 0 ? num(r.sum_totalCost) / max : 0,
      traces: num(r.count_count),
      tokens: num(r.sum_totalTokens),
    };
  });
}
