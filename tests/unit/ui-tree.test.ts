import { describe, expect, it } from "vitest";
import { ancestorIds, buildTree, computeTimeline, flattenTree, parentIds, timeTicks } from "@/components/trace/tree";
import { scrollToRow, visibleRange } from "@/components/trace/virtual";
import type { ObservationView } from "@/lib/objects/observation-view";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

function obs(id: string, parent: string | null, start: number, end: number | null, extra: Partial<ObservationView> = {}): ObservationView {
  return {
    id,
    traceId: "t1",
    parentObservationId: parent,
    type: "SPAN",
    name: id,
    startTime: at(start),
    endTime: end === null ? null : at(end),
    completionStartTime: null,
    level: "DEFAULT",
    statusMessage: null,
    model: null,
    modelParameters: null,
    inputTokens: null,
    outputTokens: null,
    totalTokens: null,
    usageDetails: null,
    inputCost: null,
    outputCost: null,
    totalCost: null,
    costDetails: null,
    latencyMs: end === null ? null : end - start,
    ...extra,
  };
}

const list = [
  obs("c", "a", 300, 400),
  obs("a", null, 0, 1000),
  obs("b", "a", 100, 200),
  obs("d", "b", 150, 160),
  obs("orphan", "missing", 50, 60),
];

describe("buildTree / flattenTree", () => {
  it("nests, orders siblings by start and attaches orphans to the root", () => {
    const roots = buildTree(list);
    expect(roots.map((r) => r.obs.id)).toEqual(["a", "orphan"]);
    const rows = flattenTree(roots);
    expect(rows.map((r) => [r.obs.id, r.depth])).toEqual([
      ["a", 0],
      ["b", 1],
      ["d", 2],
      ["c", 1],
      ["orphan", 0],
    ]);
    expect(rows[0]).toMatchObject({ hasChildren: true, collapsed: false, parentId: null });
    expect(rows[2]).toMatchObject({ hasChildren: false, parentId: "b" });
  });

  it("hides descendants of collapsed nodes", () => {
    const rows = flattenTree(buildTree(list), new Set(["b"]));
    expect(rows.map((r) => r.obs.id)).toEqual(["a", "b", "c", "orphan"]);
    expect(rows[1].collapsed).toBe(true);
  });

  it("survives parent cycles, self-parents and duplicate ids", () => {
    const cyclic = [obs("x", "y", 0, 1), obs("y", "x", 1, 2), obs("s", "s", 2, 3), obs("x", null, 5, 6)];
    const rows = flattenTree(buildTree(cyclic));
    expect(rows.map((r) => r.obs.id).sort()).toEqual(["s", "x", "y"]);
  });

  it("handles deep chains without recursion limits", () => {
    const deep = Array.from({ length: 20_000 }, (_, i) => obs(`n${i}`, i === 0 ? null : `n${i - 1}`, i, i + 1));
    const rows = flattenTree(buildTree(deep));
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999].depth).toBe(19_999);
  });

  it("finds ancestors and parents", () => {
    const roots = buildTree(list);
    expect(ancestorIds(roots, "d")).toEqual(["a", "b"]);
    expect(ancestorIds(roots, "a")).toEqual([]);
    expect(parentIds(roots).sort()).toEqual(["a", "b"]);
  });
});

describe("computeTimeline", () => {
  it("positions spans relative to the trace window", () => {
    const scale = computeTimeline(list);
    expect(scale.durationMs).toBe(1000);
    expect(scale.spans.get("b")).toEqual({ offsetMs: 100, durationMs: 100, offsetPct: 10, widthPct: 10 });
    expect(scale.spans.get("a")?.widthPct).toBe(100);
  });
  it("widens the window to cover observations outside the trace bounds", () => {
    const scale = computeTimeline([obs("a", null, -100, 900)], { start: at(0), end: at(1000) });
    expect(scale.durationMs).toBe(1100);
    expect(scale.spans.get("a")?.offsetMs).toBe(0);
  });
  it("treats open observations as points, or start + latency", () => {
    const scale = computeTimeline([obs("a", null, 0, 100), obs("e", null, 50, null), obs("l", null, 20, null, { latencyMs: 30 })]);
    expect(scale.spans.get("e")).toMatchObject({ offsetMs: 50, durationMs: 0, widthPct: 0 });
    expect(scale.spans.get("l")).toMatchObject({ offsetMs: 20, durationMs: 30 });
  });
  it("copes with an empty list", () => {
    expect(computeTimeline([]).durationMs).toBe(0);
  });
});

describe("timeTicks", () => {
  it("uses round steps", () => {
    expect(timeTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(timeTicks(7300, 5)).toEqual([0, 2000, 4000, 6000]);
    expect(timeTicks(0)).toEqual([0]);
  });
});

describe("virtual", () => {
  it("computes a window with overscan", () => {
    expect(visibleRange(0, 280, 28, 2000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(2800, 280, 28, 2000, 5)).toEqual({ start: 95, end: 116 });
    expect(visibleRange(1e9, 280, 28, 2000, 5).end).toBe(2000);
    expect(visibleRange(0, 280, 28, 0)).toEqual({ start: 0, end: 0 });
  });
  it("scrolls a row into view only when needed", () => {
    expect(scrollToRow(5, 0, 280, 28)).toBeNull();
    expect(scrollToRow(20, 0, 280, 28)).toBe(20 * 28 + 28 - 280);
    expect(scrollToRow(2, 200, 280, 28)).toBe(56);
  });
});
