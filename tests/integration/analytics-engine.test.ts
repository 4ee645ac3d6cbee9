// The analytics engine (runMetricsQuery) on both databases, on rows seeded
// directly, against figures worked out by hand: hour and day buckets across the
// UTC day boundary 2026-02-28 → 2026-03-01 with an empty bucket, each filter
// kind, one and two dimensions, percentiles by the linear-interpolation rule
// (checked against a JS computation too), scores of every type, uniq,
// histograms, orderBy and row_limit, and a wrong name → DomainError path.
import { beforeAll, describe, expect, it } from "vitest";
import { runMetricsQuery } from "@/lib/analytics/execute";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { metricsQuerySchema, type MetricsQueryInput, type MetricsRow } from "@/lib/analytics/query-schema";
import { DomainError } from "@/lib/errors";
import { histogramNear } from "../support/histogram";
import { dbFor, targets, uid } from "../support/targets";

const at = (s: string) => new Date(`2026-${s}Z`);
const ms = (d: Date, plus: number) => new Date(d.getTime() + plus);
const FROM = "2026-02-28T22:00:00.000Z";
const TO = "2026-03-01T03:00:00.000Z";

/** Hyndman-Fan type 7 (the engine's rule), in JS: h = p·(n−1), interpolate between ⌊h⌋ and ⌊h⌋+1. */
function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const h = p * (v.length - 1);
  const lo = Math.floor(h);
  return v[lo] + (h - lo) * ((v[lo + 1] ?? v[lo]) - v[lo]);
}

/**
 * A percentile as answered: exact (to 1e-9) from the rows; within 1 % when the rollups serve it (their
 * sketch, lib/analytics/sketch.ts). `LOUPE_ROLLUPS=off` runs this whole file on the rows.
 */
const ROLLUPS = process.env.LOUPE_ROLLUPS !== "off";
function pct(exact: number) {
  return {
    asymmetricMatch: (v: unknown) => typeof v === "number" && Math.abs(v - exact) <= (ROLLUPS ? 0.01 * Math.abs(exact) : 1e-9),
    toString: () => `${ROLLUPS ? "within 1 % of" : "exactly"} ${exact}`,
    toAsymmetricMatcher: () => `${ROLLUPS ? "within 1 % of" : "exactly"} ${exact}`,
  };
}

describe.each(targets())("analytics engine on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("engine");
  const run = (q: Partial<MetricsQueryInput> & Pick<MetricsQueryInput, "view" | "metrics">): Promise<MetricsRow[]> =>
    runMetricsQuery(db, projectId, metricsQuerySchema.parse({ fromTimestamp: FROM, toTimestamp: TO, ...q }));
  const failure = async (q: Partial<MetricsQueryInput> & Pick<MetricsQueryInput, "view" | "metrics">) => {
    const e = await run(q).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(DomainError);
    return { path: (e as DomainError).path?.join("."), message: (e as DomainError).message };
  };

  beforeAll(async () => {
    const trace = (id: string, timestamp: string, o: Record<string, unknown>) => ({ projectId, id, timestamp: at(timestamp), environment: "production", ...o });
    await db.trace.createMany({
      data: [
        trace("t1", "02-28T22:10:00.000", { name: "chat", userId: "u1", sessionId: "s1", release: "r1", tags: ["a", "b"], metadata: { region: "eu" }, latencyMs: 100, totalCost: 0.5, totalTokens: 100, observationCount: 2, models: ["gpt-4o-2024-08-06"] }),
        trace("t2", "02-28T23:30:00.000", { name: "chat", userId: "u2", sessionId: "s1", release: "r2", tags: ["a"], metadata: { region: "us" }, latencyMs: 300, totalCost: 1.0, totalTokens: 50, observationCount: 1, errorCount: 1, models: ["claude-3"] }),
        trace("t3", "03-01T00:05:00.000", { name: "search", userId: "u1", sessionId: "s2", release: "r1", tags: [], metadata: { region: "eu" }, latencyMs: 200, totalCost: 0.25, totalTokens: 10, observationCount: 1, models: ["gpt-4o"] }),
        trace("t4", "03-01T00:45:00.000", { name: "chat", environment: "staging", tags: ["b"], latencyMs: 400, totalTokens: 0 }),
        trace("t5", "03-01T02:59:59.999", { name: "search", userId: "u3", sessionId: "s3", latencyMs: 1000, totalCost: 2.0, warningCount: 1 }),
        // Outside [from, to): the bound `to` is exclusive, `from` inclusive.
        trace("t6", "03-01T03:00:00.000", { name: "chat", userId: "u1", latencyMs: 5 }),
        trace("t7", "02-28T21:59:59.999", { name: "chat", userId: "u1", latencyMs: 5 }),
      ],
    });
    const o1Start = at("02-28T22:10:00.000");
    const o3Start = at("02-28T23:30:00.000");
    await db.observation.createMany({
      data: [
        { projectId, id: "o1", traceId: "t1", type: "GENERATION", name: "llm", startTime: o1Start, endTime: ms(o1Start, 1500), completionStartTime: ms(o1Start, 300), model: "gpt-4o-2024-08-06", inputTokens: 80, outputTokens: 20, totalTokens: 100, inputCost: 0.3, outputCost: 0.2, totalCost: 0.5, promptName: "p", promptVersion: 2 },
        { projectId, id: "o2", traceId: "t1", type: "SPAN", name: "retrieve", startTime: o1Start, endTime: ms(o1Start, 100) },
        { projectId, id: "o3", traceId: "t2", type: "GENERATION", name: "llm", startTime: o3Start, endTime: ms(o3Start, 2000), completionStartTime: ms(o3Start, 500), level: "ERROR", model: "claude-3", inputTokens: 40, outputTokens: 10, totalTokens: 50, inputCost: 0.6, outputCost: 0.4, totalCost: 1.0 },
        // Never ended: no latency.
        { projectId, id: "o4", traceId: "t3", type: "GENERATION", name: "llm", startTime: at("03-01T00:05:00.000"), model: "gpt-4o", inputTokens: 5, outputTokens: 5, totalTokens: 10, totalCost: 0.25 },
        { projectId, id: "o5", traceId: "t6", type: "SPAN", name: "late", startTime: at("03-01T03:00:00.000") },
      ],
    });
    const score = (id: string, traceId: string, name: string, dataType: string, ts: string, o: Record<string, unknown>) => ({ projectId, id, traceId, name, dataType, timestamp: at(ts), ...o });
    await db.score.createMany({
      data: [
        score("s1", "t1", "helpfulness", "NUMERIC", "02-28T22:20:00.000", { value: 0.8, observationId: "o1" }),
        score("s2", "t2", "helpfulness", "NUMERIC", "02-28T23:40:00.000", { value: 0.4, source: "EVAL" }),
        score("s3", "t3", "helpfulness", "NUMERIC", "03-01T00:10:00.000", { value: 0.6, source: "ANNOTATION" }),
        score("s4", "t1", "correct", "BOOLEAN", "02-28T22:21:00.000", { value: 1, stringValue: "True" }),
        score("s5", "t2", "correct", "BOOLEAN", "02-28T23:41:00.000", { value: 0, stringValue: "False" }),
        score("s6", "t3", "correct", "BOOLEAN", "03-01T00:11:00.000", { value: 1, stringValue: "True" }),
        score("s7", "t1", "tone", "CATEGORICAL", "02-28T22:22:00.000", { stringValue: "friendly" }),
        score("s8", "t2", "tone", "CATEGORICAL", "02-28T23:42:00.000", { stringValue: "rude" }),
        score("s9", "t3", "tone", "CATEGORICAL", "03-01T00:12:00.000", { stringValue: "friendly" }),
        // Neither is a judgement a view aggregates.
        score("s10", "t1", "output", "CORRECTION", "02-28T22:23:00.000", { stringValue: "better" }),
        score("s11", "t1", "note", "TEXT", "02-28T22:24:00.000", { stringValue: "hm" }),
      ],
    });
    // Seeded as rows, not ingested: the rollups are computed from them as the backfill would.
    await rebuildProject(db, projectId);
  });

  describe("traces view", () => {
    it("counts per UTC hour across the day boundary, the empty hour 01:00 included", async () => {
      const rows = await run({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }], timeDimension: { granularity: "hour" } });
      expect(rows).toEqual([
        { time_dimension: "2026-02-28T22:00:00.000Z", count_count: 1 },
        { time_dimension: "2026-02-28T23:00:00.000Z", count_count: 1 },
        { time_dimension: "2026-03-01T00:00:00.000Z", count_count: 2 },
        { time_dimension: "2026-03-01T01:00:00.000Z", count_count: 0 },
        { time_dimension: "2026-03-01T02:00:00.000Z", count_count: 1 },
      ]);
    });

    it("groups by one dimension, first metric descending by default", async () => {
      const rows = await run({ view: "traces", dimensions: [{ field: "name" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "totalCost", aggregation: "sum" }, { measure: "totalCost", aggregation: "avg" }] });
      expect(rows).toEqual([
        { name: "chat", count_count: 3, sum_totalCost: 1.5, avg_totalCost: 0.75 },
        { name: "search", count_count: 2, sum_totalCost: 2.25, avg_totalCost: 1.125 },
      ]);
    });

    it("fills the empty buckets of each series by day, with 0 counts and null averages", async () => {
      const rows = await run({ view: "traces", dimensions: [{ field: "name" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "latency", aggregation: "avg" }], timeDimension: { granularity: "day" } });
      expect(rows).toEqual([
        { name: "chat", time_dimension: "2026-02-28T00:00:00.000Z", count_count: 2, avg_latency: 200 },
        { name: "search", time_dimension: "2026-02-28T00:00:00.000Z", count_count: 0, avg_latency: null },
        { name: "chat", time_dimension: "2026-03-01T00:00:00.000Z", count_count: 1, avg_latency: 400 },
        { name: "search", time_dimension: "2026-03-01T00:00:00.000Z", count_count: 2, avg_latency: 600 },
      ]);
    });

    it("groups by two dimensions", async () => {
      const rows = await run({ view: "traces", dimensions: [{ field: "name" }, { field: "environment" }], metrics: [{ measure: "count", aggregation: "count" }], orderBy: [{ field: "name", direction: "asc" }, { field: "environment", direction: "asc" }] });
      expect(rows).toEqual([
        { name: "chat", environment: "production", count_count: 2 },
        { name: "chat", environment: "staging", count_count: 1 },
        { name: "search", environment: "production", count_count: 2 },
      ]);
    });

    it("answers exact percentiles, by the rule and equal to a JS computation", async () => {
      const all = [100, 300, 200, 400, 1000];
      const [row] = await run({ view: "traces", metrics: (["p50", "p75", "p90", "p95", "p99"] as const).map((aggregation) => ({ measure: "latency", aggregation })) });
      expect(row.p50_latency).toEqual(pct(300));
      expect(row.p75_latency).toEqual(pct(400));
      expect(row.p90_latency).toEqual(pct(760)); // h = 3.6: 400 + 0.6·600
      expect(row.p95_latency).toEqual(pct(880));
      expect(row.p99_latency).toEqual(pct(976));
      for (const [k, p] of [["p50", 0.5], ["p75", 0.75], ["p90", 0.9], ["p95", 0.95], ["p99", 0.99]] as const) expect(row[`${k}_latency`]).toEqual(pct(percentile(all, p)));
      const byName = await run({ view: "traces", dimensions: [{ field: "name" }], metrics: [{ measure: "latency", aggregation: "p50" }, { measure: "latency", aggregation: "p95" }, { measure: "count", aggregation: "count" }], orderBy: [{ field: "name", direction: "asc" }] });
      expect(byName.map((r) => [r.name, Number(r.p50_latency), Number(r.p95_latency)])).toEqual([
        ["chat", pct(300), pct(390)],
        ["search", pct(600), pct(960)],
      ]);
    });

    it("answers percentiles per time bucket, null in an empty one", async () => {
      const rows = await run({ view: "traces", metrics: [{ measure: "latency", aggregation: "p50" }], timeDimension: { granularity: "hour" } });
      expect(rows.map((r) => r.p50_latency)).toEqual([pct(100), pct(300), pct(300), null, pct(1000)]);
    });

    it("answers an empty range: one row of 0 counts and sums, null averages", async () => {
      const rows = await runMetricsQuery(db, projectId, metricsQuerySchema.parse({ view: "traces", fromTimestamp: "2025-01-01T00:00:00Z", toTimestamp: "2025-01-02T00:00:00Z", metrics: [{ measure: "count", aggregation: "count" }, { measure: "totalCost", aggregation: "sum" }, { measure: "latency", aggregation: "avg" }, { measure: "latency", aggregation: "p95" }] }));
      expect(rows).toEqual([{ count_count: 0, sum_totalCost: 0, avg_latency: null, p95_latency: null }]);
    });

    it("applies each filter kind", async () => {
      const count = async (filters: MetricsQueryInput["filters"]) => (await run({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }], filters }))[0].count_count;
      expect(await count([{ type: "string", column: "name", operator: "=", value: "chat" }])).toBe(3);
      expect(await count([{ type: "stringOptions", column: "environment", operator: "any of", value: ["staging"] }])).toBe(1);
      expect(await count([{ type: "stringOptions", column: "userId", operator: "none of", value: ["u1"] }])).toBe(3);
      expect(await count([{ type: "arrayOptions", column: "tags", operator: "any of", value: ["b"] }])).toBe(2);
      expect(await count([{ type: "arrayOptions", column: "tags", operator: "all of", value: ["a", "b"] }])).toBe(1);
      // A trace with no tag list at all (t5) has none of them, on both databases.
      expect(await count([{ type: "arrayOptions", column: "tags", operator: "none of", value: ["a"] }])).toBe(3);
      expect(await count([{ type: "string", column: "level", operator: "=", value: "error" }])).toBe(1);
      expect(await count([{ type: "string", column: "level", operator: "=", value: "warning" }])).toBe(2);
      expect(await count([{ type: "string", column: "model", operator: "starts with", value: "gpt-4o" }])).toBe(2);
      expect(await count([{ type: "string", column: "model", operator: "=", value: "gpt-4o" }])).toBe(1);
      expect(await count([{ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" }])).toBe(2);
      expect(await count([{ type: "datetime", column: "timestamp", operator: ">=", value: at("03-01T00:00:00.000") }])).toBe(3);
      expect(await count([{ type: "string", column: "name", operator: "=", value: "chat" }, { type: "string", column: "userId", operator: "=", value: "u1" }])).toBe(1);
    });

    it("counts distinct users and sessions, and uniq of a text field", async () => {
      const [row] = await run({ view: "traces", metrics: [{ measure: "uniqueUserIds", aggregation: "count" }, { measure: "uniqueSessionIds", aggregation: "uniq" }, { measure: "userId", aggregation: "uniq" }, { measure: "userId", aggregation: "count" }] });
      expect(row).toEqual({ count_uniqueUserIds: 3, uniq_uniqueSessionIds: 3, uniq_userId: 3, count_userId: 4 });
    });

    it("bins a histogram between the group's min and max", async () => {
      // One group without dimensions, even when the only metric is a histogram (or a percentile).
      expect(await run({ view: "traces", metrics: [{ measure: "latency", aggregation: "histogram" }], config: { bins: 3 } })).toEqual([
        {
          // From the rollups' latency sketch (whole hours): edges within ~2 %, counts exact in total.
          histogram_latency: histogramNear(
            [
              [100, 400, 3],
              [400, 700, 1],
              [700, 1000, 1],
            ],
            ROLLUPS,
          ),
        },
      ]);
      expect(await run({ view: "traces", metrics: [{ measure: "latency", aggregation: "p50" }] })).toEqual([{ p50_latency: pct(300) }]);
      const [byDefault] = await run({ view: "traces", metrics: [{ measure: "latency", aggregation: "histogram" }] });
      expect((byDefault.histogram_latency as number[][]).length).toBe(10);
      expect((byDefault.histogram_latency as number[][]).reduce((n, b) => n + b[2], 0)).toBe(5);
    });

    it("orders and limits rows", async () => {
      const top = await run({ view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], config: { row_limit: 2 } });
      expect(top).toEqual([
        { userId: "u3", sum_totalCost: 2 },
        { userId: "u2", sum_totalCost: 1 },
      ]);
      const byName = await run({ view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "count", aggregation: "count" }], orderBy: [{ field: "userId", direction: "desc" }] });
      expect(byName.map((r) => r.userId)).toEqual(["u3", "u2", "u1", null]);
    });

    it("keeps the ties at the row limit for the order beyond the first key (the limit applied in SQL)", async () => {
      // Sessions by trace count: s1 2, then s2, s3 and no session 1 each: the tie at the limit breaks by sessionId ascending, null last.
      const top = await run({ view: "traces", dimensions: [{ field: "sessionId" }], metrics: [{ measure: "count", aggregation: "count" }], orderBy: [{ field: "count_count", direction: "desc" }], config: { row_limit: 2 } });
      expect(top).toEqual([
        { sessionId: "s1", count_count: 2 },
        { sessionId: "s2", count_count: 1 },
      ]);
      const bottom = await run({ view: "traces", dimensions: [{ field: "sessionId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], orderBy: [{ field: "sum_totalCost", direction: "asc" }, { field: "sessionId", direction: "desc" }], config: { row_limit: 2 } });
      // Costs: no session 0 (t4), s2 0.25, s1 1.5, s3 2.
      expect(bottom).toEqual([
        { sessionId: null, sum_totalCost: 0 },
        { sessionId: "s2", sum_totalCost: 0.25 },
      ]);
      // More rows asked than there are groups: all of them.
      expect(await run({ view: "traces", dimensions: [{ field: "sessionId" }], metrics: [{ measure: "count", aggregation: "count" }], config: { row_limit: 10 } })).toHaveLength(4);
    });

    it("groups by the tag list and by calendar month", async () => {
      const tags = await run({ view: "traces", dimensions: [{ field: "tags" }], metrics: [{ measure: "count", aggregation: "count" }], orderBy: [{ field: "tags", direction: "asc" }] });
      expect(tags).toEqual([
        { tags: [], count_count: 1 },
        { tags: ["a"], count_count: 1 },
        { tags: ["a", "b"], count_count: 1 },
        { tags: ["b"], count_count: 1 },
        { tags: null, count_count: 1 },
      ]);
      const months = await run({ view: "traces", dimensions: [{ field: "timestampMonth" }], metrics: [{ measure: "count", aggregation: "count" }], orderBy: [{ field: "timestampMonth", direction: "asc" }] });
      expect(months).toEqual([
        { timestampMonth: "2026-02", count_count: 2 },
        { timestampMonth: "2026-03", count_count: 3 },
      ]);
    });

    it("sums the trace rollups and counts a trace's scores", async () => {
      const [row] = await run({ view: "traces", metrics: [{ measure: "observationsCount", aggregation: "sum" }, { measure: "totalTokens", aggregation: "sum" }, { measure: "scoresCount", aggregation: "sum" }, { measure: "latency", aggregation: "max" }, { measure: "latency", aggregation: "min" }] });
      // Scores: 4 on t1 (not the correction), 3 on t2, 3 on t3.
      expect(row).toEqual({ sum_observationsCount: 4, sum_totalTokens: 160, sum_scoresCount: 10, max_latency: 1000, min_latency: 100 });
    });
  });

  describe("observations view", () => {
    it("counts by type and sums cost by model", async () => {
      expect(await run({ view: "observations", dimensions: [{ field: "type" }], metrics: [{ measure: "count", aggregation: "count" }] })).toEqual([
        { type: "GENERATION", count_count: 3 },
        { type: "SPAN", count_count: 1 },
      ]);
      const rows = await run({ view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }, { measure: "inputTokens", aggregation: "sum" }, { measure: "outputCost", aggregation: "sum" }] });
      expect(rows).toEqual([
        { providedModelName: "claude-3", sum_totalCost: 1, sum_inputTokens: 40, sum_outputCost: 0.4 },
        { providedModelName: "gpt-4o-2024-08-06", sum_totalCost: 0.5, sum_inputTokens: 80, sum_outputCost: 0.2 },
        { providedModelName: "gpt-4o", sum_totalCost: 0.25, sum_inputTokens: 5, sum_outputCost: 0 },
        { providedModelName: null, sum_totalCost: 0, sum_inputTokens: 0, sum_outputCost: 0 },
      ]);
    });

    it("answers latency, time to first token and tokens per second of ended observations", async () => {
      const [row] = await run({
        view: "observations",
        filters: [{ type: "string", column: "name", operator: "=", value: "llm" }],
        metrics: [
          { measure: "latency", aggregation: "p50" },
          { measure: "latency", aggregation: "count" },
          { measure: "timeToFirstToken", aggregation: "avg" },
          { measure: "streamingLatency", aggregation: "max" },
          { measure: "tokensPerSecond", aggregation: "avg" },
          { measure: "outputTokensPerSecond", aggregation: "min" },
        ],
      });
      expect(row.p50_latency).toBeCloseTo(1750, 6);
      expect(row.count_latency).toBe(2);
      expect(row.avg_timeToFirstToken).toBeCloseTo(400, 6);
      expect(row.max_streamingLatency).toBeCloseTo(1500, 6);
      expect(row.avg_tokensPerSecond).toBeCloseTo((100 / 1.5 + 50 / 2) / 2, 6);
      expect(row.min_outputTokensPerSecond).toBeCloseTo(10 / 1.5, 6); // o3: 10 tokens over 1.5 s of streaming
    });

    it("reads the trace's fields and filters on them", async () => {
      expect(await run({ view: "observations", dimensions: [{ field: "traceName" }], metrics: [{ measure: "count", aggregation: "count" }] })).toEqual([
        { traceName: "chat", count_count: 3 },
        { traceName: "search", count_count: 1 },
      ]);
      const count = async (filters: MetricsQueryInput["filters"]) => (await run({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters }))[0].count_count;
      expect(await count([{ type: "string", column: "userId", operator: "=", value: "u1" }])).toBe(3);
      expect(await count([{ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" }])).toBe(3);
      expect(await count([{ type: "arrayOptions", column: "tags", operator: "any of", value: ["a"] }])).toBe(3);
      expect(await count([{ type: "stringOptions", column: "level", operator: "any of", value: ["ERROR"] }])).toBe(1);
      expect(await count([{ type: "number", column: "promptVersion", operator: ">=", value: 2 }])).toBe(1);
    });

    it("answers the same read trace first (a user's or a session's observations) as read by time", async () => {
      // userId / sessionId = or any of: the trace index first, then each trace's observations.
      const byUser = await run({ view: "observations", dimensions: [{ field: "providedModelName" }, { field: "traceName" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "totalCost", aggregation: "sum" }], filters: [{ type: "stringOptions", column: "userId", operator: "any of", value: ["u1", "u2"] }], orderBy: [{ field: "count_count", direction: "desc" }, { field: "providedModelName", direction: "asc" }] });
      // The same set by a condition that reads by time (!= keeps the LEFT JOIN).
      const byTime = await run({ view: "observations", dimensions: [{ field: "providedModelName" }, { field: "traceName" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "totalCost", aggregation: "sum" }], filters: [{ type: "stringOptions", column: "userId", operator: "none of", value: ["u3"] }, { type: "string", column: "userId", operator: "contains", value: "u" }], orderBy: [{ field: "count_count", direction: "desc" }, { field: "providedModelName", direction: "asc" }] });
      expect(byUser).toEqual(byTime);
      expect(byUser).toEqual([
        { providedModelName: "claude-3", traceName: "chat", count_count: 1, sum_totalCost: 1 },
        { providedModelName: "gpt-4o", traceName: "search", count_count: 1, sum_totalCost: 0.25 },
        { providedModelName: "gpt-4o-2024-08-06", traceName: "chat", count_count: 1, sum_totalCost: 0.5 },
        { providedModelName: null, traceName: "chat", count_count: 1, sum_totalCost: 0 },
      ]);
      const session = await run({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }, { measure: "latency", aggregation: "p50" }], filters: [{ type: "string", column: "sessionId", operator: "=", value: "s1" }], timeDimension: { granularity: "day" } });
      expect(session).toEqual([
        { time_dimension: "2026-02-28T00:00:00.000Z", count_count: 3, p50_latency: 1500 },
        { time_dimension: "2026-03-01T00:00:00.000Z", count_count: 0, p50_latency: null },
      ]);
      const scores = await run({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "avg" }], filters: [{ type: "string", column: "userId", operator: "=", value: "u1" }], orderBy: [{ field: "name", direction: "asc" }] });
      expect(scores.map((r) => [r.name, Number(r.avg_value).toFixed(6)])).toEqual([
        ["correct", "1.000000"],
        ["helpfulness", "0.700000"],
      ]);
      // Trace first with the observation's fields joined after.
      const byModel = await run({ view: "scores-numeric", dimensions: [{ field: "observationModelName" }], metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "stringOptions", column: "userId", operator: "any of", value: ["u1"] }] });
      expect(byModel).toEqual([
        { observationModelName: null, count_count: 3 },
        { observationModelName: "gpt-4o-2024-08-06", count_count: 1 },
      ]);
    });

    it("answers one user's generation latency by model and score histograms read trace first", async () => {
      // The dashboard's latency-by-model query under a user filter (type = GENERATION beside userId: SQLite once
      // read every generation of the range per trace here). u1's traces in range: t1 (o1, 1500 ms) and t3 (o4, never ended).
      const latency = await run({
        view: "observations",
        dimensions: [{ field: "providedModelName" }],
        metrics: [{ measure: "count", aggregation: "count" }, { measure: "latency", aggregation: "p50" }, { measure: "latency", aggregation: "p95" }],
        filters: [{ type: "string", column: "type", operator: "=", value: "GENERATION" }, { type: "string", column: "userId", operator: "=", value: "u1" }],
        orderBy: [{ field: "providedModelName", direction: "asc" }],
      });
      expect(latency).toEqual([
        { providedModelName: "gpt-4o", count_count: 1, p50_latency: null, p95_latency: null },
        { providedModelName: "gpt-4o-2024-08-06", count_count: 1, p50_latency: pct(1500), p95_latency: pct(1500) },
      ]);
      // u1's numeric scores: helpfulness 0.8 (t1) and 0.6 (t3); correct 1 and 1.
      const histograms = await run({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "histogram" }, { measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "userId", operator: "=", value: "u1" }], config: { bins: 2 }, orderBy: [{ field: "name", direction: "asc" }] });
      expect(histograms.map((r) => [r.name, r.count_count, (r.histogram_value as number[][]).map((b) => b.map((x) => Number(x.toFixed(9))))])).toEqual([
        ["correct", 2, [[1, 1, 2]]],
        ["helpfulness", 2, [[0.6, 0.7, 1], [0.7, 0.8, 1]]],
      ]);
      // A session's observations with a type filter: s1 holds t1 and t2, their generations o1 and o3.
      const session = await run({ view: "observations", metrics: [{ measure: "totalCost", aggregation: "sum" }], filters: [{ type: "string", column: "type", operator: "=", value: "GENERATION" }, { type: "string", column: "sessionId", operator: "=", value: "s1" }] });
      expect(session).toEqual([{ sum_totalCost: 1.5 }]);
    });

    it("buckets by start time per day and counts scores", async () => {
      const rows = await run({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }, { measure: "countScores", aggregation: "sum" }], timeDimension: { granularity: "day" } });
      expect(rows).toEqual([
        { time_dimension: "2026-02-28T00:00:00.000Z", count_count: 3, sum_countScores: 1 },
        { time_dimension: "2026-03-01T00:00:00.000Z", count_count: 1, sum_countScores: 0 },
      ]);
    });
  });

  describe("scores views", () => {
    it("scores-numeric holds numeric and boolean scores", async () => {
      const rows = await run({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "value", aggregation: "avg" }], orderBy: [{ field: "name", direction: "asc" }] });
      expect(rows.map((r) => [r.name, r.count_count, Number(r.avg_value).toFixed(6)])).toEqual([
        ["correct", 3, (2 / 3).toFixed(6)],
        ["helpfulness", 3, "0.600000"],
      ]);
    });

    it("averages a score by trace name, by model and by source", async () => {
      const helpful = [{ type: "string" as const, column: "name", operator: "=" as const, value: "helpfulness" }];
      const byTrace = await run({ view: "scores-numeric", dimensions: [{ field: "traceName" }], metrics: [{ measure: "value", aggregation: "avg" }], filters: helpful, orderBy: [{ field: "traceName", direction: "asc" }] });
      expect(byTrace.map((r) => [r.traceName, Number(r.avg_value).toFixed(6)])).toEqual([
        ["chat", "0.600000"],
        ["search", "0.600000"],
      ]);
      const byModel = await run({ view: "scores-numeric", dimensions: [{ field: "observationModelName" }], metrics: [{ measure: "count", aggregation: "count" }], filters: helpful });
      expect(byModel).toEqual([
        { observationModelName: null, count_count: 2 },
        { observationModelName: "gpt-4o-2024-08-06", count_count: 1 },
      ]);
      const bySource = await run({ view: "scores-numeric", dimensions: [{ field: "source" }], metrics: [{ measure: "value", aggregation: "max" }], filters: helpful, orderBy: [{ field: "source", direction: "asc" }] });
      expect(bySource).toEqual([
        { source: "ANNOTATION", max_value: 0.6 },
        { source: "API", max_value: 0.8 },
        { source: "EVAL", max_value: 0.4 },
      ]);
    });

    it("scores-boolean counts by value and averages to the share of true", async () => {
      const rows = await run({ view: "scores-boolean", dimensions: [{ field: "booleanValue" }, { field: "stringValue" }], metrics: [{ measure: "count", aggregation: "count" }] });
      expect(rows).toEqual([
        { booleanValue: true, stringValue: "True", count_count: 2 },
        { booleanValue: false, stringValue: "False", count_count: 1 },
      ]);
      const [share] = await run({ view: "scores-boolean", metrics: [{ measure: "value", aggregation: "avg" }] });
      expect(share.avg_value).toBeCloseTo(2 / 3, 9);
      const [trues] = await run({ view: "scores-boolean", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "boolean", column: "booleanValue", operator: "=", value: true }] });
      expect(trues.count_count).toBe(2);
    });

    it("scores-categorical counts by label per day", async () => {
      const rows = await run({ view: "scores-categorical", dimensions: [{ field: "stringValue" }], metrics: [{ measure: "count", aggregation: "count" }], timeDimension: { granularity: "day" }, orderBy: [{ field: "time_dimension", direction: "asc" }, { field: "stringValue", direction: "asc" }] });
      expect(rows).toEqual([
        { stringValue: "friendly", time_dimension: "2026-02-28T00:00:00.000Z", count_count: 1 },
        { stringValue: "rude", time_dimension: "2026-02-28T00:00:00.000Z", count_count: 1 },
        { stringValue: "friendly", time_dimension: "2026-03-01T00:00:00.000Z", count_count: 1 },
        { stringValue: "rude", time_dimension: "2026-03-01T00:00:00.000Z", count_count: 0 },
      ]);
    });

    it("bins score values and answers their percentiles per name", async () => {
      const rows = await run({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "histogram" }, { measure: "value", aggregation: "p50" }], config: { bins: 2 }, filters: [{ type: "string", column: "name", operator: "=", value: "helpfulness" }] });
      // The edge in floating point (0.6000000000000001), the same in SQL and JS: 0.6 falls below it.
      const mid = 0.4 + ((0.8 - 0.4) * 1) / 2;
      const below = [0.4, 0.6, 0.8].filter((v) => v < mid).length;
      expect(rows).toEqual([{ name: "helpfulness", histogram_value: histogramNear([[0.4, mid, below], [mid, 0.8, 3 - below]], ROLLUPS), p50_value: pct(0.6) }]);
    });
  });

  describe("validation", () => {
    it("names the wrong field and lists the valid names", async () => {
      expect(await failure({ view: "traces", dimensions: [{ field: "name" }, { field: "nope" }], metrics: [{ measure: "count", aggregation: "count" }] })).toMatchObject({ path: "dimensions[1].field", message: expect.stringContaining("userId") });
      expect(await failure({ view: "traces", metrics: [{ measure: "cost", aggregation: "sum" }] })).toMatchObject({ path: "metrics[0].measure", message: expect.stringContaining("totalCost") });
      expect(await failure({ view: "traces", metrics: [{ measure: "name", aggregation: "p95" }] })).toMatchObject({ path: "metrics[0].aggregation", message: "p95 needs a numeric measure; name is text (use count or uniq)" });
      expect(await failure({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "name", operator: "=", value: "x" }, { type: "string", column: "bogus", operator: "=", value: "x" }] })).toMatchObject({ path: "filters[1].column" });
      expect(await failure({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }], orderBy: [{ field: "sum_totalCost", direction: "asc" }] })).toMatchObject({ path: "orderBy[0].field" });
    });
  });
});
