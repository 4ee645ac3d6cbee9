// The engine's answer shaping in JS (lib/analytics/rows/shape.ts): empty
// buckets per series with each aggregation's empty value, Langfuse's order
// with nulls last, deterministic ties, and the row limit after the fill.
import { describe, expect, it } from "vitest";
import { emptyValue, fillBuckets, orderAndLimit, type ShapeSpec } from "@/lib/analytics/rows/shape";

const spec = (o: Partial<ShapeSpec>): ShapeSpec => ({
  dimensions: [],
  metrics: [{ key: "count_count", aggregation: "count" }],
  unit: null,
  from: new Date("2026-03-01T00:00:00Z"),
  to: new Date("2026-03-01T03:00:00Z"),
  orderBy: [],
  rowLimit: null,
  ...o,
});

describe("emptyValue", () => {
  it("is 0 for counts and sums, [] for a histogram, null otherwise", () => {
    expect(["count", "sum", "uniq", "avg", "min", "max", "p95", "histogram"].map((a) => emptyValue(a as never))).toEqual([0, 0, 0, null, null, null, null, []]);
    expect(emptyValue("uniq", true)).toBe(0);
  });
});

describe("fillBuckets", () => {
  it("adds every missing bucket of one series without dimensions, even with no rows", () => {
    const s = spec({ unit: "hour", metrics: [{ key: "count_count", aggregation: "count" }, { key: "avg_latency", aggregation: "avg" }] });
    expect(orderAndLimit(fillBuckets([], s), s)).toEqual([
      { time_dimension: "2026-03-01T00:00:00.000Z", count_count: 0, avg_latency: null },
      { time_dimension: "2026-03-01T01:00:00.000Z", count_count: 0, avg_latency: null },
      { time_dimension: "2026-03-01T02:00:00.000Z", count_count: 0, avg_latency: null },
    ]);
  });

  it("fills per combination of the other dimensions present", () => {
    const s = spec({ unit: "hour", dimensions: ["name"], orderBy: [{ field: "time_dimension", direction: "asc" }] });
    const rows = [
      { name: "a", time_dimension: "2026-03-01T01:00:00.000Z", count_count: 2 },
      { name: null, time_dimension: "2026-03-01T02:00:00.000Z", count_count: 1 },
    ];
    expect(orderAndLimit(fillBuckets(rows, s), s).map((r) => [String(r.time_dimension).slice(11, 13), r.name, r.count_count])).toEqual([
      ["00", "a", 0],
      ["00", null, 0],
      ["01", "a", 2],
      ["01", null, 0],
      ["02", "a", 0],
      ["02", null, 1],
    ]);
  });

  it("without a time dimension changes nothing", () => {
    const rows = [{ count_count: 1 }];
    expect(fillBuckets(rows, spec({}))).toBe(rows);
  });
});

describe("orderAndLimit", () => {
  const rows = [
    { name: "b", sum_totalCost: 1 },
    { name: null, sum_totalCost: 3 },
    { name: "a", sum_totalCost: null },
    { name: "c", sum_totalCost: 1 },
  ];
  it("orders by a metric descending, nulls last, ties by the dimensions", () => {
    expect(orderAndLimit(rows, spec({ dimensions: ["name"], orderBy: [{ field: "sum_totalCost", direction: "desc" }] })).map((r) => r.name)).toEqual([null, "b", "c", "a"]);
  });
  it("orders by a dimension ascending, nulls last, and limits", () => {
    expect(orderAndLimit(rows, spec({ dimensions: ["name"], orderBy: [{ field: "name", direction: "asc" }], rowLimit: 3 })).map((r) => r.name)).toEqual(["a", "b", "c"]);
  });
});
