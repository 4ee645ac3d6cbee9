import { describe, expect, it } from "vitest";
import { activeChips, chipText, DASHBOARD_PANEL_FIELDS, panelUpdates, pickFields, removeChipUpdate, TRACE_PANEL_FIELDS } from "@/components/data-table/filter-fields";

const getAllOf = (q: string) => {
  const sp = new URLSearchParams(q);
  return (param: string) => sp.getAll(param);
};

describe("panel fields", () => {
  it("the dashboard's panel is the traces table's trace-level fields, in its words", () => {
    expect(DASHBOARD_PANEL_FIELDS.map((f) => f.param)).toEqual(["name", "userId", "sessionId", "tags", "environment", "release", "version", "model", "metadata"]);
    expect(DASHBOARD_PANEL_FIELDS.find((f) => f.param === "name")?.label).toBe("Trace name");
    expect(TRACE_PANEL_FIELDS.find((f) => f.param === "name")?.label).toBe("Name");
    expect(DASHBOARD_PANEL_FIELDS.find((f) => f.param === "metadata")?.repeated).toBe(true);
    expect(() => pickFields(TRACE_PANEL_FIELDS, ["nope"])).toThrow();
  });
});

describe("panelUpdates", () => {
  it("sets every field: blank clears, repeated fields one value per non-blank line", () => {
    const form = new Map<string, string>([
      ["name", "  support-chat "],
      ["userId", ""],
      ["score", "helpfulness<0.5\n\n  correct=false \n"],
    ]);
    const updates = panelUpdates(TRACE_PANEL_FIELDS, (p) => form.get(p) ?? null);
    expect(updates.name).toBe("support-chat");
    expect(updates.userId).toBeNull();
    expect(updates.minCost).toBeNull();
    expect(updates.score).toEqual(["helpfulness<0.5", "correct=false"]);
    expect(updates.metadata).toEqual([]);
    expect(Object.keys(updates)).toEqual(TRACE_PANEL_FIELDS.map((f) => f.param));
  });
});

describe("chips", () => {
  it("one per value of a field or an extra param, in field order, labels without their hints", () => {
    const chips = activeChips(DASHBOARD_PANEL_FIELDS, { level: "Level", filter: "Condition" }, getAllOf("level=error&metadata=a%3D1&metadata=b%3D2&name=chat&tags=&score=x<1"));
    expect(chips).toEqual([
      { param: "name", value: "chat", label: "Trace name" },
      { param: "metadata", value: "a=1", label: "Metadata key=value" },
      { param: "metadata", value: "b=2", label: "Metadata key=value" },
      { param: "level", value: "error", label: "Level" },
    ]);
  });

  it("removing a chip keeps the param's other values", () => {
    expect(removeChipUpdate({ param: "metadata", value: "a=1" }, getAllOf("metadata=a%3D1&metadata=b%3D2"))).toEqual({ metadata: ["b=2"] });
  });

  it("describes a JSON condition and cuts long values when asked", () => {
    const json = JSON.stringify({ type: "string", column: "model", operator: "=", value: "gpt-4o" });
    expect(chipText({ param: "filter", value: json })).not.toContain("{");
    expect(chipText({ param: "name", value: "x".repeat(80) }, 60)).toHaveLength(60);
    expect(chipText({ param: "name", value: "x".repeat(80) })).toHaveLength(80);
  });
});
