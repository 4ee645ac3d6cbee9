import { describe, expect, it } from "vitest";
import { SERIES_COLORS } from "@/lib/analytics/prepare/palette";
import { linkBuckets } from "@/lib/analytics/prepare/time-series";
import { prepareCostByModel, prepareLatencyPercentiles, prepareVolume } from "@/lib/analytics/prepare/trends";

const T0 = "2026-03-01T00:00:00.000Z";
const T1 = "2026-03-01T01:00:00.000Z";

describe("prepareCostByModel", () => {
  it("stacks the costliest models, sums the rest as other, and fills empty buckets with 0", () => {
    const d = prepareCostByModel(
      [
        { providedModelName: "a", time_dimension: T0, sum_totalCost: 3 },
        { providedModelName: "b", time_dimension: T0, sum_totalCost: 1 },
        { providedModelName: "c", time_dimension: T1, sum_totalCost: 0.5 },
        { providedModelName: null, time_dimension: T1, sum_totalCost: 0 },
        { providedModelName: "a", time_dimension: T1, sum_totalCost: 0 },
      ],
      "hour",
      1,
    );
    expect(d.series).toEqual([
      { key: "s0", label: "a", color: SERIES_COLORS[0] },
      { key: "s1", label: "other", color: "#8a8f98" },
    ]);
    expect(d.points).toEqual([
      { time: T0, values: { s0: 3, s1: 1 } },
      { time: T1, values: { s0: 0, s1: 0.5 } },
    ]);
    expect([d.unit, d.format]).toEqual(["hour", "cost"]);
  });

  it("has no series when nothing cost anything", () => {
    expect(prepareCostByModel([{ providedModelName: null, time_dimension: T0, sum_totalCost: 0 }], "hour").series).toEqual([]);
  });
});

describe("prepareLatencyPercentiles", () => {
  it("gives p50..p99 per bucket, null where a bucket has no trace", () => {
    const d = prepareLatencyPercentiles([
      { time_dimension: T0, p50_latency: 100, p90_latency: 200, p95_latency: 250, p99_latency: 290 },
      { time_dimension: T1, p50_latency: null, p90_latency: null, p95_latency: null, p99_latency: null },
    ], "hour");
    expect(d.series.map((s) => s.key)).toEqual(["p50", "p90", "p95", "p99"]);
    expect(d.points).toEqual([
      { time: T0, values: { p50: 100, p90: 200, p95: 250, p99: 290 } },
      { time: T1, values: { p50: null, p90: null, p95: null, p99: null } },
    ]);
    expect(d.format).toBe("duration");
    expect(prepareLatencyPercentiles([{ time_dimension: T0, p50_latency: null }], "hour")).toEqual({ unit: "hour", series: [], points: [], format: "duration" });
  });
});

describe("prepareVolume", () => {
  it("puts traces, observations and traces with errors on one time axis", () => {
    const d = prepareVolume(
      [
        { time_dimension: T0, count_count: 2, sum_observationsCount: 7 },
        { time_dimension: T1, count_count: 0, sum_observationsCount: 0 },
      ],
      [{ time_dimension: T0, count_count: 1 }],
      "hour",
    );
    expect(d.series.map((s) => s.key)).toEqual(["traces", "observations", "errors"]);
    expect(d.points).toEqual([
      { time: T0, values: { traces: 2, observations: 7, errors: 1 } },
      { time: T1, values: { traces: 0, observations: 0, errors: 0 } },
    ]);
    expect(d.format).toBe("count");
  });
});

describe("linkBuckets", () => {
  it("adds a click-through to the points whose bucket has a link, leaving the values as they are", () => {
    const d = prepareVolume([{ time_dimension: T0, count_count: 1 }, { time_dimension: T1, count_count: 2 }], [], "hour");
    const linked = linkBuckets(d, { [T1]: "/p/traces?from=x" });
    expect(linked.points).toEqual([
      { time: T0, values: { traces: 1, observations: 0, errors: 0 } },
      { time: T1, values: { traces: 2, observations: 0, errors: 0 }, href: "/p/traces?from=x" },
    ]);
    expect(d.points[1].href).toBeUndefined();
  });
});
