// The one decoder of driver values: what better-sqlite3 and node-postgres hand back.
import { describe, expect, it } from "vitest";
import { decode } from "@/lib/db/sql";

describe("decode", () => {
  it("reads numbers from number, bigint and numeric text; null as 0 or null", () => {
    expect([decode.number(3), decode.number(BigInt(3)), decode.number("3.5"), decode.number(null)]).toEqual([3, 3, 3.5, 0]);
    expect([decode.numberOrNull(undefined), decode.numberOrNull(BigInt(0))]).toEqual([null, 0]);
  });
  it("reads dates from Date, epoch ms (number, bigint, text) and ISO text", () => {
    const d = new Date("2026-01-05T00:00:00.000Z");
    for (const v of [d, d.getTime(), BigInt(d.getTime()), String(d.getTime()), d.toISOString()]) expect(decode.date(v).toISOString()).toBe(d.toISOString());
    expect(decode.dateOrNull(null)).toBeNull();
  });
  it("reads booleans from true/false and 0/1 in every driver shape", () => {
    expect([true, 1, BigInt(1), "1", "t"].map(decode.boolean)).toEqual([true, true, true, true, true]);
    expect([false, 0, BigInt(0), "0", null].map(decode.boolean)).toEqual([false, false, false, false, false]);
  });
  it("reads JSON from text or parsed values, with a fallback for unreadable text", () => {
    expect(decode.json('["a"]', [])).toEqual(["a"]);
    expect(decode.json(["a"], [])).toEqual(["a"]);
    expect(decode.json("{bad", null)).toBeNull();
    expect(decode.stringList('["b",null,"a"]')).toEqual(["a", "b"]);
  });
});
