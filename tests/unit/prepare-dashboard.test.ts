// The dashboard's preparers: engine rows → series with every bucket, stacked
// top-N with "other", rates, bar lists and latency tables.
import { describe, expect, it } from "vitest";
import { isEmptySeries, prepareMetricSeries, prepareRateSeries, prepareStackedSeries, OTHER_LABEL, NONE_LABEL } from "@/lib/analytics/prepare/time-series";
import { prepareTopN } from "@/lib/analytics/prepare/top-n";
import { prepareLatencyTable } from "@/lib/analytics/prepare/latency";

const r = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-04T00:00:00Z"), unit: "day" as const };
const d1 = "2026-03-01T00:00:00.000Z";
const d2 = "2026-03-02T00:00:00.000Z";
const d3 = "2026-03-03T00:00:00.000Z";

describe("prepareMetricSeries", () => {
  it("has every bucket; empty ones are the fill (0 for counts, null for percentiles)", () => {
    const rows = [{ time_dimension: d2, p50_latency: 120, p95_latency: 900 }];
    const metrics = [{ key: "p50_latency", label: "p50" }, { key: "p95_latency", label: "p95" }];
    const s = prepareMetricSeries(rows, r, metrics, { format: "duration", fill: null });
    expect(s.series.map((x) => x.label)).toEqual(["p50", "p95"]);
    expect(s.points.map((p) => [p.time, p.values.s0, p.values.s1])).toEqual([
      [d1, null, null],
      [d2, 120, 900],
      [d3, null, null],
    ]);
    const c = prepareMetricSeries([{ time_dimension: d1, count_count: 4 }], r, [{ key: "count_count", label: "traces" }], { format: "count", fill: 0 });
    expect(c.points.map((p) => p.values.s0)).toEqual([4, 0, 0]);
  });

  it("links each bucket to its [start, end)", () => {
    const s = prepareMetricSeries([], r, [{ key: "count_count", label: "traces" }], { format: "count", fill: 0, links: { bucket: (a, b) => `${a.toISOString()}/${b.toISOString()}` } });
    expect(s.points[1].href).toBe(`${d2}/${d3}`);
    expect(isEmptySeries(s)).toBe(true);
  });
});

describe("prepareStackedSeries", () => {
  const rows = [
    { time_dimension: d1, providedModelName: "gpt-4o", sum_totalCost: 3 },
    { time_dimension: d2, providedModelName: "gpt-4o", sum_totalCost: 1 },
    { time_dimension: d1, providedModelName: "claude", sum_totalCost: 2 },
    { time_dimension: d3, providedModelName: null, sum_totalCost: 0.5 },
    { time_dimension: d3, providedModelName: "small", sum_totalCost: 0.25 },
    { time_dimension: d3, providedModelName: "zero", sum_totalCost: 0 },
  ];
  it("ranks series by total, (none) for a missing value, no series for a zero total", () => {
    const s = prepareStackedSeries(rows, r, { dimension: "providedModelName", metric: "sum_totalCost", format: "cost" });
    expect(s.series.map((x) => x.label)).toEqual(["gpt-4o", "claude", NONE_LABEL, "small"]);
    expect(s.points.map((p) => p.values)).toEqual([
      { s0: 3, s1: 2, s2: 0, s3: 0 },
      { s0: 1, s1: 0, s2: 0, s3: 0 },
      { s0: 0, s1: 0, s2: 0.5, s3: 0.25 },
    ]);
  });

  it("keeps limit-1 series and sums the rest as other, so each bucket's total is kept", () => {
    const s = prepareStackedSeries(rows, r, { dimension: "providedModelName", metric: "sum_totalCost", format: "cost", limit: 2 });
    expect(s.series.map((x) => x.label)).toEqual(["gpt-4o", OTHER_LABEL]);
    expect(s.points.map((p) => p.values)).toEqual([
      { s0: 3, s1: 2 },
      { s0: 1, s1: 0 },
      { s0: 0, s1: 0.75 },
    ]);
  });

  it("links a bucket and one series (not other)", () => {
    const s = prepareStackedSeries(rows, r, {
      dimension: "providedModelName",
      metric: "sum_totalCost",
      format: "cost",
      limit: 2,
      links: { bucket: (a) => `b:${a.toISOString()}`, series: (a, _b, v) => `s:${a.toISOString()}:${v}` },
    });
    expect(s.points[0].href).toBe(`b:${d1}`);
    expect(s.points[0].seriesHrefs).toEqual({ s0: `s:${d1}:gpt-4o` });
  });
});

describe("prepareRateSeries", () => {
  it("divides the part by the whole per bucket; null where nothing was counted", () => {
    const s = prepareRateSeries([{ time_dimension: d1, count_count: 4 }, { time_dimension: d2, count_count: 5 }], [{ time_dimension: d1, count_count: 1 }], r, { metric: "count_count", label: "error rate" });
    expect(s.points.map((p) => p.values.s0)).toEqual([0.25, 0, null]);
    expect(s.format).toBe("percent");
  });
});

describe("prepareTopN", () => {
  it("keeps the largest ten and sums the rest as other", () => {
    const rows = Array.from({ length: 13 }, (_, i) => ({ userId: `u${i}`, sum_totalCost: i + 1 }));
    const b = prepareTopN(rows, { dimension: "userId", metric: "sum_totalCost", format: "cost", href: (v) => `/t?userId=${v}` });
    expect(b.items).toHaveLength(11);
    expect(b.items[0]).toMatchObject({ label: "u12", value: 13, href: "/t?userId=u12" });
    expect(b.items[10]).toEqual({ label: `${OTHER_LABEL} (3)`, value: 1 + 2 + 3, color: expect.any(String) });
    expect(b.items.reduce((s, i) => s + i.value, 0)).toBe((13 * 14) / 2);
  });
  it("labels a missing value (none) and leaves out zeros", () => {
    const b = prepareTopN([{ userId: null, sum_totalCost: 2 }, { userId: "a", sum_totalCost: 0 }], { dimension: "userId", metric: "sum_totalCost", format: "cost" });
    expect(b.items.map((i) => i.label)).toEqual([NONE_LABEL]);
  });
});

describe("prepareLatencyTable", () => {
  it("reads count and percentiles, the busiest first", () => {
    const rows = [
      { name: "a", count_count: 2, p50_latency: 10, p95_latency: 20, p99_latency: 30 },
      { name: "b", count_count: 5, p50_latency: 1, p95_latency: 2, p99_latency: null },
      { name: "c", count_count: 0, p50_latency: null, p95_latency: null, p99_latency: null },
    ];
    expect(prepareLatencyTable(rows, { dimension: "name" })).toEqual([
      { label: "b", value: "b", count: 5, p50: 1, p95: 2, p99: null },
      { label: "a", value: "a", count: 2, p50: 10, p95: 20, p99: 30 },
    ]);
  });
  it("reads another measure (time to first token)", () => {
    const t = prepareLatencyTable([{ m: "x", count_count: 1, p50_timeToFirstToken: 50, p95_timeToFirstToken: 70 }], { dimension: "m", measure: "timeToFirstToken" });
    expect(t[0]).toMatchObject({ p50: 50, p95: 70, p99: null });
  });
});
