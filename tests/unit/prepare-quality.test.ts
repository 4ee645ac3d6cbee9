import { describe, expect, it } from "vitest";
import { prepareScoreAverages, prepareScoreBreakdown, prepareScoreCategories, prepareScoreHistograms } from "@/lib/analytics/prepare/quality";
import { SERIES_COLORS } from "@/lib/analytics/prepare/palette";

const T0 = "2026-03-01T00:00:00.000Z";
const T1 = "2026-03-02T00:00:00.000Z";

describe("prepareScoreAverages", () => {
  it("gives one series per score name (sorted) and one point per bucket, oldest first", () => {
    const d = prepareScoreAverages([
      { name: "quality", time_dimension: T1, avg_value: 0.5, count_count: 2 },
      { name: "accuracy", time_dimension: T0, avg_value: 1, count_count: 1 },
      { name: "quality", time_dimension: T0, avg_value: 0.75, count_count: 4 },
      { name: "accuracy", time_dimension: T1, avg_value: null, count_count: 0 },
    ], "day");
    expect(d.series).toEqual([
      { key: "s0", label: "accuracy", color: SERIES_COLORS[0] },
      { key: "s1", label: "quality", color: SERIES_COLORS[1] },
    ]);
    expect(d.points).toEqual([
      { time: T0, values: { s0: 1, s1: 0.75 } },
      { time: T1, values: { s0: null, s1: 0.5 } },
    ]);
    expect([d.unit, d.format]).toEqual(["day", "score"]);
  });

  it("keeps an empty bucket as a gap (null), never a zero, and names with dots as keys s0…", () => {
    const d = prepareScoreAverages([
      { name: "a.b", time_dimension: T0, avg_value: 0, count_count: 3 },
      { name: "a.b", time_dimension: T1, avg_value: null, count_count: 0 },
    ], "day");
    expect(d.points.map((p) => p.values.s0)).toEqual([0, null]);
    expect(d.series[0]).toMatchObject({ key: "s0", label: "a.b" });
  });

  it("answers no series for no rows", () => {
    expect(prepareScoreAverages([], "day")).toEqual({ unit: "day", series: [], points: [], format: "score" });
  });
});

describe("prepareScoreHistograms", () => {
  it("turns the engine's [lower, upper, count] bins into bins, the last one closed, by score name", () => {
    const h = prepareScoreHistograms([
      { name: "z", histogram_value: [[1, 1, 4]], count_count: 4 },
      { name: "q", histogram_value: [[0, 0.5, 1], [0.5, 1, 2]], count_count: 3 },
      { name: "none", histogram_value: [], count_count: 0 },
    ]);
    expect(h).toEqual([
      { name: "q", count: 3, bins: [{ lower: 0, upper: 0.5, count: 1, last: false }, { lower: 0.5, upper: 1, count: 2, last: true }] },
      { name: "z", count: 4, bins: [{ lower: 1, upper: 1, count: 4, last: true }] },
    ]);
  });
});

describe("prepareScoreCategories", () => {
  it("counts each categorical score's labels (most frequent first) and each boolean's true/false (true first), with shares", () => {
    const c = prepareScoreCategories(
      [
        { name: "tone", stringValue: "rude", count_count: 1 },
        { name: "tone", stringValue: "polite", count_count: 3 },
        { name: "tone", stringValue: "neutral", count_count: 0 },
      ],
      [
        { name: "ok", booleanValue: false, count_count: 1 },
        { name: "ok", booleanValue: true, count_count: 1 },
      ],
    );
    expect(c).toEqual([
      { name: "ok", dataType: "BOOLEAN", total: 2, categories: [{ value: "true", count: 1, share: 0.5 }, { value: "false", count: 1, share: 0.5 }] },
      { name: "tone", dataType: "CATEGORICAL", total: 4, categories: [{ value: "polite", count: 3, share: 0.75 }, { value: "rude", count: 1, share: 0.25 }] },
    ]);
  });

  it("breaks equal counts by label and puts a categorical before a boolean of the same name", () => {
    const c = prepareScoreCategories(
      [{ name: "x", stringValue: "b", count_count: 1 }, { name: "x", stringValue: "a", count_count: 1 }],
      [{ name: "x", booleanValue: true, count_count: 2 }],
    );
    expect(c.map((g) => [g.dataType, g.categories.map((k) => k.value)])).toEqual([
      ["CATEGORICAL", ["a", "b"]],
      ["BOOLEAN", ["true"]],
    ]);
  });
});

describe("prepareScoreBreakdown", () => {
  const rows = [
    { name: "quality", dataType: "NUMERIC", traceRelease: "v1", avg_value: 0.9, count_count: 3 },
    { name: "quality", dataType: "NUMERIC", traceRelease: "v2", avg_value: 0.5, count_count: 5 },
    { name: "ok", dataType: "BOOLEAN", traceRelease: "v2", avg_value: 0.25, count_count: 4 },
    { name: "quality", dataType: "NUMERIC", traceRelease: null, avg_value: 0.1, count_count: 20 },
  ];

  it("is a matrix of groups × scores, the most scored group first and the group without a value last", () => {
    const b = prepareScoreBreakdown(rows, "traceRelease");
    expect(b.scores).toEqual([{ name: "ok", dataType: "BOOLEAN" }, { name: "quality", dataType: "NUMERIC" }]);
    expect(b.rows).toEqual([
      { group: "v2", count: 9, cells: [{ avg: 0.25, count: 4 }, { avg: 0.5, count: 5 }] },
      { group: "v1", count: 3, cells: [null, { avg: 0.9, count: 3 }] },
      { group: null, count: 20, cells: [null, { avg: 0.1, count: 20 }] },
    ]);
    expect(b.hidden).toBe(0);
  });

  it("keeps at most `limit` groups and says how many it left out", () => {
    const b = prepareScoreBreakdown(rows, "traceRelease", 1);
    expect(b.rows.map((r) => r.group)).toEqual(["v2"]);
    expect(b.hidden).toBe(2);
  });
});
