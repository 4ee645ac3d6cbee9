// The PostgreSQL writer's timestamp text (lib/ingest/pg-writer.ts): DateTime columns are `timestamp(3)` without a
// time zone holding UTC, written and read as text by the writer's own pool. Every time JavaScript can hold must go
// in as text PostgreSQL accepts and come back as the same instant (an ISO "+100000-…" year was a 500 on
// PostgreSQL while SQLite stored it).
import { describe, expect, it } from "vitest";
import { parseUtcTimestamp, timestampText } from "@/lib/ingest/pg-writer";

describe("PostgreSQL timestamp text", () => {
  it.each([
    ["2026-12-07T14:03:35.123Z", "2026-12-07 14:03:35.123"],
    ["2026-01-01T00:00:00.000Z", "2026-01-01 00:00:00"],
    ["0999-03-04T05:06:07.080Z", "0999-03-04 05:06:07.080"],
    ["+010000-01-01T00:00:00.000Z", "10000-01-01 00:00:00"],
    ["+100000-01-01T00:00:01.000Z", "100000-01-01 00:00:01"],
    ["+100004-02-29T23:59:59.999Z", "100004-02-29 23:59:59.999"],
    ["0000-06-15T12:00:00.000Z", "0001-06-15 12:00:00 BC"],
    ["-000044-03-15T00:00:00.000Z", "0045-03-15 00:00:00 BC"],
  ])("writes %s as %s and reads it back", (iso, text) => {
    const d = new Date(iso);
    expect(timestampText(d)).toBe(text);
    expect(parseUtcTimestamp(text).toISOString()).toBe(d.toISOString());
  });

  it("reads PostgreSQL's microseconds to the millisecond; 'infinity', which no Date holds, as an invalid Date", () => {
    expect(parseUtcTimestamp("2026-12-07 14:03:35.1234").toISOString()).toBe("2026-12-07T14:03:35.123Z");
    expect(Number.isNaN(parseUtcTimestamp("infinity").getTime())).toBe(true);
  });
});
