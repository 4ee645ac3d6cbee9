// Deltas of each run against the baseline, per dataset item and per run: the
// figures the compare view colours, filters and sorts by. Pure, and it reads
// figures only (scores, latency, cost), never outputs, so every item of a big
// run is classified before one page of outputs is loaded.
import { lowerIsBetter, passes, type ResolvedRule, type ScoreFigure } from "./thresholds";

/** What one run produced for one dataset item, without its output. */
export interface ItemFigures {
  runItemId: string;
  traceId: string;
  observationId: string | null;
  traceArrived: boolean;
  latencyMs: number | null;
  totalCost: number | null;
  /** the latest score of each name on the item's trace */
  scores: Readonly<Record<string, ScoreFigure>>;
}

/** better / worse than the baseline, the same, or nothing to compare (a side missing). */
export type Change = "better" | "worse" | "same" | null;

export interface ScoreCell {
  name: string;
  score: ScoreFigure | null;
  pass: boolean | null;
  /** this value minus the baseline's (numeric and boolean scores) */
  delta: number | null;
  change: Change;
  regression: boolean;
  improvement: boolean;
}

export interface RunCell {
  runId: string;
  /** null: the run did not run this item */
  figures: ItemFigures | null;
  isBaseline: boolean;
  scores: ScoreCell[];
  latencyDelta: number | null;
  latencyChange: Change;
  costDelta: number | null;
  costChange: Change;
  regression: boolean;
  improvement: boolean;
  /** the output differs from the baseline's; null for the baseline, when a side did not run, or while a side's trace has not arrived */
  outputChanged: boolean | null;
  /** the output or a score differs from the baseline's (a score on one side only counts), or one side did not run */
  changed: boolean;
}

const EPS = 1e-9;

/** Higher is better unless told otherwise; deltas within EPS are the same. */
function changeOf(delta: number | null, lowerBetter: boolean): Change {
  if (delta === null) return null;
  if (Math.abs(delta) <= EPS) return "same";
  return delta > 0 !== lowerBetter ? "better" : "worse";
}

const sub = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || b === null || b === undefined ? null : a - b);

function sameScore(a: ScoreFigure | null, b: ScoreFigure | null): boolean {
  if (!a || !b) return a === b;
  if (a.dataType === "CATEGORICAL" || b.dataType === "CATEGORICAL") return a.stringValue === b.stringValue;
  return a.value === null || b.value === null ? a.value === b.value : Math.abs(a.value - b.value) <= EPS;
}

/** One run's cell for one item, against the baseline's figures for it. */
export function compareCell(
  runId: string,
  isBaseline: boolean,
  figures: ItemFigures | null,
  base: ItemFigures | null,
  names: readonly string[],
  rules: Readonly<Record<string, ResolvedRule>>,
  outputDiffers = false,
): RunCell {
  const scores = names.map((name): ScoreCell => {
    const rule = rules[name]?.rule ?? { kind: "none" };
    const score = figures?.scores[name] ?? null;
    const baseScore = base?.scores[name] ?? null;
    const pass = passes(rule, score);
    if (isBaseline) return { name, score, pass, delta: null, change: null, regression: false, improvement: false };
    const basePass = passes(rule, baseScore);
    const categorical = score?.dataType === "CATEGORICAL" || baseScore?.dataType === "CATEGORICAL";
    const delta = categorical ? null : sub(score?.value, baseScore?.value);
    const regression = basePass === true && pass === false;
    const improvement = basePass === false && pass === true;
    // A category has no delta: its pass flip (or its sameness) is its change.
    const change = categorical ? (regression ? "worse" : improvement ? "better" : score && baseScore && sameScore(score, baseScore) ? "same" : null) : changeOf(delta, lowerIsBetter(rule));
    return { name, score, pass, delta, change, regression, improvement };
  });
  const latencyDelta = isBaseline ? null : sub(figures?.latencyMs, base?.latencyMs);
  const costDelta = isBaseline ? null : sub(figures?.totalCost, base?.totalCost);
  // A pending trace has no output yet: whether it changed is not known (not "changed").
  const outputChanged = isBaseline || !figures || !base || !figures.traceArrived || !base.traceArrived ? null : outputDiffers;
  const changed = !isBaseline && (!figures !== !base || !!outputChanged || scores.some((s) => !sameScore(s.score, base?.scores[s.name] ?? null)));
  return {
    runId,
    figures,
    isBaseline,
    scores,
    latencyDelta,
    latencyChange: changeOf(latencyDelta, true),
    costDelta,
    costChange: changeOf(costDelta, true),
    regression: scores.some((s) => s.regression),
    improvement: scores.some((s) => s.improvement),
    outputChanged,
    changed,
  };
}

export interface ItemComparison {
  itemId: string;
  cells: RunCell[];
  /** some compared run regressed on this item */
  regression: boolean;
  improvement: boolean;
  changed: boolean;
}

/**
 * Every item against the baseline. `runIds` in display order (the baseline
 * among them); `figures` maps run id → item id → what that run produced;
 * `outputDiffers(runId, itemId)` says whether that output differs from the baseline's.
 */
export function compareItems(
  itemIds: readonly string[],
  runIds: readonly string[],
  baselineId: string,
  figures: ReadonlyMap<string, ReadonlyMap<string, ItemFigures>>,
  names: readonly string[],
  rules: Readonly<Record<string, ResolvedRule>>,
  outputDiffers: (runId: string, itemId: string) => boolean = () => false,
): ItemComparison[] {
  return itemIds.map((itemId) => {
    const base = figures.get(baselineId)?.get(itemId) ?? null;
    const cells = runIds.map((runId) => compareCell(runId, runId === baselineId, figures.get(runId)?.get(itemId) ?? null, base, names, rules, outputDiffers(runId, itemId)));
    return { itemId, cells, regression: cells.some((c) => c.regression), improvement: cells.some((c) => c.improvement), changed: cells.some((c) => c.changed) };
  });
}

export interface ScoreAggregate {
  name: string;
  /** mean of the numeric (and boolean as 1/0) values; null for categories or none */
  mean: number | null;
  count: number;
  /** share of the judged scores that pass; null without a pass rule or judged scores */
  passRate: number | null;
  meanDelta: number | null;
  passRateDelta: number | null;
}

export interface RunAggregate {
  runId: string;
  isBaseline: boolean;
  itemsRun: number;
  /** items of the comparison this run did not run */
  itemsMissing: number;
  meanLatencyMs: number | null;
  totalCost: number | null;
  meanLatencyDelta: number | null;
  totalCostDelta: number | null;
  regressions: number;
  improvements: number;
  scores: ScoreAggregate[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** The header figures of each run over every item (not the page), with deltas against the baseline's. */
export function aggregateRuns(items: readonly ItemComparison[], runIds: readonly string[], baselineId: string, names: readonly string[]): RunAggregate[] {
  const raw = runIds.map((runId, r) => {
    const cells = items.map((it) => it.cells[r]!);
    const ran = cells.filter((c) => c.figures);
    const latencies = ran.map((c) => c.figures!.latencyMs).filter((v): v is number => v !== null);
    const costs = ran.map((c) => c.figures!.totalCost).filter((v): v is number => v !== null);
    const scores = names.map((name, s) => {
      const sc = ran.map((c) => c.scores[s]!).filter((x) => x.score);
      const values = sc.filter((x) => x.score!.dataType !== "CATEGORICAL" && x.score!.value !== null).map((x) => x.score!.value!);
      const judged = sc.filter((x) => x.pass !== null);
      return { name, mean: mean(values), count: sc.length, passRate: judged.length ? judged.filter((x) => x.pass).length / judged.length : null };
    });
    return {
      runId,
      isBaseline: runId === baselineId,
      itemsRun: ran.length,
      itemsMissing: cells.length - ran.length,
      meanLatencyMs: mean(latencies),
      totalCost: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
      regressions: cells.filter((c) => c.regression).length,
      improvements: cells.filter((c) => c.improvement).length,
      scores,
    };
  });
  const base = raw.find((r) => r.isBaseline);
  return raw.map((r) => {
    const own = !base || r.isBaseline;
    return {
      ...r,
      meanLatencyDelta: own ? null : sub(r.meanLatencyMs, base.meanLatencyMs),
      totalCostDelta: own ? null : sub(r.totalCost, base.totalCost),
      scores: r.scores.map((s, i) => ({
        ...s,
        meanDelta: own ? null : sub(s.mean, base.scores[i]!.mean),
        passRateDelta: own ? null : sub(s.passRate, base.scores[i]!.passRate),
      })),
    };
  });
}

// ---- filter and sort over every item ----

export const COMPARE_FILTERS = ["all", "regressions", "improvements", "changed"] as const;
export type CompareFilter = (typeof COMPARE_FILTERS)[number];

export type CompareSort = { by: "dataset" } | { by: "score"; name: string; dir: "asc" | "desc" } | { by: "latency" | "cost"; dir: "asc" | "desc" };

export function filterItems(items: readonly ItemComparison[], filter: CompareFilter): ItemComparison[] {
  if (filter === "all") return [...items];
  return items.filter((it) => (filter === "regressions" ? it.regression : filter === "improvements" ? it.improvement : it.changed));
}

/**
 * The sort key of an item: the delta of the compared runs, the most extreme
 * one in the sort's direction (ascending: the biggest drop of any run first).
 */
function sortKey(it: ItemComparison, sort: Exclude<CompareSort, { by: "dataset" }>): number | null {
  const deltas = it.cells
    .filter((c) => !c.isBaseline)
    .map((c) => (sort.by === "score" ? (c.scores.find((s) => s.name === sort.name)?.delta ?? null) : sort.by === "latency" ? c.latencyDelta : c.costDelta))
    .filter((d): d is number => d !== null);
  if (!deltas.length) return null;
  return sort.dir === "asc" ? Math.min(...deltas) : Math.max(...deltas);
}

/** Items in the sort's order; ties and items without a delta keep dataset order, the latter last. */
export function sortItems(items: readonly ItemComparison[], sort: CompareSort): ItemComparison[] {
  if (sort.by === "dataset") return [...items];
  const keyed = items.map((it, i) => ({ it, i, k: sortKey(it, sort) }));
  const sign = sort.dir === "asc" ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
    return (a.k - b.k) * sign || a.i - b.i;
  });
  return keyed.map((x) => x.it);
}
