// Time buckets of a metrics query, in JS, the same as the dialect's timeBucket
// in SQL (UTC; weeks start on Monday; months are calendar months). The engine
// fills empty buckets with these; the dashboard labels its axes with them.
// Pure: no server imports.
import type { Granularity } from "./query-schema";

export type BucketUnit = Exclude<Granularity, "auto">;
export const BUCKET_UNITS: readonly BucketUnit[] = ["minute", "hour", "day", "week", "month"];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A bucket's length for choosing a granularity (a month counted as 30 days). */
export const UNIT_MS: Record<BucketUnit, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY };
/** Auto picks the finest unit giving at most this many buckets (Langfuse aims at ~50). */
export const AUTO_MAX_BUCKETS = 60;
/** 1970-01-05, the first Monday after the epoch (the dialect counts weeks from it). */
const WEEK_ORIGIN = 4 * DAY;

/** "auto" → the finest of minute, hour, day, week, month whose buckets over [from, to) number at most ~60; any other unit as is. */
export function resolveGranularity(granularity: Granularity, from: Date, to: Date): BucketUnit {
  if (granularity !== "auto") return granularity;
  const span = Math.max(0, to.getTime() - from.getTime());
  return BUCKET_UNITS.find((u) => span / UNIT_MS[u] <= AUTO_MAX_BUCKETS) ?? "month";
}

/** The start of the UTC bucket holding a time. */
export function bucketStart(at: Date, unit: BucketUnit): Date {
  const ms = at.getTime();
  if (unit === "month") return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  if (unit === "week") return new Date(Math.floor((ms - WEEK_ORIGIN) / UNIT_MS.week) * UNIT_MS.week + WEEK_ORIGIN);
  return new Date(Math.floor(ms / UNIT_MS[unit]) * UNIT_MS[unit]);
}

/** The bucket after one starting at `start`. */
export function nextBucket(start: Date, unit: BucketUnit): Date {
  if (unit === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + UNIT_MS[unit]);
}

/** Every bucket start from the bucket of `from` while it is before `to`, oldest first. */
export function bucketStarts(from: Date, to: Date, unit: BucketUnit, max = 100_000): Date[] {
  const out: Date[] = [];
  for (let b = bucketStart(from, unit); b.getTime() < to.getTime(); b = nextBucket(b, unit)) {
    if (out.length >= max) throw new RangeError(`more than ${max} ${unit} buckets`);
    out.push(b);
  }
  return out;
}

/** How many buckets [from, to) spans at a unit (without building them). */
export function bucketCount(from: Date, to: Date, unit: BucketUnit): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (unit === "month") {
    const a = bucketStart(from, "month");
    return (to.getUTCFullYear() - a.getUTCFullYear()) * 12 + (to.getUTCMonth() - a.getUTCMonth()) + (bucketStart(to, "month").getTime() < to.getTime() ? 1 : 0);
  }
  const first = bucketStart(from, unit).getTime();
  return Math.ceil((to.getTime() - first) / UNIT_MS[unit]);
}
