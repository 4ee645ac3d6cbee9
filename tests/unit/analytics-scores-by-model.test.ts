// What a score's rollup key says about its models (lib/analytics/rollups/contrib.ts traceModelsKey,
// scores-by-model.ts scoreModels): the trace's model set sorted, "[]" for a trace without models, null for no
// trace; a score counts under its observation's model, else under each of its trace's, else "no model".
import { describe, expect, it } from "vitest";
import { scoreContribution, traceModelsKey } from "@/lib/analytics/rollups/contrib";
import { scoreModels } from "@/lib/analytics/rollups/scores-by-model";

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
