import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCompact,
  formatCost,
  formatDate,
  formatDuration,
  formatPercent,
  formatRelative,
  formatTokens,
  parseUtcDateTime,
  truncate,
} from "@/components/ui/format";

describe("formatDuration", () => {
  it("picks a unit by magnitude", () => {
    expect(formatDuration(0)).toBe("0ms");
    expect(formatDuration(0.42)).toBe("0.42ms");
    expect(formatDuration(850)).toBe("850ms");
    expect(formatDuration(1250)).toBe("1.25s");
    expect(formatDuration(12_345)).toBe("12.3s");
    expect(formatDuration(125_000)).toBe("2m 05s");
    expect(formatDuration(3_720_000)).toBe("1h 02m");
  });
  it("shows a dash for missing values", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("formatCost", () => {
  it("shows cents from $1 and three significant digits below, whatever the magnitude", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(12.345)).toBe("$12.35");
    expect(formatCost(1234.5)).toBe("$1,234.50");
    expect(formatCost(1)).toBe("$1.00");
    expect(formatCost(0.0123)).toBe("$0.0123");
    expect(formatCost(0.5)).toBe("$0.500");
    expect(formatCost(0.000042)).toBe("$0.0000420");
    expect(formatCost(0.0000001)).toBe("<$0.000001");
    expect(formatCost(-0.00207)).toBe("-$0.00207");
    expect(formatCost(null)).toBe("—");
    expect(formatCost(Number.NaN)).toBe("—");
  });

  it("gives the issue's examples the same number of digits", () => {
    // Reported as $0.00207, $0.001542, $0.00002: three rules in one column.
    expect([0.00207, 0.001542, 0.00002].map(formatCost)).toEqual(["$0.00207", "$0.00154", "$0.0000200"]);
  });

  it("keeps exactly three significant digits for every magnitude under $1 (a class, not one example)", () => {
    for (let exp = -6; exp < 0; exp++) {
      for (const mantissa of [1, 1.5, 2.07, 4.2, 9.99]) {
        const text = formatCost(mantissa * 10 ** exp);
        const digits = text.replace(/^\$0\.0*/, "");
        expect(digits, text).toMatch(/^\d{3}$/);
      }
    }
    // rounding up to a dollar switches to cents rather than "$1.00" from the precision rule
    expect(formatCost(0.9996)).toBe("$1.00");
  });
});

describe("parseUtcDateTime", () => {
  it("reads what the app prints, as UTC", () => {
    expect(parseUtcDateTime("2026-01-31")?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(parseUtcDateTime("2026-01-31 14:05")?.toISOString()).toBe("2026-01-31T14:05:00.000Z");
    expect(parseUtcDateTime(" 2026-01-31T14:05:09Z ")?.toISOString()).toBe("2026-01-31T14:05:09.000Z");
    expect(parseUtcDateTime("2026-01-31 14:05 UTC")?.toISOString()).toBe("2026-01-31T14:05:00.000Z");
    expect(parseUtcDateTime(formatDate("2026-11-21T05:16:09Z"))?.toISOString()).toBe("2026-11-21T05:16:09.000Z");
  });

  it("refuses US order, 12-hour times and dates that do not exist", () => {
    for (const bad of ["01/31/2026", "01/31/2026, 02:05 PM", "2026-02-30", "2026-13-01", "2026-01-31 24:00", "2026-01-31 14:60", "yesterday", ""]) {
      expect(parseUtcDateTime(bad), bad).toBeNull();
    }
  });
});

describe("number formats", () => {
  it("formats tokens, compact numbers, percents and bytes", () => {
    expect(formatTokens(1234567)).toBe("1,234,567");
    expect(formatTokens(null)).toBe("—");
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(12_300)).toBe("12.3k");
    expect(formatCompact(4_500_000)).toBe("4.5M");
    expect(formatCompact(250_000)).toBe("250k");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5 MB");
  });
});

describe("formatDate", () => {
  const iso = "2026-11-21T05:16:09.042Z";
  it("is UTC by default and sortable", () => {
    expect(formatDate(iso)).toBe("2026-11-21 05:16:09");
    expect(formatDate(iso, { ms: true })).toBe("2026-11-21 05:16:09.042");
    expect(formatDate(iso, { seconds: false })).toBe("2026-11-21 05:16");
    expect(formatDate(iso, { dateOnly: true })).toBe("2026-11-21");
  });
  it("honours a time zone", () => {
    expect(formatDate(iso, { timeZone: "Asia/Tokyo" })).toBe("2026-11-21 14:16:09");
  });
  it("handles missing and invalid input", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  it("describes the gap from an explicit now", () => {
    expect(formatRelative(now - 2000, now)).toBe("just now");
    expect(formatRelative(now - 42_000, now)).toBe("42s ago");
    expect(formatRelative(now - 5 * 60_000, now)).toBe("5m ago");
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe("3h ago");
    expect(formatRelative(now - 6 * 86_400_000, now)).toBe("6d ago");
    expect(formatRelative(now + 120_000, now)).toBe("in 2m");
    expect(formatRelative("2026-01-02T00:00:00Z", now)).toBe("2026-01-02");
  });
});

describe("truncate", () => {
  it("cuts with an ellipsis within the limit", () => {
    expect(truncate("hello", 10)).toBe("hello");
    expect(truncate("hello world", 6)).toBe("hello…");
    expect(truncate("hello world", 6)).toHaveLength(6);
    expect(truncate("abc", 0)).toBe("");
  });
  it("never splits a surrogate pair", () => {
    const s = "ab😀cd";
    const t = truncate(s, 4); // would cut inside the emoji
    expect(t).toBe("ab…");
  });
});
