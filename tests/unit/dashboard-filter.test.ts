// The dashboard's filter on each engine view: mapped exactly, or answered as
// not applicable with why — never dropped silently.
import { describe, expect, it } from "vitest";
import { describeCondition, viewFilter } from "@/lib/analytics/dashboard/filter";
import { planQuery } from "@/lib/analytics/dashboard/queries";
import type { Filter } from "@/lib/query/filter";

const filter: Filter = [
  { type: "stringOptions", column: "name", operator: "any of", value: ["chat"] },
  { type: "string", column: "userId", operator: "=", value: "alice" },
  { type: "string", column: "release", operator: "=", value: "v2" },
  { type: "string", column: "version", operator: "=", value: "3" },
  { type: "arrayOptions", column: "tags", operator: "all of", value: ["prod"] },
  { type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" },
];

describe("viewFilter", () => {
  it("gives the traces view the filter as is", () => {
    const f: Filter = [...filter, { type: "string", column: "level", operator: "=", value: "error" }, { type: "string", column: "model", operator: "starts with", value: "gpt" }];
    expect(viewFilter(f, "traces")).toEqual({ ok: true, filters: f });
  });

  it("maps the trace's fields to the observations view's trace columns", () => {
    const r = viewFilter([...filter, { type: "string", column: "model", operator: "starts with", value: "gpt-4o" }], "observations");
    expect(r).toEqual({
      ok: true,
      filters: [
        { type: "stringOptions", column: "traceName", operator: "any of", value: ["chat"] },
        { type: "string", column: "userId", operator: "=", value: "alice" },
        { type: "string", column: "traceRelease", operator: "=", value: "v2" },
        { type: "string", column: "traceVersion", operator: "=", value: "3" },
        { type: "arrayOptions", column: "tags", operator: "all of", value: ["prod"] },
        { type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" },
        // model: that model's observations.
        { type: "string", column: "providedModelName", operator: "starts with", value: "gpt-4o" },
      ],
    });
  });

  it("maps scores' trace fields too, but a model is not applicable there (trace scores have none)", () => {
    expect(viewFilter(filter, "scores-numeric")).toMatchObject({ ok: true, filters: [{ column: "traceName" }, { column: "userId" }, { column: "traceRelease" }, { column: "traceVersion" }, { column: "tags" }, { column: "metadata" }] });
    const r = viewFilter([{ type: "string", column: "model", operator: "=", value: "gpt-4o" }], "scores-numeric");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.notApplicable[0].reason).toMatch(/model/);
  });

  it("answers a level filter on a child view as not applicable, naming the condition", () => {
    const level = { type: "string", column: "level", operator: "=", value: "error" } as const;
    const r = viewFilter([...filter, level], "observations");
    expect(r).toEqual({ ok: false, notApplicable: [{ condition: level, reason: expect.stringMatching(/trace's state/) }] });
    expect(describeCondition(level)).toBe("level = error");
  });

  it("answers the traces table's other conditions (cost, score, search …) as not applicable on child views", () => {
    const r = viewFilter([{ type: "number", column: "cost", operator: ">=", value: 1 }], "observations");
    expect(r.ok).toBe(false);
    // The traces view takes only what the engine's traces view declares.
    expect(viewFilter([{ type: "string", column: "search", operator: "contains", value: "x" }], "traces").ok).toBe(false);
  });

  it("a model on observations takes text operators only", () => {
    expect(viewFilter([{ type: "string", column: "model", operator: "!=", value: "x" }], "observations").ok).toBe(false);
  });
});

describe("planQuery", () => {
  const p = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-02T00:00:00Z"), unit: "hour" as const, filter };
  it("adds the range, the bucket and the mapped filter before the section's own conditions", () => {
    const r = planQuery(p, { view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "type", operator: "=", value: "GENERATION" }], timed: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.timeDimension).toEqual({ granularity: "hour" });
    expect(r.query.fromTimestamp).toBe("2026-03-01T00:00:00.000Z");
    expect(r.query.filters.map((c) => c.column)).toEqual(["traceName", "userId", "traceRelease", "traceVersion", "tags", "metadata", "type"]);
  });
  it("plans nothing for a view that cannot take the filter", () => {
    const r = planQuery({ ...p, filter: [{ type: "string", column: "level", operator: "=", value: "error" }] }, { view: "observations", metrics: [{ measure: "count", aggregation: "count" }] });
    expect(r.ok).toBe(false);
  });
});
