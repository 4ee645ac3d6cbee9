// The subject rollup's pure parts: what a trace contributes (once per user, once per session) and which
// planned queries the subject rollup serves.
import { describe, expect, it } from "vitest";
import { metricsQuerySchema, type MetricsQueryInput } from "@/lib/analytics/query-schema";
import { subjectContributions } from "@/lib/analytics/rollups/contrib";
import { RollupDeltas, sumOf } from "@/lib/analytics/rollups/deltas";
import { subjectOf } from "@/lib/analytics/rollups/serve-subjects";
import { validateMetricsQuery } from "@/lib/analytics/validate";

const trace = { timestamp: new Date("2026-05-10T13:20:00Z"), name: "chat", userId: "u1", sessionId: "s1", totalTokens: 30, totalCost: 0.5 };

describe("subjectContributions", () => {
  it("counts a trace under its user and under its session, with its name", () => {
    const [u, s] = subjectContributions(trace);
    expect(u).toMatchObject({ kind: "subject", dims: ["user", "u1", "chat"], values: { totalTokens: 30, totalCost: 0.5 } });
    expect(s).toMatchObject({ kind: "subject", dims: ["session", "s1", "chat"] });
    expect(u.hour).toBe(Date.parse("2026-05-10T13:00:00Z"));
  });

  it("keeps a trace without user or session in the null group, and folds to its UTC day", () => {
    const d = new RollupDeltas();
    for (const c of subjectContributions({ ...trace, userId: null, sessionId: null, totalCost: null })) d.add(c, 1);
    const days = d.byDay().changed().map((r) => [r.grain, r.start, r.dims, r.count, sumOf("subject", r, "totalCost")]);
    const day = Date.parse("2026-05-10T00:00:00Z");
    expect(days).toHaveLength(2);
    expect(days).toContainEqual(["day", day, ["user", null, "chat"], 1, [0, 0]]);
    expect(days).toContainEqual(["day", day, ["session", null, "chat"], 1, [0, 0]]);
  });

  it("a move to another user is −old +new", () => {
    const d = new RollupDeltas();
    for (const c of subjectContributions(trace)) d.add(c, -1);
    for (const c of subjectContributions({ ...trace, userId: "u2" })) d.add(c, 1);
    const changed = d.byDay().changed().map((r) => [r.dims, r.count]);
    // The session row is unchanged (same session and name): it cancels out.
    expect(changed).toHaveLength(2);
    expect(changed).toContainEqual([["user", "u1", "chat"], -1]);
    expect(changed).toContainEqual([["user", "u2", "chat"], 1]);
  });
});

describe("subjectOf", () => {
  const plan = (q: Partial<MetricsQueryInput>) =>
    validateMetricsQuery(
      metricsQuerySchema.parse({
        view: "traces",
        dimensions: [{ field: "userId" }],
        metrics: [{ measure: "totalCost", aggregation: "sum" }, { measure: "count", aggregation: "count" }],
        fromTimestamp: "2026-05-01T00:00:00Z",
        toTimestamp: "2026-05-31T00:00:00Z",
        ...q,
      }),
    );
  it("serves traces grouped by user or session, with name and user filters", () => {
    expect(subjectOf(plan({}))).toBe("user");
    expect(subjectOf(plan({ dimensions: [{ field: "sessionId" }] }))).toBe("session");
    expect(subjectOf(plan({ filters: [{ type: "string", column: "name", operator: "=", value: "chat" }, { type: "string", column: "userId", operator: "=", value: "u1" }] }))).toBe("user");
    expect(subjectOf(plan({ dimensions: [{ field: "sessionId" }], filters: [{ type: "string", column: "sessionId", operator: "=", value: "s1" }] }))).toBe("session");
  });
  it("declines what the key or its measures do not hold", () => {
    expect(subjectOf(plan({ filters: [{ type: "string", column: "sessionId", operator: "=", value: "s1" }] }))).toBeNull();
    expect(subjectOf(plan({ dimensions: [{ field: "sessionId" }], filters: [{ type: "string", column: "userId", operator: "=", value: "u1" }] }))).toBeNull();
    expect(subjectOf(plan({ filters: [{ type: "string", column: "model", operator: "=", value: "gpt-4o" }] }))).toBeNull();
    expect(subjectOf(plan({ dimensions: [{ field: "userId" }, { field: "name" }] }))).toBeNull();
    expect(subjectOf(plan({ metrics: [{ measure: "latency", aggregation: "p95" }] }))).toBeNull();
    expect(subjectOf(plan({ timeDimension: { granularity: "day" } }))).toBeNull();
    expect(subjectOf(plan({ view: "observations" }))).toBeNull();
  });
});
