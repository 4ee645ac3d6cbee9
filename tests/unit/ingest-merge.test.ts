import { describe, expect, it } from "vitest";
import type { ObservationEvent } from "@/lib/ingest/events";
import { foldEvents, mergeObservation, mergeTrace, scoreRow } from "@/lib/ingest/merge";

const now = new Date("2026-05-01T00:00:00Z");
const noPrice = () => undefined;
const obs = (o: Partial<ObservationEvent>): ObservationEvent => ({ kind: "observation", id: "o1", traceId: "t1", ...o });

describe("folding a batch", () => {
  it("merges events of one id in order, keeping what later events leave out", () => {
    const b = foldEvents([
      obs({ name: "first", model: "gpt-4o", metadata: { a: 1 } }),
      obs({ name: "second", metadata: { b: 2 }, usage: { output: 5 } }),
    ]);
    expect(b.observations.get("o1")).toMatchObject({ name: "second", model: "gpt-4o", metadata: { a: 1, b: 2 }, usage: { output: 5 } });
  });

  it("creates the trace of an observation that arrives first, timed by its earliest child", () => {
    const b = foldEvents([
      obs({ id: "a", startTime: new Date("2026-01-01T00:00:05Z") }),
      obs({ id: "b", startTime: new Date("2026-01-01T00:00:01Z") }),
    ]);
    expect(b.traces.get("t1")).toMatchObject({ kind: "trace", id: "t1" });
    expect(b.inferredStart.get("t1")).toEqual(new Date("2026-01-01T00:00:01Z"));
  });

  it("never moves a stored observation to another trace", () => {
    const b = foldEvents([obs({ id: "o1", traceId: "o1" })], (id) => (id === "o1" ? "real-trace" : undefined));
    expect(b.observations.get("o1")!.traceId).toBe("real-trace");
    expect([...b.traces.keys()]).toEqual(["real-trace"]);
  });
});

describe("merging into stored rows", () => {
  it("keeps the earliest stated trace time and unions tags", () => {
    const prev = mergeTrace(undefined, { kind: "trace", id: "t", timestamp: new Date("2026-01-02T00:00:00Z"), tags: ["a"] }, undefined, now);
    const next = mergeTrace(prev, { kind: "trace", id: "t", timestamp: new Date("2026-01-03T00:00:00Z"), tags: ["b", "a"], name: "n" }, undefined, now);
    expect(next).toMatchObject({ timestamp: new Date("2026-01-02T00:00:00Z"), tags: ["a", "b"], name: "n" });
  });

  it("adds usage from a create and an update into one total", () => {
    const first = mergeObservation(undefined, obs({ usage: { output: 7, total: 7 } }), now, noPrice);
    const second = mergeObservation(first, obs({ usage: { input: 3, total: 3 } }), now, noPrice);
    expect(second).toMatchObject({ inputTokens: 3, outputTokens: 7, totalTokens: 10 });
  });

  it("prices a generation, and lets a cost the client sends win for good", () => {
    const price = () => ({ input: 1, output: 2, total: 3 });
    const priced = mergeObservation(undefined, obs({ model: "m", usage: { input: 1, output: 1 } }), now, price);
    expect(priced).toMatchObject({ totalCost: 3, costProvided: false });
    const provided = mergeObservation(priced, obs({ cost: { total: 0.5 } }), now, price);
    expect(provided).toMatchObject({ totalCost: 0.5, costProvided: true });
    const later = mergeObservation(provided, obs({ usage: { input: 100 } }), now, price);
    expect(later.totalCost).toBe(0.5);
  });

  it("stores boolean and categorical scores with both value forms", () => {
    expect(scoreRow(undefined, { kind: "score", id: "s", name: "ok", value: 1, dataType: "BOOLEAN" }, now)).toMatchObject({ value: 1, stringValue: "True" });
    expect(scoreRow(undefined, { kind: "score", id: "s", name: "label", value: "good" }, now)).toMatchObject({ value: null, stringValue: "good", dataType: "CATEGORICAL" });
  });
});
