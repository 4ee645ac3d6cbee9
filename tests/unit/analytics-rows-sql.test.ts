// Which rows the engine's SQL reads (lib/analytics/rows/sql.ts), as text: the
// trace join only when a field needs it, and a user's or a session's rows read
// trace first only for = / any of (conditions that hold only where the trace exists).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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
    expect(user).toContain('FROM "Trace" AS "t" CROSS JOIN "Observation" AS "o" INDEXED BY "Observation_projectId_traceId_startTime_idx"');
    expect(user).not.toContain("LEFT JOIN");
    expect(inner({ filters: [{ type: "stringOptions", column: "sessionId", operator: "any of", value: ["s"] }] })).toContain("CROSS JOIN");
    expect(inner({ filters: [{ type: "string", column: "userId", operator: "!=", value: "u" }] })).toContain('LEFT JOIN "Trace" AS "t"');
    expect(inner({ filters: [{ type: "stringOptions", column: "userId", operator: "none of", value: ["u"] }] })).not.toContain("CROSS JOIN");
  });

  it("names an index the SQLite migrations create, and keeps PostgreSQL's child scan to the join columns", () => {
    // INDEXED BY an index that does not exist is an error: the names must be Prisma's for the @@index.
    const dir = path.join(import.meta.dirname, "../../prisma/sqlite/migrations");
    const migrations = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => readFileSync(path.join(dir, e.name, "migration.sql"), "utf8")).join("\n");
    const user = [{ type: "string" as const, column: "userId", operator: "=" as const, value: "u" }];
    const scores = (dialect: typeof d) =>
      innerSelect(dialect, validateMetricsQuery(metricsQuerySchema.parse({ fromTimestamp: "2026-03-01T00:00:00Z", toTimestamp: "2026-03-02T00:00:00Z", view: "scores-numeric", metrics: [{ measure: "count", aggregation: "count" }], filters: user }), dialect), "p", ["count"]).sql;
    for (const sql of [inner({ filters: user }), scores(d)]) {
      const index = /INDEXED BY "([^"]+)"/.exec(sql)?.[1];
      expect(index).toBeTruthy();
      expect(migrations).toContain(`CREATE INDEX "${index}"`);
    }
    const pg = dialectFor("postgresql");
    const plan = validateMetricsQuery(metricsQuerySchema.parse({ fromTimestamp: "2026-03-01T00:00:00Z", toTimestamp: "2026-03-02T00:00:00Z", view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters: user }), pg);
    expect(innerSelect(pg, plan, "p", ["count"]).sql).toContain('CROSS JOIN LATERAL (SELECT * FROM "Observation" AS "o" WHERE "o"."projectId" = "t"."projectId" AND "o"."traceId" = "t"."id" OFFSET 0) AS "o"');
    expect(scores(pg)).toContain("CROSS JOIN LATERAL (SELECT * FROM \"Score\"");
  });

  it("cuts a row-limited order by a grouped metric in SQL, not one with time buckets", () => {
    const plan = (q: Partial<MetricsQueryInput>) => validateMetricsQuery(metricsQuerySchema.parse({ fromTimestamp: "2026-03-01T00:00:00Z", toTimestamp: "2026-03-02T00:00:00Z", view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], config: { row_limit: 10 }, ...q }), d);
    expect(groupsQuery(d, plan({}), "p").sql).toContain('"cut" AS (SELECT COALESCE("a0", 0) AS "v" FROM "grp" ORDER BY COALESCE("a0", 0) DESC NULLS LAST LIMIT 1 OFFSET 9)');
    expect(groupsQuery(d, plan({ timeDimension: { granularity: "day" } }), "p").sql).not.toContain('"cut"');
    expect(groupsQuery(d, plan({ metrics: [{ measure: "latency", aggregation: "p95" }] }), "p").sql).not.toContain('"cut"');
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
