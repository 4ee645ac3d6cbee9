// Deltas, regressions and aggregates of the compare view against hand-made
// cases, with items a run did not run and scores missing on one side.
import { describe, expect, it } from "vitest";
import { MAX_COMPARE_RUNS, readCompareState, compareSearch } from "@/lib/experiments/compare-url";
import { latestOfEachName } from "@/lib/query/scores";
import { aggregateRuns, compareItems, filterItems, sortItems, type ItemFigures } from "@/lib/experiments/deltas";
import type { ResolvedRule, ScoreFigure } from "@/lib/experiments/thresholds";

const num = (value: number): ScoreFigure => ({ dataType: "NUMERIC", value, stringValue: null });
const fig = (latencyMs: number | null, totalCost: number | null, scores: Record<string, ScoreFigure>): ItemFigures => ({ runItemId: "ri", traceId: "t", observationId: null, traceArrived: true, latencyMs, totalCost, scores });
const rules: Record<string, ResolvedRule> = {
  exact: { rule: { kind: "boolean", pass: true }, source: "default" },
  sim: { rule: { kind: "numeric", op: ">=", value: 0.5 }, source: "default" },
};
const names = ["exact", "sim"];

// base: i1 passes both, i2 fails exact, i3 passes, i4 not run by base.
// new:  i1 fails exact (regression) and sim drops, i2 passes (improvement), i3 not run, i4 run.
const figures = new Map([
  ["base", new Map([
    ["i1", fig(100, 0.01, { exact: num(1), sim: num(0.9) })],
    ["i2", fig(200, 0.02, { exact: num(0), sim: num(0.4) })],
    ["i3", fig(300, 0.03, { exact: num(1) })],
  ])],
  ["new", new Map([
    ["i1", fig(80, 0.02, { exact: num(0), sim: num(0.6) })],
    ["i2", fig(260, 0.01, { exact: num(1), sim: num(0.4) })],
    ["i4", fig(50, null, { sim: num(1) })],
  ])],
]);
const items = compareItems(["i1", "i2", "i3", "i4"], ["base", "new"], "base", figures, names, rules);
const cell = (item: string) => items.find((i) => i.itemId === item)!.cells[1]!;

describe("per item and run", () => {
  it("marks a regression and an improvement, with deltas and their colours", () => {
    const c1 = cell("i1");
    expect(c1.regression).toBe(true);
    expect(c1.scores.map((s) => [s.name, s.pass, s.delta !== null ? +s.delta.toFixed(3) : null, s.change])).toEqual([
      ["exact", false, -1, "worse"],
      ["sim", true, -0.3, "worse"],
    ]);
    // Latency and cost: lower is better.
    expect([c1.latencyDelta, c1.latencyChange, c1.costChange]).toEqual([-20, "better", "worse"]);
    expect(cell("i2")).toMatchObject({ regression: false, improvement: true, latencyDelta: 60, latencyChange: "worse", costChange: "better" });
    expect(cell("i2").scores[1]).toMatchObject({ delta: 0, change: "same" });
  });
  it("handles an item a run did not run and a score missing on one side", () => {
    expect(cell("i3")).toMatchObject({ figures: null, regression: false, changed: true, latencyDelta: null });
    const c4 = cell("i4");
    expect(c4.scores[1]).toMatchObject({ pass: true, delta: null, change: null, regression: false, improvement: false });
    expect(c4.costDelta).toBeNull();
    // The baseline column carries no deltas.
    expect(items[0]!.cells[0]).toMatchObject({ isBaseline: true, latencyDelta: null, regression: false, changed: false });
  });
});

describe("output changes", () => {
  it("count as a change even when every score is the same", () => {
    const same = new Map([
      ["base", new Map([["i1", fig(100, null, { exact: num(1) })]])],
      ["new", new Map([["i1", fig(100, null, { exact: num(1) })]])],
    ]);
    const [plain] = compareItems(["i1"], ["base", "new"], "base", same, ["exact"], rules);
    const [differs] = compareItems(["i1"], ["base", "new"], "base", same, ["exact"], rules, (run) => run === "new");
    expect([plain!.changed, plain!.cells[1]!.outputChanged]).toEqual([false, false]);
    expect([differs!.changed, differs!.cells[1]!.outputChanged, differs!.cells[0]!.outputChanged, differs!.regression]).toEqual([true, true, null, false]);
  });
  it("are not known while a side's trace has not arrived", () => {
    const pending = (f: ItemFigures): ItemFigures => ({ ...f, traceArrived: false, latencyMs: null, totalCost: null, scores: {} });
    for (const [b, n] of [[true, false], [false, true]]) {
      const m = new Map([
        ["base", new Map([["i1", b ? fig(100, null, { exact: num(1) }) : pending(fig(100, null, {}))]])],
        ["new", new Map([["i1", n ? fig(100, null, { exact: num(1) }) : pending(fig(100, null, {}))]])],
      ]);
      // Even were the database to report a difference, a pending trace has no output to differ.
      const [row] = compareItems(["i1"], ["base", "new"], "base", m, ["exact"], rules, () => true);
      expect(row!.cells[1]!.outputChanged).toBeNull();
    }
  });
});

describe("aggregates, filters and sorts", () => {
  it("sums the header over every item", () => {
    const [base, next] = aggregateRuns(items, ["base", "new"], "base", names);
    expect(base).toMatchObject({ itemsRun: 3, itemsMissing: 1, meanLatencyMs: 200, regressions: 0, improvements: 0 });
    expect(base!.totalCost).toBeCloseTo(0.06);
    expect(base!.scores[0]).toMatchObject({ name: "exact", count: 3, passRate: 2 / 3 });
    expect(next).toMatchObject({ itemsRun: 3, itemsMissing: 1, regressions: 1, improvements: 1 });
    expect(next!.meanLatencyMs).toBeCloseTo(130);
    expect(next!.meanLatencyDelta).toBeCloseTo(-70);
    expect(next!.totalCostDelta).toBeCloseTo(-0.03);
    expect(next!.scores[0]).toMatchObject({ mean: 0.5, passRate: 0.5 });
    expect(next!.scores[0]!.passRateDelta).toBeCloseTo(0.5 - 2 / 3);
    expect(next!.scores[1]!.mean).toBeCloseTo((0.6 + 0.4 + 1) / 3);
  });
  it("filters and sorts across all items", () => {
    expect(filterItems(items, "regressions").map((i) => i.itemId)).toEqual(["i1"]);
    expect(filterItems(items, "improvements").map((i) => i.itemId)).toEqual(["i2"]);
    expect(filterItems(items, "changed").map((i) => i.itemId)).toEqual(["i1", "i2", "i3", "i4"]);
    expect(sortItems(items, { by: "score", name: "sim", dir: "asc" }).map((i) => i.itemId)).toEqual(["i1", "i2", "i3", "i4"]);
    expect(sortItems(items, { by: "latency", dir: "desc" }).map((i) => i.itemId)).toEqual(["i2", "i1", "i3", "i4"]);
    expect(sortItems(items, { by: "cost", dir: "asc" }).map((i) => i.itemId)).toEqual(["i2", "i1", "i3", "i4"]);
  });
});

describe("the compare URL", () => {
  it("reads what it writes, and reports bad values without throwing", () => {
    const { state, issues } = readCompareState({ runs: ["r1", "r2,r3"], baseline: "r2", "pass.sim": ">=0.8", "pass.bad": ">=x", filter: "regressions", sort: "score:sim", diff: "baseline", page: "2" });
    expect(issues).toEqual([{ param: "pass.bad", message: expect.stringContaining('pass rule of "bad"') }]);
    expect(state).toMatchObject({ runIds: ["r1", "r2", "r3"], baselineId: "r2", rules: { sim: { kind: "numeric", op: ">=", value: 0.8 } }, filter: "regressions", sort: { by: "score", name: "sim", dir: "asc" }, diff: "baseline", page: 2 });
    const again = readCompareState(Object.fromEntries(compareSearch(state)));
    expect(again).toEqual({ state, issues: [] });
  });
  it("keeps at most MAX_COMPARE_RUNS runs and says so", () => {
    const many = Array.from({ length: MAX_COMPARE_RUNS + 3 }, (_, i) => `r${i}`);
    const { state, issues } = readCompareState({ runs: many.join(",") });
    expect(state.runIds).toEqual(many.slice(0, MAX_COMPARE_RUNS));
    expect(issues).toEqual([{ param: "runs", message: `at most ${MAX_COMPARE_RUNS} runs are compared at once: the first ${MAX_COMPARE_RUNS} of the ${many.length} named are kept` }]);
    expect(readCompareState({ runs: many.slice(0, MAX_COMPARE_RUNS).join(",") }).issues).toEqual([]);
  });
});

describe("the latest score of each name (the run views' rule)", () => {
  it("keeps the last of each name from rows oldest first", () => {
    const rows = [
      { name: "exact", v: 0 },
      { name: "sim", v: 0.5 },
      { name: "exact", v: 1 },
    ];
    expect([...latestOfEachName(rows)].map(([n, r]) => [n, r.v])).toEqual([
      ["exact", 1],
      ["sim", 0.5],
    ]);
  });
});
