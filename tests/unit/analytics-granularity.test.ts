// Time buckets in JS (lib/analytics/granularity.ts): auto's choice for each
// preset, UTC bucket starts across day, week, month and year boundaries, and
// bucket counts equal to the lists they count.
import { describe, expect, it } from "vitest";
import { bucketCount, bucketStart, bucketStarts, resolveGranularity, type BucketUnit } from "@/lib/analytics/granularity";

const d = (s: string) => new Date(s);
const iso = (xs: Date[]) => xs.map((x) => x.toISOString());
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("resolveGranularity", () => {
  const to = d("2026-03-01T12:00:00.000Z");
  const back = (ms: number) => new Date(to.getTime() - ms);
  it.each([
    ["1h", HOUR, "minute"],
    ["24h", DAY, "hour"],
    ["7d", 7 * DAY, "day"],
    ["30d", 30 * DAY, "day"],
    ["90d", 90 * DAY, "week"],
    ["2 years", 730 * DAY, "month"],
    ["10 years", 3650 * DAY, "month"],
  ])("auto over %s (%i ms) is %s", (_, span, unit) => {
    expect(resolveGranularity("auto", back(span as number), to)).toBe(unit);
  });

  it("keeps an explicit unit", () => {
    expect(resolveGranularity("hour", back(90 * DAY), to)).toBe("hour");
  });

  it("gives at most ~60 buckets on auto", () => {
    for (const span of [HOUR, 3 * HOUR, DAY, 2 * DAY, 7 * DAY, 30 * DAY, 60 * DAY, 90 * DAY, 400 * DAY]) {
      const from = back(span);
      expect(bucketCount(from, to, resolveGranularity("auto", from, to))).toBeLessThanOrEqual(62);
    }
  });
});

describe("bucketStart", () => {
  it("floors to the UTC minute, hour and day", () => {
    const t = d("2026-02-28T23:59:59.999Z");
    expect(bucketStart(t, "minute").toISOString()).toBe("2026-02-28T23:59:00.000Z");
    expect(bucketStart(t, "hour").toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(bucketStart(t, "day").toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });

  it("starts weeks on Monday 00:00 UTC, across a new year", () => {
    expect(bucketStart(d("2026-01-11T23:59:59.999Z"), "week").toISOString()).toBe("2026-01-05T00:00:00.000Z"); // Sunday → Monday before
    expect(bucketStart(d("2026-01-05T00:00:00.000Z"), "week").toISOString()).toBe("2026-01-05T00:00:00.000Z"); // a Monday is its own start
    expect(bucketStart(d("2026-01-01T10:00:00.000Z"), "week").toISOString()).toBe("2025-12-29T00:00:00.000Z");
  });

  it("starts months on the first calendar day", () => {
    expect(bucketStart(d("2024-02-29T12:00:00.000Z"), "month").toISOString()).toBe("2024-02-01T00:00:00.000Z");
    expect(bucketStart(d("2026-12-31T23:59:59.999Z"), "month").toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});

describe("bucketStarts", () => {
  it("lists every hour from the bucket of from while before to, across midnight", () => {
    expect(iso(bucketStarts(d("2026-02-28T22:30:00.000Z"), d("2026-03-01T01:00:00.000Z"), "hour"))).toEqual([
      "2026-02-28T22:00:00.000Z",
      "2026-02-28T23:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
  });

  it("lists calendar months of unequal length across a year", () => {
    expect(iso(bucketStarts(d("2025-11-15T00:00:00.000Z"), d("2026-03-01T00:00:00.001Z"), "month"))).toEqual([
      "2025-11-01T00:00:00.000Z",
      "2025-12-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
  });

  it("lists ISO weeks", () => {
    expect(iso(bucketStarts(d("2025-12-31T00:00:00.000Z"), d("2026-01-13T00:00:00.000Z"), "week"))).toEqual(["2025-12-29T00:00:00.000Z", "2026-01-05T00:00:00.000Z", "2026-01-12T00:00:00.000Z"]);
  });

  it("is empty for an empty range", () => {
    expect(bucketStarts(d("2026-01-01T00:00:00.000Z"), d("2026-01-01T00:00:00.000Z"), "day")).toEqual([]);
  });

  it("counts what it lists", () => {
    const ranges: [string, string][] = [
      ["2026-02-28T22:30:00.000Z", "2026-03-01T01:00:00.000Z"],
      ["2025-11-15T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
      ["2025-11-15T00:00:00.000Z", "2026-03-01T00:00:00.001Z"],
      ["2025-12-31T00:00:00.000Z", "2026-01-13T00:00:00.000Z"],
      ["2026-01-05T00:00:00.000Z", "2026-01-12T00:00:00.000Z"],
    ];
    for (const [a, b] of ranges)
      for (const unit of ["minute", "hour", "day", "week", "month"] as BucketUnit[]) {
        const n = bucketCount(d(a), d(b), unit);
        if (n < 100_000) expect(n).toBe(bucketStarts(d(a), d(b), unit).length);
      }
  });
});
