// The trace page's column-packed observation summaries: what the tree and the
// timeline read after unpacking is what the summaries said.
import { describe, expect, it } from "vitest";
import { packObservations, unpackObservations, type ObservationSummary } from "@/lib/objects/observation-pack";

const row = (id: string, over: Partial<ObservationSummary> = {}): ObservationSummary => ({
  id,
  traceId: "tr",
  parentObservationId: null,
  type: "SPAN",
  name: null,
  startTime: "2026-12-01T10:00:00.000Z",
  endTime: null,
  completionStartTime: null,
  level: "DEFAULT",
  model: null,
  inputTokens: null,
  outputTokens: null,
  totalTokens: null,
  totalCost: null,
  ...over,
});

describe("packObservations / unpackObservations", () => {
  const rows = [
    row("root", { type: "AGENT", name: "agent", startTime: "2026-12-01T10:00:00.000Z", endTime: "2026-12-01T10:00:09.500Z" }),
    row("gen", {
      parentObservationId: "root",
      type: "GENERATION",
      name: "plan",
      startTime: "2026-12-01T10:00:00.250Z",
      endTime: "2026-12-01T10:00:01.001Z",
      completionStartTime: "2026-12-01T10:00:00.400Z",
      model: "gpt-4o",
      inputTokens: 800,
      outputTokens: 120,
      totalTokens: 920,
      totalCost: 0.0032123456789,
      level: "WARNING",
    }),
    row("tool", { parentObservationId: "root", type: "TOOL", name: "plan", startTime: "2026-12-01T10:00:01.100Z", level: "ERROR", model: "gpt-4o" }),
    row("orphan", { parentObservationId: "not-here", type: "EVENT", startTime: "2026-12-01T09:59:59.000Z" }),
  ];

  it("gives back every summary field, times to the millisecond", () => {
    const views = unpackObservations(packObservations("tr", rows));
    expect(views.map(pick)).toEqual(rows);
    expect(views[1].latencyMs).toBe(751);
    expect(views[0].latencyMs).toBe(9500);
    expect(views[2].latencyMs).toBeNull();
  });

  it("keeps a parent that is not in the list, so the tree shows the row as an orphan root", () => {
    const views = unpackObservations(packObservations("tr", rows));
    expect(views[3].parentObservationId).toBe("not-here");
    expect(views[1].parentObservationId).toBe("root");
  });

  it("holds repeated names and models once", () => {
    const packed = packObservations("tr", rows);
    expect(packed.names).toEqual(["agent", "plan"]);
    expect(packed.models).toEqual(["gpt-4o"]);
  });

  it("is much smaller than the objects it replaces", () => {
    const many = Array.from({ length: 2000 }, (_, i) => row(`trace-1-o${String(i).padStart(5, "0")}`, { parentObservationId: i ? "trace-1-o00000" : null, name: `step-${i % 7}`, startTime: new Date(Date.UTC(2026, 11, 1, 10) + i * 5).toISOString() }));
    const packed = JSON.stringify(packObservations("trace-1", many)).length;
    expect(packed).toBeLessThan(JSON.stringify(many).length / 3);
  });

  it("reads an invalid time as lib/iso.ts does (start: the epoch, end: none) instead of throwing", () => {
    const [v] = unpackObservations(packObservations("tr", [{ ...row("far"), startTime: new Date(Number.NaN), endTime: new Date(Number.NaN) }]));
    expect(v.startTime).toBe("1970-01-01T00:00:00.000Z");
    expect(v.endTime).toBeNull();
    expect(v.latencyMs).toBeNull();
  });

  it("packs an empty trace", () => {
    expect(unpackObservations(packObservations("tr", []))).toEqual([]);
  });
});

function pick(v: ObservationSummary): ObservationSummary {
  return {
    id: v.id,
    traceId: v.traceId,
    parentObservationId: v.parentObservationId,
    type: v.type,
    name: v.name,
    startTime: v.startTime,
    endTime: v.endTime,
    completionStartTime: v.completionStartTime,
    level: v.level,
    model: v.model,
    inputTokens: v.inputTokens,
    outputTokens: v.outputTokens,
    totalTokens: v.totalTokens,
    totalCost: v.totalCost,
  };
}
