// The users table's URL: search, presets and custom bounds as trace conditions.
import { describe, expect, it } from "vitest";
import { parseUserView } from "@/lib/users/filter";

describe("users view", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");

  it("reads the search and a preset range", () => {
    const v = parseUserView({ q: " alice ", range: "7d" }, now);
    expect(v.filter).toEqual([
      { type: "string", column: "userId", operator: "contains", value: "alice" },
      { type: "datetime", column: "timestamp", operator: ">=", value: new Date("2026-03-03T12:00:00.000Z") },
    ]);
    expect(v).toMatchObject({ range: "7d", filtered: true, issues: [] });
  });

  it("lets custom bounds win over a preset, and is all time without either", () => {
    const v = parseUserView({ from: "2026-03-01T00:00:00Z", range: "24h" }, now);
    expect(v.filter).toEqual([{ type: "datetime", column: "timestamp", operator: ">=", value: new Date("2026-03-01T00:00:00Z") }]);
    expect(v.range).toBe("custom");
    expect(parseUserView({}, now)).toEqual({ filter: [], range: "all", issues: [], filtered: false });
  });

  it("drops a bad value alone, saying why", () => {
    const v = parseUserView({ range: "2y", from: "yesterday", q: "bob" }, now);
    expect(v.filter).toEqual([{ type: "string", column: "userId", operator: "contains", value: "bob" }]);
    expect(v.issues.map((i) => i.param).sort()).toEqual(["from", "range"]);
  });
});
