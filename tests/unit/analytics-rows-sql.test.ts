// Which rows the engine's SQL reads (lib/analytics/rows/sql.ts), as text: the
// trace join only when a field needs it, and a user's or a session's rows read
// trace first only for = / any of (conditions that hold only where the trace exists).
import { describe, expect, it } from "vitest";
import { metricsQuerySchema, type MetricsQueryInput } from "@/lib/analytics/query-schema";
import { groupsQuery, innerSelect } from "@/lib/analytics/rows/sql";
import { validateMetricsQuery } from "@/lib/analytics/validate";
import { dialectFor } from "@/lib/db/sql";

const d = dialectFor("sqlite");
const inner = (q: Partial<MetricsQueryInput>) => {
  const plan = validateMetricsQuery(metricsQuerySchema.parse({ fromTimestamp: "2026-03-01T00:00:00Z", toTimestamp: "2026-03-02T00:00:00Z", view: "observations", metrics: [{ measure: "count", aggregation: "count" }], ...q }), d);
  return innerSelect(d, plan, "p", ["count"]).sql;
};

describe("the engine's FROM", () => {
  it("joins the trace only when a field reads it", () => {
    expect(inner({})).not.toContain('"Trace"');
    expect(inner({ dimensions: [{ field: "traceName" }] })).toContain('LEFT JOIN "Trace" AS "t"');
    expect(inner({ filters: [{ type: "stringObject", column: "metadata", key: "k", operator: "=", value: "v" }] })).toContain('LEFT JOIN "Trace" AS "t"');
  });

  it("reads a user's or a session's observations trace first, for = and any of only", () => {
    const user = inner({ filters: [{ type: "string", column: "userId", operator: "=", value: "u" }] });
    expect(user).toContain('FROM "Trace" AS "t" CROSS JOIN "Observation" AS "o"');
    expect(user).not.toContain("LEFT JOIN");
    expect(inner({ filters: [{ type: "stringOptions", column: "sessionId", operator: "any of", value: ["s"] }] })).toContain("CROSS JOIN");
    expect(inner({ filters: [{ type: "string", column: "userId", operator: "!=", value: "u" }] })).toContain('LEFT JOIN "Trace" AS "t"');
    expect(inner({ filters: [{ type: "stringOptions", column: "userId", operator: "none of", value: ["u"] }] })).not.toContain("CROSS JOIN");
  });

  it("bounds every read by project and [from, to) on the view's time column", () => {
    expect(inner({})).toContain('"o"."projectId" = ? AND "o"."startTime" >= ? AND "o"."startTime" < ?');
  });

  it("groups by the dimensions and the bucket, one group without either", () => {
    const plan = (q: Partial<MetricsQueryInput>) => validateMetricsQuery(metricsQuerySchema.parse({ fromTimestamp: "2026-03-01T00:00:00Z", toTimestamp: "2026-03-02T00:00:00Z", view: "traces", metrics: [{ measure: "latency", aggregation: "p95" }], ...q }), d);
    expect(groupsQuery(d, plan({ dimensions: [{ field: "name" }], timeDimension: { granularity: "hour" } }), "p").sql).toMatch(/GROUP BY "d0","tb"$/);
    expect(groupsQuery(d, plan({}), "p").sql).toContain('COUNT(*) AS "n"');
  });
});
