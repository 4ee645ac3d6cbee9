// One dataset item of the compare view: its input and expected output, then
// per run the output (plain or diffed), scores with deltas, latency and cost.
// Everything from traces is rendered as text.
import Link from "next/link";
import type { CompareCell, CompareRow } from "@/lib/experiments/compare";
import type { DiffMode } from "@/lib/experiments/compare-url";
import { ValueDiff } from "../diff/value-diff";
import { toJsonText } from "../json/stringify";
import { Badge } from "../ui/badge";
import { cx } from "../ui/cx";
import { formatCost, formatDuration, truncate } from "../ui/format";
import { changeClass, formatCostDelta, formatLatencyDelta, formatScore, formatScoreDelta } from "./compare-format";

/** Outputs beyond this are cut in the grid (the trace shows them whole). */
const TEXT_LIMIT = 3000;

function Text({ value, label }: { value: unknown; label: string }) {
  const text = value === null || value === undefined ? "" : toJsonText(value);
  if (!text) return <p className="muted small">{`No ${label}`}</p>;
  return <pre className="cmp-text">{truncate(text, TEXT_LIMIT)}</pre>;
}

/** What a page's diffs may take together; past it the rest say "too long to diff in time". */
export const PAGE_DIFF_BUDGET_MS = 1500;

function Output({ cell, baseline, mode, deadline }: { cell: CompareCell; baseline: CompareCell; mode: DiffMode; deadline: number }) {
  // Against the expected output as this run ran the item (its dataset version).
  const expected = cell.expectedOutput;
  if (mode === "expected" && expected !== null && expected !== undefined) return <ValueDiff before={expected} after={cell.output} sameLabel="Same as expected" deadline={deadline} />;
  if (mode === "baseline" && !cell.isBaseline && baseline.figures) return <ValueDiff before={baseline.output} after={cell.output} sameLabel="Same as baseline" deadline={deadline} />;
  return <Text value={cell.output} label="output" />;
}

function Cell({ cell, row, mode, traceHref, deadline }: { cell: CompareCell; row: CompareRow; mode: DiffMode; traceHref: (traceId: string, observationId: string | null) => string; deadline: number }) {
  if (!cell.figures) return <td className="cmp-cell cmp-missing"><span className="muted small">Not run</span></td>;
  const f = cell.figures;
  return (
    <td className={cx("cmp-cell", cell.regression && "cmp-cell-regression", cell.improvement && "cmp-cell-improvement")}>
      <Output cell={cell} baseline={row.cells[0]!} mode={mode} deadline={deadline} />
      {cell.scores.some((s) => s.score) && (
        <ul className="cmp-scores">
          {cell.scores
            .filter((s) => s.score)
            .map((s) => (
              <li key={s.name} className={cx(s.regression && "cmp-score-regression")}>
                <span className="cmp-score-name">{s.name}</span>{" "}
                <span className="num">{s.score!.dataType === "CATEGORICAL" ? s.score!.stringValue : s.score!.dataType === "BOOLEAN" ? String(s.score!.value === 1) : formatScore(s.score!.value)}</span>
                {s.pass !== null && <span className={cx("cmp-pass", s.pass ? "cmp-better" : "cmp-worse")}>{s.pass ? " pass" : " fail"}</span>}
                {s.delta !== null && <span className={cx("cmp-delta", changeClass(s.change))}> {formatScoreDelta(s.delta)}</span>}
                {s.regression && <Badge tone="error">regression</Badge>}
                {s.improvement && <Badge tone="success">improvement</Badge>}
              </li>
            ))}
        </ul>
      )}
      <div className="row gap-3 small cmp-figures">
        <span title="latency">
          {formatDuration(f.latencyMs)}
          {cell.latencyDelta !== null && <span className={cx("cmp-delta", changeClass(cell.latencyChange))}> {formatLatencyDelta(cell.latencyDelta)}</span>}
        </span>
        <span title="cost">
          {formatCost(f.totalCost)}
          {cell.costDelta !== null && <span className={cx("cmp-delta", changeClass(cell.costChange))}> {formatCostDelta(cell.costDelta)}</span>}
        </span>
        {cell.outputChanged && mode !== "baseline" && (
          <span className="cmp-worse-soft" title="this output differs from the baseline's">
            output changed
          </span>
        )}
        {f.traceArrived ? (
          <Link href={traceHref(f.traceId, f.observationId)} className="small">
            trace
          </Link>
        ) : (
          <span className="muted" title="the run item is linked; its trace has not arrived yet">trace pending</span>
        )}
      </div>
    </td>
  );
}

/** `diffDeadline`: Date.now() ms past which this page starts no more diffs (PAGE_DIFF_BUDGET_MS from the page's start). */
export function CompareItemRow({ row, mode, itemHref, traceHref, diffDeadline }: { row: CompareRow; mode: DiffMode; itemHref: string; traceHref: (traceId: string, observationId: string | null) => string; diffDeadline: number }) {
  return (
    <tr className={cx("cmp-row", row.regression && "cmp-row-regression")} data-item={row.item.id}>
      <td className="cmp-item">
        <div className="row gap-2 wrap">
          <Link href={itemHref} className="mono small">
            {truncate(row.item.id, 40)}
          </Link>
          {row.item.status === "ARCHIVED" && <Badge>archived</Badge>}
          {row.regression && <Badge tone="error">regression</Badge>}
          {!row.regression && row.improvement && <Badge tone="success">improved</Badge>}
        </div>
        <div className="cmp-label">Input</div>
        <Text value={row.item.input} label="input" />
        <div className="cmp-label">Expected output</div>
        <Text value={row.item.expectedOutput} label="expected output" />
      </td>
      {row.cells.map((c) => (
        <Cell key={c.runId} cell={c} row={row} mode={mode} traceHref={traceHref} deadline={diffDeadline} />
      ))}
    </tr>
  );
}
