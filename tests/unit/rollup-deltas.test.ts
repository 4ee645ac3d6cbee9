// The rollup deltas a write accumulates (lib/analytics/rollups/deltas.ts): one row per kind, hour and
// dimension values, sums and sketches added and taken out, days folded from hours, and the interned tuples
// that identify a row (values, not arrays; still one row when the intern tables were dropped in between).
import { describe, expect, it } from "vitest";
import { observationContribution, rollupKey, type ObservationFacts } from "@/lib/analytics/rollups/contrib";
import { dimsId, RollupDeltas, sumOf } from "@/lib/analytics/rollups/deltas";
import { binOf } from "@/lib/analytics/sketch";

const at = (iso: string) => new Date(iso);
const obs = (over: Partial<ObservationFacts> = {}): ObservationFacts => ({
  type: "GENERATION",
  name: "llm",
  startTime: at("2026-05-10T13:20:00Z"),
  endTime: at("2026-05-10T13:20:01.500Z"),
  completionStartTime: null,
  level: "DEFAULT",
  environment: "production",
  model: "gpt-4o",
  inputTokens: 100,
  outputTokens: 20,
  totalTokens: 120,
  inputCost: 0.001,
  outputCost: null,
  totalCost: 0.001,
  ...over,
});

describe("RollupDeltas", () => {
  it("sums contributions of one tuple into one row: counts, sums with their non-null counts, sketch bins", () => {
    const d = new RollupDeltas();
    d.add(observationContribution(obs(), "chat"), 1);
    d.add(observationContribution(obs({ endTime: at("2026-05-10T13:20:03Z"), inputCost: null }), "chat"), 1);
    const [row, ...rest] = d.changed();
    expect(rest).toHaveLength(0);
    expect(row).toMatchObject({ kind: "observation", grain: "hour", start: Date.parse("2026-05-10T13:00:00Z"), count: 2, key: rollupKey(["chat", "GENERATION", "llm", "gpt-4o", "DEFAULT", "production"]) });
    expect(sumOf("observation", row, "latency")).toEqual([4500, 2]);
    expect(sumOf("observation", row, "inputCost")).toEqual([0.001, 1]);
    expect(sumOf("observation", row, "outputCost")).toEqual([0, 0]);
    expect([...row.sketches[0]!]).toEqual([
      [binOf(1500), 1],
      [binOf(3000), 1],
    ]);
    // No time to first token: no sketch of it.
    expect(row.sketches[1]).toBeUndefined();
  });

  it("an observation taken out and put back unchanged writes nothing; one moved to another model is −old +new", () => {
    const d = new RollupDeltas();
    d.add(observationContribution(obs(), "chat"), -1);
    d.add(observationContribution(obs(), "chat"), 1);
    expect(d.changed()).toEqual([]);
    d.add(observationContribution(obs(), "chat"), -1);
    d.add(observationContribution(obs({ model: "gpt-4.1" }), "chat"), 1);
    expect(d.changed().map((r) => [r.dims[3], r.count, [...r.sketches[0]!.values()]])).toEqual(
      expect.arrayContaining([
        ["gpt-4o", -1, [-1]],
        ["gpt-4.1", 1, [1]],
      ]),
    );
  });

  it("folds hours into their UTC day and sums another write's deltas", () => {
    const a = new RollupDeltas();
    a.add(observationContribution(obs({ startTime: at("2026-05-10T01:10:00Z"), endTime: null }), "chat"), 1);
    const b = new RollupDeltas();
    b.add(observationContribution(obs({ startTime: at("2026-05-10T23:50:00Z"), endTime: null }), "chat"), 1);
    b.add(observationContribution(obs({ startTime: at("2026-05-11T00:05:00Z"), endTime: null }), "chat"), 1);
    a.addAll(b);
    expect(a.changed().map((r) => [r.grain, new Date(r.start).toISOString(), r.count])).toEqual([
      ["hour", "2026-05-10T01:00:00.000Z", 1],
      ["hour", "2026-05-10T23:00:00.000Z", 1],
      ["hour", "2026-05-11T00:00:00.000Z", 1],
    ]);
    expect(a.byDay().changed().map((r) => [r.grain, new Date(r.start).toISOString(), r.count, sumOf("observation", r, "totalTokens")])).toEqual([
      ["day", "2026-05-10T00:00:00.000Z", 2, [240, 2]],
      ["day", "2026-05-11T00:00:00.000Z", 1, [120, 1]],
    ]);
  });

  it("identifies a row by its values, and keeps one row when the intern tables are dropped between two contributions", () => {
    expect(dimsId("observation", ["a", null])).toBe(dimsId("observation", ["a", null]));
    expect(dimsId("observation", ["a", null])).not.toBe(dimsId("trace", ["a", null]));
    const d = new RollupDeltas();
    d.add(observationContribution(obs(), "chat"), 1);
    // More distinct tuples than the tables hold: they are dropped, the next contribution interns a new object.
    for (let i = 0; i < 50_001; i++) dimsId("observation", [`filler-${i}`]);
    d.add(observationContribution(obs(), "chat"), 1);
    const rows = d.changed();
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(2);
    expect([...rows[0].sketches[0]!.values()]).toEqual([2]);
  });
});
