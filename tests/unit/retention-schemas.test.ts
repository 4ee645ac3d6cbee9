// The retention setting as the Settings form sends it: empty means keep
// forever, a whole number of days within 1..3650, and every refusal names the
// field (the action builder shows it beside the input).
import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/forms";
import { describeRetention, retentionFormSchema } from "@/lib/retention/schemas";

const parse = (retentionDays: unknown) => retentionFormSchema.safeParse({ projectId: "p1", retentionDays });

describe("retention form", () => {
  it("takes days as typed, and empty (or nothing) as keep forever", () => {
    expect(parse("30").data).toEqual({ projectId: "p1", retentionDays: 30 });
    expect(parse(" 1,000 ").data?.retentionDays).toBe(1000);
    expect(parse("1").data?.retentionDays).toBe(1);
    expect(parse("3650").data?.retentionDays).toBe(3650);
    expect(parse(7).data?.retentionDays).toBe(7);
    expect(parse("").data?.retentionDays).toBeNull();
    expect(parse("   ").data?.retentionDays).toBeNull();
    expect(parse(undefined).data?.retentionDays).toBeNull();
    expect(parse(null).data?.retentionDays).toBeNull();
  });

  it("refuses zero, negatives, fractions, words and more than ten years, under the field's name", () => {
    for (const bad of ["0", "-5", "1.5", "thirty", "30d", "3651", "1e3", 0.5]) {
      const r = parse(bad);
      expect(r.success, String(bad)).toBe(false);
      const state = fieldErrors(r.error!);
      expect(Object.keys(state.fieldErrors!), String(bad)).toEqual(["retentionDays"]);
    }
    expect(fieldErrors(parse("0").error!).fieldErrors).toEqual({ retentionDays: "Keep traces at least 1 day" });
    expect(fieldErrors(parse("3651").error!).error).toBe("Keep traces at most 3,650 days (10 years), or leave it empty to keep them forever");
    expect(fieldErrors(parse("thirty").error!).error).toBe("Enter a whole number of days, or leave it empty to keep traces forever");
    expect(fieldErrors(parse("1.5").error!).error).toBe("Enter a whole number of days, or leave it empty to keep traces forever");
  });
});

describe("a sweep's outcome in words", () => {
  it("says how many were deleted and before when", () => {
    expect(describeRetention({ deleted: 1234, cutoff: "2026-11-03T12:00:00.000Z", days: 30 })).toBe(
      "1,234 traces deleted: everything with a timestamp before 2026-11-03 12:00 UTC (older than 30 days)",
    );
    expect(describeRetention({ deleted: 0, cutoff: null, days: null })).toBe("0 traces deleted (retention is off: nothing expires)");
    expect(describeRetention(null)).toBeNull();
  });
});
