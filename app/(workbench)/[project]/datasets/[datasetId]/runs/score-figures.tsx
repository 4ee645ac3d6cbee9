// How run figures read: an item score's average (a boolean's pass rate, a
// category's most frequent value with its count) and a run-level score.
// Plain components: the runs table, the run header and the items table share them.
import { formatPercent } from "@/components/ui/format";
import type { ResultScore } from "@/lib/experiments/results";
import type { ItemScoreAggregate, RunScoreValue } from "@/lib/experiments/run-list";

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/0+$/, "").replace(/\.$/, ""));

/** "0.75" · "75% pass" · "good 2/3" */
export function itemScoreText(s: ItemScoreAggregate): string {
  if (s.dataType === "CATEGORICAL") return s.top ? `${s.top.category} ${s.top.count}/${s.count}` : "—";
  if (s.avg === null) return "—";
  return s.dataType === "BOOLEAN" ? `${formatPercent(s.avg)} pass` : num(s.avg);
}

/** What hovering an aggregate says: over how many items, and every category. */
export function itemScoreTitle(s: ItemScoreAggregate): string {
  if (s.dataType === "CATEGORICAL") return `${s.name}: most frequent category of ${s.count} items (${s.categories.map((c) => `${c.category} ${c.count}`).join(", ")})`;
  return `${s.name}: ${s.dataType === "BOOLEAN" ? "share of true" : "mean"} over ${s.count} item${s.count === 1 ? "" : "s"}`;
}

export function ItemScoreFigure({ score }: { score: ItemScoreAggregate | undefined }) {
  if (!score) return <span className="faint">—</span>;
  return (
    <span className="mono nowrap" title={itemScoreTitle(score)}>
      {itemScoreText(score)}
    </span>
  );
}

export function runScoreText(s: RunScoreValue | ResultScore): string {
  if (s.dataType === "CATEGORICAL") return s.stringValue ?? "—";
  if (s.value === null) return "—";
  if (s.dataType === "BOOLEAN") return s.value ? "true" : "false";
  return num(s.value);
}

export function RunScoreFigure({ score }: { score: RunScoreValue | undefined }) {
  if (!score) return <span className="faint">—</span>;
  return <span className="mono nowrap">{runScoreText(score)}</span>;
}
