// Signed deltas for the compare view, and the class of their colour. Pure.
import type { Change } from "@/lib/experiments/deltas";
import { formatCost, formatDuration } from "../ui/format";

const MINUS = "−";

function signed(n: number, abs: (a: number) => string): string {
  if (Math.abs(n) < 1e-9) return "±0";
  return `${n > 0 ? "+" : MINUS}${abs(Math.abs(n))}`;
}

/** A score value: up to 3 decimals, trailing zeros dropped. */
export const formatScore = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : String(Math.round(v * 1000) / 1000));

export const formatScoreDelta = (d: number) => signed(d, (a) => formatScore(a));
export const formatLatencyDelta = (d: number) => signed(d, formatDuration);
export const formatCostDelta = (d: number) => signed(d, formatCost);
/** A pass-rate delta in percentage points. */
export const formatPointsDelta = (d: number) => signed(d * 100, (a) => `${Math.round(a * 10) / 10} pp`);

export const changeClass = (c: Change) => (c === "better" ? "cmp-better" : c === "worse" ? "cmp-worse" : c === "same" ? "cmp-same" : "");

/** better/worse of a header delta where higher is better (or lower, for latency and cost). */
export function changeOfDelta(d: number | null, lowerBetter = false): Change {
  if (d === null) return null;
  if (Math.abs(d) < 1e-9) return "same";
  return d > 0 !== lowerBetter ? "better" : "worse";
}
