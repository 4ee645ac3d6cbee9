import { describe, expect, it } from "vitest";
import { mergeObservation } from "@/lib/ingest/merge";
import type { ObservationRow } from "@/lib/ingest/rows";
import { rollUp } from "@/lib/ingest/rollups";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const row = (o: Partial<ObservationRow> & { id: string }): ObservationRow =>
  ({ ...mergeObservation(undefined, { kind: "observation", id: o.id, traceId: "t" }, t(0), () => undefined), ...o }) as ObservationRow;

describe("trace rollups from the changes of a batch", () => {
  it("adds new observations: span, counts, tokens, cost, models", () => {
    const r = rollUp(undefined, [
      { next: row({ id: "a", startTime: t(1), endTime: t(4), model: "gpt-4o", inputTokens: 10, outputTokens: 5, totalTokens: 15, totalCost: 0.1 }) },
      { next: row({ id: "b", startTime: t(2), endTime: t(6), level: "ERROR", totalCost: 0.2 }) },
      { next: row({ id: "c", startTime: t(3), level: "WARNING" }) },
    ])!;
    expect(r).toMatchObject({ observationCount: 3, errorCount: 1, warningCount: 1, inputTokens: 10, totalTokens: 15, totalCost: 0.3, models: ["gpt-4o"], latencyMs: 5000 });
    expect(r.startTime).toEqual(t(1));
  });

  it("replaces an updated observation's contribution instead of counting it twice", () => {
    const before = row({ id: "a", startTime: t(1), endTime: t(2), outputTokens: 5, totalTokens: 5 });
    const stored = rollUp(undefined, [{ next: before }])!;
    const after = { ...before, endTime: t(9), level: "ERROR", outputTokens: 7, totalTokens: 7 };
    expect(rollUp(stored, [{ prev: before, next: after }])).toMatchObject({ observationCount: 1, errorCount: 1, outputTokens: 7, totalTokens: 7, latencyMs: 8000 });
  });

  it("asks for an exact aggregate when an edge moves inward or a model is replaced", () => {
    const a = row({ id: "a", startTime: t(1), endTime: t(5), model: "m1" });
    const stored = rollUp(undefined, [{ next: a }])!;
    expect(rollUp(stored, [{ prev: a, next: { ...a, startTime: t(2) } }])).toBeUndefined();
    expect(rollUp(stored, [{ prev: a, next: { ...a, endTime: t(3) } }])).toBeUndefined();
    expect(rollUp(stored, [{ prev: a, next: { ...a, model: "m2" } }])).toBeUndefined();
  });

  it("returns only rollup fields when handed a whole stored trace row", () => {
    const stored = { ...rollUp(undefined, [])!, name: "stored name", timestamp: t(0) };
    expect(Object.keys(rollUp(stored, [])!)).not.toContain("name");
  });
});
