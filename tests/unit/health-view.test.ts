// The health figures' pure half: cells and shares, the links into the traces table, and the trace view's gap marks.
import { describe, expect, it } from "vitest";
import { healthCells, healthTracesHref, share, type HealthFigures } from "@/lib/analytics/health-view";
import { decodeFilter, queryToRecord } from "@/lib/query/url";
import { TRACE_URL_FIELDS } from "@/lib/traces/filter";
import { parseTraceTableParams } from "@/lib/traces/table-params";
import { observationGaps, usageGapText } from "@/components/trace/gaps";

const figures: HealthFigures = { traceName: "chat", traces: 4, missingInput: 1, missingOutput: 0, generations: 0, missingModel: 0, missingUsage: 0, missingCost: 0, observations: 5, neverEnded: 2 };

describe("health cells", () => {
  it("gives each gap as a count of its own denominator, and no share of nothing", () => {
    const cells = healthCells(figures);
    expect(cells.map((c) => [c.kind, c.count, c.of])).toEqual([
      ["input", 1, 4],
      ["output", 0, 4],
      ["model", 0, 0],
      ["usage", 0, 0],
      ["cost", 0, 0],
      ["end", 2, 5],
    ]);
    expect(cells.map(share)).toEqual([0.25, 0, null, null, null, 0.4]);
  });
});

describe("health links", () => {
  const q = (href: string) => new URLSearchParams(href.slice(href.indexOf("?") + 1));

  it("carries a preset range, the shared filter, the trace name and the gap", () => {
    const href = healthTracesHref("p 1", { kind: "7d", from: new Date() }, [{ type: "string", column: "userId", operator: "=", value: "alice" }], "usage", "chat");
    expect(href.startsWith("/p%201/traces?")).toBe(true);
    const p = q(href);
    expect(p.get("range")).toBe("7d");
    expect(p.get("from")).toBeNull();
    expect(p.get("userId")).toBe("alice");
    expect(p.get("name")).toBe("chat");
    expect(p.get("missing")).toBe("usage");
  });

  it("states custom bounds once (time conditions of the filter dropped) and replaces the filter's own name", () => {
    const from = new Date("2026-02-01T00:00:00.000Z");
    const to = new Date("2026-02-02T00:00:00.000Z");
    const href = healthTracesHref(
      "p",
      { kind: "custom", from, to },
      [
        { type: "datetime", column: "timestamp", operator: ">=", value: new Date("2020-01-01T00:00:00Z") },
        { type: "stringOptions", column: "name", operator: "any of", value: ["chat", "rag"] },
      ],
      "end",
      "rag",
    );
    const p = q(href);
    expect(p.getAll("from")).toEqual([from.toISOString()]);
    expect(p.get("to")).toBe(to.toISOString());
    expect(p.getAll("name")).toEqual(["rag"]);
    // The total row keeps the filter's names.
    expect(q(healthTracesHref("p", { kind: "all" }, [{ type: "stringOptions", column: "name", operator: "any of", value: ["chat", "rag"] }], "end")).get("name")).toBe("chat,rag");
  });

  it("sends a name holding a comma as a JSON condition, read back whole by the traces table", () => {
    const href = healthTracesHref("p", { kind: "all" }, [], "model", "a,b");
    const params = parseTraceTableParams(queryToRecord(href.slice(href.indexOf("?") + 1)));
    expect(params.issues).toEqual([]);
    expect(params.filter).toContainEqual({ type: "string", column: "name", operator: "=", value: "a,b" });
    expect(params.filter).toContainEqual({ type: "string", column: "missing", operator: "=", value: "model" });
  });

  it("refuses an unknown gap in the URL, alone", () => {
    const { filter, issues } = decodeFilter({ missing: "everything", userId: "u" }, TRACE_URL_FIELDS);
    expect(filter).toEqual([{ type: "string", column: "userId", operator: "=", value: "u" }]);
    expect(issues[0].param).toBe("missing");
  });
});

describe("trace view gap marks", () => {
  const gen = { type: "GENERATION" as const, endTime: "2026-01-01T00:00:00Z" };
  it("marks a generation without usage or cost and an observation without end, never an event", () => {
    expect(observationGaps({ ...gen, totalTokens: null, totalCost: null })).toEqual({ noUsage: true, costUnknown: true, neverEnded: false });
    expect(observationGaps({ ...gen, totalTokens: 0, totalCost: 0, endTime: null })).toEqual({ noUsage: false, costUnknown: false, neverEnded: true });
    expect(observationGaps({ type: "SPAN", totalTokens: null, totalCost: null, endTime: null })).toEqual({ noUsage: false, costUnknown: false, neverEnded: true });
    expect(observationGaps({ type: "EVENT", totalTokens: null, totalCost: null, endTime: null })).toEqual({ noUsage: false, costUnknown: false, neverEnded: false });
  });

  it("says what the gap costs: unknown cost only when no cost is known", () => {
    const text = (totalTokens: number | null, totalCost: number | null) => usageGapText(observationGaps({ ...gen, totalTokens, totalCost }));
    expect(text(null, null)).toBe("no usage reported: cost unknown");
    expect(text(null, 0.01)).toBe("no usage reported (cost sent by the client)");
    expect(text(15, null)).toBe("cost unknown: no price for this model");
    expect(text(15, 0.01)).toBeNull();
  });
});
