// What a score's rollup key says about its models (lib/analytics/rollups/contrib.ts traceModelsKey,
// scores-by-model.ts scoreModels): the trace's model set sorted, "[]" for a trace without models, null for no
// trace; a score counts under its observation's model, else under each of its trace's, else "no model";
// boolean counts from a key's value sum, checked against its sketch (booleanCountsOf).
import { describe, expect, it } from "vitest";
import { scoreContribution, traceModelsKey } from "@/lib/analytics/rollups/contrib";
import { booleanCountsOf } from "@/lib/analytics/rollups/boolean-counts";
import { scoreModels } from "@/lib/analytics/rollups/scores-by-model";
import { addToSketch } from "@/lib/analytics/sketch";

describe("traceModelsKey", () => {
  it("sorts the trace's models, keeps a trace without models apart from no trace", () => {
    expect(traceModelsKey({ name: "a", release: null, models: ["gpt-4o", "claude-3"] })).toBe('["claude-3","gpt-4o"]');
    expect(traceModelsKey({ name: "a", release: null, models: null })).toBe("[]");
    expect(traceModelsKey({ name: "a", release: null, models: [] })).toBe("[]");
    expect(traceModelsKey(null)).toBeNull();
  });

  it("is the last column of a score's key", () => {
    const s = { timestamp: new Date(0), name: "q", source: "API", dataType: "NUMERIC", stringValue: null, value: 1, environment: "default" };
    expect(scoreContribution(s, { name: "t", release: "r", models: ["b", "a"] }, "m")!.dims).toEqual(["q", "API", "NUMERIC", null, "t", "r", "default", "m", '["a","b"]']);
    expect(scoreContribution(s, null)!.dims.at(-1)).toBeNull();
  });
});

describe("scoreModels", () => {
  it("counts a score under its observation's model, else each model of its trace, else no model", () => {
    expect(scoreModels("gpt-4o", '["claude-3","gpt-4o"]')).toEqual(["gpt-4o"]);
    expect(scoreModels(null, '["claude-3","gpt-4o"]')).toEqual(["claude-3", "gpt-4o"]);
    expect(scoreModels(null, "[]")).toEqual([null]);
  });
});

describe("booleanCountsOf", () => {
  const figures = (values: (number | null)[]) => {
    const bins = new Map<number, number>();
    for (const v of values) if (v !== null) addToSketch(bins, v);
    const set = values.filter((v): v is number => v !== null);
    return { count: values.length, n: set.length, sum: set.reduce((s, v) => s + v, 0), bins };
  };

  it("counts true as the value sum, false as the rest, unset as null", () => {
    expect(booleanCountsOf("ok", figures([1, 1, 0, null, 1]))).toEqual([
      { name: "ok", booleanValue: true, count: 3 },
      { name: "ok", booleanValue: false, count: 1 },
      { name: "ok", booleanValue: null, count: 1 },
    ]);
    expect(booleanCountsOf("ok", figures([0, 0]))).toEqual([{ name: "ok", booleanValue: false, count: 2 }]);
  });

  it("refuses figures holding a value other than 0 or 1 (the rows answer then)", () => {
    expect(booleanCountsOf("ok", figures([1, 0.5]))).toBeNull();
    expect(booleanCountsOf("ok", figures([1, 0.995]))).toBeNull();
    expect(booleanCountsOf("ok", figures([1, -1]))).toBeNull();
  });
});
