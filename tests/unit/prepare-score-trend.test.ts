import { describe, expect, it } from "vitest";
import { prepareScoreTrend, TREND_COLORS, type TrendRunInput } from "@/lib/experiments/prepare-score-trend";

const run = (id: string, itemScores: TrendRunInput["itemScores"] = [], runScores: TrendRunInput["runScores"] = []): TrendRunInput => ({ id, name: `run ${id}`, createdAt: `2026-01-0${id}T00:00:00.000Z`, itemScores, runScores });
const num = (name: string, avg: number | null) => ({ name, dataType: "NUMERIC", avg, count: 3 });

describe("prepareScoreTrend", () => {
  it("gives one point per run in the order given and one series per item score, then per run-level score", () => {
    const t = prepareScoreTrend([
      run("1", [num("acc", 0.5), { name: "pass", dataType: "BOOLEAN", avg: 0.25, count: 4 }], [{ name: "accuracy", dataType: "NUMERIC", value: 0.4 }]),
      run("2", [num("acc", 0.75)], [{ name: "accuracy", dataType: "NUMERIC", value: 0.6 }]),
    ]);
    expect(t.series.map((s) => [s.key, s.label, s.kind])).toEqual([
      ["s0", "acc (avg)", "item"],
      ["s1", "pass (pass rate)", "item"],
      ["s2", "accuracy (run)", "run"],
    ]);
    expect(t.points).toEqual([
      { runId: "1", runName: "run 1", createdAt: "2026-01-01T00:00:00.000Z", s0: 0.5, s1: 0.25, s2: 0.4 },
      { runId: "2", runName: "run 2", createdAt: "2026-01-02T00:00:00.000Z", s0: 0.75, s1: null, s2: 0.6 },
    ]);
  });

  it("keeps a run without a score as a gap (null), not a zero", () => {
    const t = prepareScoreTrend([run("1", [num("acc", 1)]), run("2"), run("3", [num("acc", 0)])]);
    expect(t.points.map((p) => p.s0)).toEqual([1, null, 0]);
  });

  it("leaves categorical scores out and names them", () => {
    const t = prepareScoreTrend([run("1", [{ name: "tone", dataType: "CATEGORICAL", avg: null, count: 2 }, num("acc", 1)], [{ name: "verdict", dataType: "CATEGORICAL", value: null }])]);
    expect(t.series.map((s) => s.name)).toEqual(["acc"]);
    expect(t.notCharted).toEqual(["tone", "verdict (run)"]);
  });

  it("keys series by position (a score name with dots is not a path) and cycles the palette", () => {
    const many = Array.from({ length: TREND_COLORS.length + 2 }, (_, i) => num(`m.${String(i).padStart(2, "0")}`, i));
    const t = prepareScoreTrend([run("1", many)]);
    expect(t.series[0]).toMatchObject({ key: "s0", name: "m.00", color: TREND_COLORS[0] });
    expect(t.series[TREND_COLORS.length].color).toBe(TREND_COLORS[0]);
    expect(t.points[0][t.series[3].key]).toBe(3);
  });

  it("is empty without runs or without any charted score", () => {
    expect(prepareScoreTrend([])).toEqual({ series: [], points: [], notCharted: [] });
    expect(prepareScoreTrend([run("1"), run("2")])).toEqual({ series: [], points: [], notCharted: [] });
  });
});
