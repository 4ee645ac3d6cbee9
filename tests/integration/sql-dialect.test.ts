// The SQL dialect's analytics helpers on both databases, against figures worked
// out by hand: UTC time buckets (hour, day, ISO week) and percentiles
// (linear interpolation between closest ranks, h = p·(n−1)).
import { beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "@/lib/db/client";
import { percentileColumn, raw, sql, type TimeBucket } from "@/lib/db/sql";
import { dbFor, targets, uid } from "../support/targets";

const iso = (s: string) => new Date(s);

describe.each(targets())("SQL dialect analytics on $name", (t) => {
  const db = dbFor(t);
  const d = dialectOf(db);
  const projectId = uid("dialect");

  beforeAll(async () => {
    const row = (id: string, timestamp: string, name: string, latencyMs: number | null) => ({ projectId, id, timestamp: iso(timestamp), name, latencyMs });
    await db.trace.createMany({
      data: [
        row("b1", "2026-01-05T00:00:00.000Z", "a", 1), // a Monday, on the bucket edges
        row("b2", "2026-01-07T13:45:10.500Z", "a", 4), // a Wednesday afternoon
        row("b3", "2026-01-11T23:59:59.999Z", "a", 2), // the Sunday ending that week
        row("b4", "2026-01-12T00:00:00.000Z", "a", 3), // the next Monday
        row("b5", "2025-12-31T23:30:00.000Z", "a", null), // a week across the new year; no value
        row("c1", "2026-01-07T13:00:00.000Z", "c", 5),
        row("c2", "2026-01-07T13:59:59.999Z", "c", 1),
        row("c3", "2026-01-07T14:00:00.000Z", "c", 9),
        row("c4", "2026-01-08T01:00:00.000Z", "c", 3),
        row("c5", "2026-01-08T02:00:00.000Z", "c", 7),
        row("d1", "2026-01-08T03:00:00.000Z", "d", 10),
      ],
    });
  });

  const buckets = async (unit: TimeBucket, ids: string[]) => {
    const rows = await db.$queryRaw<{ id: string; b: unknown }[]>`
      SELECT "t"."id", ${d.timeBucket(sql`"t"."timestamp"`, unit)} AS "b" FROM "Trace" AS "t" WHERE "t"."projectId" = ${projectId} AND ${d.inList(sql`"t"."id"`, ids)} ORDER BY "t"."id"`;
    return Object.fromEntries(rows.map((r) => [r.id, d.decode.date(r.b).toISOString()]));
  };

  it("reads rows by keys: each matching row once, duplicate and unknown keys and other projects' rows left out", async () => {
    const other = uid("dialect-other");
    await db.trace.create({ data: { projectId: other, id: "b1", timestamp: iso("2026-01-05T00:00:00.000Z"), name: "a" } });
    const read = async (by: string, keys: string[]) => {
      const rows = await db.$queryRaw<{ id: string; name: string }[]>(d.rowsByKeys(sql`"id", "name"`, sql`"Trace"`, projectId, raw(`"${by}"`), keys));
      return rows.map((r) => `${r.id}:${r.name}`).sort();
    };
    expect(await read("id", ["b1", "b1", "c2", "nope"])).toEqual(["b1:a", "c2:c"]);
    expect(await read("name", ["c", "d", "d", "z"])).toEqual(["c1:c", "c2:c", "c3:c", "c4:c", "c5:c", "d1:d"]);
    expect(await read("id", [])).toEqual([]);
  });

  it("buckets by UTC hour", async () => {
    expect(await buckets("hour", ["b1", "b2", "c2", "c3"])).toEqual({
      b1: "2026-01-05T00:00:00.000Z",
      b2: "2026-01-07T13:00:00.000Z",
      c2: "2026-01-07T13:00:00.000Z",
      c3: "2026-01-07T14:00:00.000Z",
    });
  });

  it("buckets by UTC day", async () => {
    expect(await buckets("day", ["b2", "b3", "b4", "b5"])).toEqual({
      b2: "2026-01-07T00:00:00.000Z",
      b3: "2026-01-11T00:00:00.000Z",
      b4: "2026-01-12T00:00:00.000Z",
      b5: "2025-12-31T00:00:00.000Z",
    });
  });

  it("buckets by ISO week, starting Monday 00:00 UTC", async () => {
    expect(await buckets("week", ["b1", "b2", "b3", "b4", "b5"])).toEqual({
      b1: "2026-01-05T00:00:00.000Z",
      b2: "2026-01-05T00:00:00.000Z",
      b3: "2026-01-05T00:00:00.000Z",
      b4: "2026-01-12T00:00:00.000Z",
      b5: "2025-12-29T00:00:00.000Z",
    });
  });

  it("groups and counts by bucket", async () => {
    const b = d.timeBucket(sql`"t"."timestamp"`, "day");
    const rows = await db.$queryRaw<{ b: unknown; n: unknown }[]>`
      SELECT ${b} AS "b", COUNT(*) AS "n" FROM "Trace" AS "t" WHERE "t"."projectId" = ${projectId} AND "t"."name" = 'c' GROUP BY ${b} ORDER BY ${b}`;
    expect(rows.map((r) => [d.decode.date(r.b).toISOString(), d.decode.number(r.n)])).toEqual([
      ["2026-01-07T00:00:00.000Z", 3],
      ["2026-01-08T00:00:00.000Z", 2],
    ]);
  });

  it("buckets by UTC minute and by calendar month", async () => {
    expect(await buckets("minute", ["b3", "b5"])).toEqual({ b3: "2026-01-11T23:59:00.000Z", b5: "2025-12-31T23:30:00.000Z" });
    expect(await buckets("month", ["b3", "b5"])).toEqual({ b3: "2026-01-01T00:00:00.000Z", b5: "2025-12-01T00:00:00.000Z" });
  });

  it("refuses an unknown bucket", () => {
    expect(() => d.timeBucket(sql`"t"."timestamp"`, "second" as TimeBucket)).toThrow(/minute, hour, day, week, month/);
  });

  it("computes percentiles by linear interpolation, per group, leaving NULLs out", async () => {
    const ps = [0, 0.25, 0.5, 0.9, 0.95, 1];
    const source = sql`SELECT "name" AS "g", "latencyMs" AS "v" FROM "Trace" WHERE "projectId" = ${projectId}`;
    const rows = await db.$queryRaw<Record<string, unknown>[]>(d.percentiles(source, ps));
    const by = Object.fromEntries(rows.map((r) => [String(r.g), ps.map((p) => d.decode.numberOrNull(r[percentileColumn(p)]))]));
    // a: 1 2 3 4 (the NULL is left out). p50: h=1.5 → 2.5; p90: h=2.7 → 3.7; p95: h=2.85 → 3.85
    // c: 1 3 5 7 9. p25: h=1 → 3; p90: h=3.6 → 8.2; p95: h=3.8 → 8.6
    // d: 10 alone: every percentile is 10
    const expected: Record<string, number[]> = { a: [1, 1.75, 2.5, 3.7, 3.85, 4], c: [1, 3, 5, 8.2, 8.6, 9], d: [10, 10, 10, 10, 10, 10] };
    expect(Object.keys(by).sort()).toEqual(["a", "c", "d"]);
    for (const [g, values] of Object.entries(expected)) values.forEach((v, i) => expect(by[g][i], `${g} p${ps[i]}`).toBeCloseTo(v, 9));
  });

  it("names percentile columns and refuses fractions outside [0, 1]", () => {
    expect([0.5, 0.95, 0.999, 1].map(percentileColumn)).toEqual(["p50", "p95", "p99_9", "p100"]);
    expect(() => d.percentiles(sql`SELECT 1 AS "g", 1 AS "v"`, [1.5])).toThrow(/\[0, 1\]/);
  });
});
