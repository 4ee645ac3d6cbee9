// The analytics rollups on both databases: after events written through the
// ingestion path out of order (observations before their trace, a score before
// its trace, updates that move an observation's end, model, level and cost, a
// trace renamed after its observations and scores were stored, a score's value
// changed, a merge of partial updates) and after deletes (a trace with its
// observations and scores, single scores), the rollup tables equal a
// recomputation from the rows; and every query the rollups serve answers what
// the rows engine answers (counts and sums exactly, percentiles within 1 %), as
// do the dashboard's score average by model (scoresByModel) and boolean counts.
import { beforeAll, describe, expect, it } from "vitest";
import { runMetricsQuery } from "@/lib/analytics/execute";
import { booleanCounts, scoresByModel } from "@/lib/analytics/dashboard/quality-queries";
import { booleanCountsFromRollups } from "@/lib/analytics/rollups/boolean-counts";
import { scoreSumsByModelFromRollups } from "@/lib/analytics/rollups/scores-by-model";
import type { Filter } from "@/lib/query/filter";
import { metricsQuerySchema, type MetricsQueryInput, type MetricsRow } from "@/lib/analytics/query-schema";
import { removeFromRollups } from "@/lib/analytics/rollups/remove";
import { ensureRollupBackfills } from "@/lib/analytics/rollups/backfill-job";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { runQueuedJobs } from "@/lib/jobs/runner";
import { transaction } from "@/lib/db/client";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { deleteTraces } from "@/lib/traces/delete";
import { dbFor, targets, uid } from "../support/targets";
import { clearRollups, rollupSnapshot as snapshot, rollupsOnInBlock } from "../support/rollups";

const H = 3_600_000;
const BASE = Date.UTC(2026, 4, 10, 8, 0, 0);
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

const gen = (id: string, traceId: string, minute: number, o: Partial<Extract<IngestEvent, { kind: "observation" }>> = {}): IngestEvent => ({
  kind: "observation",
  id,
  traceId,
  type: "GENERATION",
  name: "llm",
  startTime: at(minute),
  endTime: new Date(at(minute).getTime() + 800 + minute * 37),
  completionStartTime: new Date(at(minute).getTime() + 200),
  model: "gpt-4o",
  usage: { input: 100 + minute, output: 20, total: 120 + minute },
  cost: { input: 0.001 * minute, output: 0.0005, total: 0.001 * minute + 0.0005 },
  ...o,
});

describe.each(targets())("analytics rollups on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("rollups");
  const ingest = (events: IngestEvent[]) => ingestEvents(projectId, events, db);

  rollupsOnInBlock();

  beforeAll(async () => {
    await db.project.create({ data: { id: projectId, name: "Rollups" } });
    // Observations (and a score) before their trace: the trace is created unnamed, then named.
    await ingest([gen("o1", "t1", 5), gen("o2", "t1", 6, { type: "SPAN", name: "retrieve", model: null, usage: null, cost: null })]);
    await ingest([{ kind: "score", id: "s1", traceId: "t1", name: "quality", value: 0.7, dataType: "NUMERIC", timestamp: at(10) }]);
    await ingest([{ kind: "trace", id: "t1", name: "chat", timestamp: at(5), release: "r1", userId: "u1", environment: "production" }]);
    // Several traces over three hours, with errors, several models, scores of each type.
    for (let i = 2; i <= 12; i++) {
      const m = i * 13;
      await ingest([
        { kind: "trace", id: `t${i}`, name: i % 3 ? "chat" : "search", timestamp: at(m), release: `r${i % 2}`, userId: `u${i % 4}`, environment: i % 5 ? "production" : "staging", metadata: { region: i % 2 ? "eu" : "us" } },
        gen(`o${i}a`, `t${i}`, m, { model: i % 2 ? "gpt-4o" : "claude-3", level: i % 4 === 0 ? "ERROR" : "DEFAULT" }),
        gen(`o${i}b`, `t${i}`, m + 1, { type: "TOOL", name: "search", model: null, usage: null, cost: null, endTime: i % 3 ? new Date(at(m + 1).getTime() + 50 * i) : null }),
        { kind: "score", id: `s${i}`, traceId: `t${i}`, name: "quality", value: (i % 7) / 7, dataType: "NUMERIC", timestamp: at(m + 2) },
        { kind: "score", id: `c${i}`, traceId: `t${i}`, name: "tone", value: i % 2 ? "friendly" : "curt", dataType: "CATEGORICAL", timestamp: at(m + 2) },
        { kind: "score", id: `b${i}`, traceId: `t${i}`, name: "correct", value: i % 3 ? 1 : 0, dataType: "BOOLEAN", timestamp: at(m + 2) },
      ]);
    }
    // Two more days: two days before and a day after, so ranges over days read the day rows.
    for (const [i, minute] of [[20, -2 * 24 * 60 + 30], [21, -2 * 24 * 60 + 95], [22, 24 * 60 + 185], [23, 24 * 60 + 400]]) {
      await ingest([
        { kind: "trace", id: `t${i}`, name: i % 2 ? "chat" : "search", timestamp: at(minute), release: "r1", userId: "u1", environment: "production" },
        gen(`o${i}a`, `t${i}`, minute, { model: i % 2 ? "gpt-4o" : "claude-3" }),
        { kind: "score", id: `s${i}`, traceId: `t${i}`, name: "quality", value: i / 40, dataType: "NUMERIC", timestamp: at(minute + 2) },
        { kind: "score", id: `c${i}`, traceId: `t${i}`, name: "tone", value: "friendly", dataType: "CATEGORICAL", timestamp: at(minute + 2) },
      ]);
    }
    // Updates: an observation ends later and changes model and level; another gets its cost; a partial update merges.
    await ingest([{ kind: "observation", id: "o3a", traceId: "t3", endTime: new Date(at(39).getTime() + 5000), model: "gpt-4.1", level: "WARNING", isUpdate: true }]);
    await ingest([{ kind: "observation", id: "o4b", traceId: "t4", cost: { total: 0.25 }, usage: { input: 5, output: 5, total: 10 }, isUpdate: true }]);
    await ingest([{ kind: "observation", id: "o5a", name: "llm-renamed", isUpdate: true }]);
    // A trace renamed and moved to another release after its observations and scores were stored.
    await ingest([{ kind: "trace", id: "t6", name: "chat-v2", release: "r9" }]);
    // Observation scores: one whose observation later changes model; one that arrives before its observation.
    await ingest([{ kind: "score", id: "m1", traceId: "t2", observationId: "o2a", name: "quality", value: 0.4, dataType: "NUMERIC", timestamp: at(28) }]);
    await ingest([{ kind: "observation", id: "o2a", traceId: "t2", model: "gpt-4.1", isUpdate: true }]);
    await ingest([{ kind: "score", id: "m2", traceId: "t3", observationId: "o3c", name: "quality", value: 0.9, dataType: "NUMERIC", timestamp: at(41) }]);
    await ingest([gen("o3c", "t3", 40, { model: "claude-3" })]);
    // A score's value changed; a score on a trace that never arrives.
    await ingest([{ kind: "score", id: "s7", traceId: "t7", name: "quality", value: 0.05, dataType: "NUMERIC", timestamp: at(7 * 13 + 2) }]);
    await ingest([{ kind: "score", id: "orphan", traceId: "nowhere", name: "quality", value: 0.9, dataType: "NUMERIC", timestamp: at(30) }]);
    // An observation update moving its start into another hour.
    await ingest([{ kind: "observation", id: "o8a", traceId: "t8", startTime: at(200), endTime: at(201), isUpdate: true }]);
    // Deletes: a trace with all it holds; a single score.
    await deleteTraces(db, projectId, ["t9"]);
    await transaction(db, async (tx) => {
      await removeFromRollups(tx, projectId, { scoreIds: ["c10"] });
      await tx.score.deleteMany({ where: { projectId, id: "c10" } });
    });
  });

  it("keeps the rollup tables equal to a recomputation from the rows", async () => {
    const maintained = await snapshot(db, projectId);
    expect(maintained.TraceRollup.filter((r) => r.startsWith('["hour"')).length).toBeGreaterThan(3);
    // The hours of three days, and those days.
    expect(maintained.ObservationRollup.filter((r) => r.startsWith('["day"')).length).toBeGreaterThanOrEqual(3);
    expect(maintained.ObservationRollup.some((r) => r.includes("latency:"))).toBe(true);
    await clearRollups(db, projectId);
    await rebuildProject(db, projectId);
    expect(await snapshot(db, projectId)).toEqual(maintained);
  });

  const FROM = new Date(BASE - H).toISOString();
  // Not hour-aligned at either end: the ends come from the rows, the middle from the rollups.
  const ODD_FROM = new Date(BASE + 17 * 60_000).toISOString();
  const ODD_TO = new Date(BASE + 3 * H + 41 * 60_000).toISOString();
  const TO = new Date(BASE + 5 * H).toISOString();
  // Over four days, unaligned: whole days from the day rows, whole hours either side from the hour rows, minutes from the rows.
  const WIDE_FROM = new Date(BASE - 2 * 24 * H + 13 * 60_000 - 3 * H).toISOString();
  const WIDE_TO = new Date(BASE + 24 * H + 7 * H + 41 * 60_000).toISOString();
  const q = (x: Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp">): Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp"> => x;
  const CASES = [
    q({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }, { measure: "totalCost", aggregation: "sum" }, { measure: "latency", aggregation: "avg" }, { measure: "latency", aggregation: "p95" }], timeDimension: { granularity: "hour" } }),
    q({ view: "traces", dimensions: [{ field: "name" }, { field: "release" }], metrics: [{ measure: "totalTokens", aggregation: "sum" }, { measure: "observationsCount", aggregation: "sum" }, { measure: "latency", aggregation: "p50" }] }),
    q({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "model", operator: "=", value: "claude-3" }], timeDimension: { granularity: "day" } }),
    q({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "string", column: "level", operator: "=", value: "warning" }] }),
    q({ view: "traces", dimensions: [{ field: "environment" }], metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "stringOptions", column: "name", operator: "none of", value: ["search"] }] }),
    q({ view: "observations", dimensions: [{ field: "providedModelName" }, { field: "traceName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }, { measure: "inputTokens", aggregation: "sum" }, { measure: "latency", aggregation: "p95" }, { measure: "timeToFirstToken", aggregation: "p50" }, { measure: "totalCost", aggregation: "count" }] }),
    q({ view: "observations", dimensions: [{ field: "type" }, { field: "level" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "latency", aggregation: "avg" }], timeDimension: { granularity: "hour" }, filters: [{ type: "string", column: "traceName", operator: "contains", value: "chat" }] }),
    q({ view: "scores-numeric", dimensions: [{ field: "name" }, { field: "traceName" }, { field: "traceRelease" }], metrics: [{ measure: "value", aggregation: "avg" }, { measure: "value", aggregation: "p50" }, { measure: "count", aggregation: "count" }] }),
    q({ view: "scores-categorical", dimensions: [{ field: "stringValue" }], metrics: [{ measure: "count", aggregation: "count" }], timeDimension: { granularity: "hour" } }),
    q({ view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "latency", aggregation: "p99" }, { measure: "totalCost", aggregation: "sum" }], timeDimension: { granularity: "week" } }),
    q({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "p90" }, { measure: "value", aggregation: "avg" }], timeDimension: { granularity: "day" } }),
    q({ view: "scores-boolean", dimensions: [{ field: "stringValue" }], metrics: [{ measure: "value", aggregation: "avg" }, { measure: "count", aggregation: "count" }] }),
    q({ view: "scores-numeric", dimensions: [{ field: "name" }, { field: "observationModelName" }], metrics: [{ measure: "value", aggregation: "avg" }, { measure: "count", aggregation: "count" }] }),
    q({ view: "scores-numeric", metrics: [{ measure: "value", aggregation: "avg" }], filters: [{ type: "string", column: "observationModelName", operator: "=", value: "gpt-4.1" }], timeDimension: { granularity: "day" } }),
    // Not served (a metadata filter, a user dimension): the rows answer, the same either way.
    q({ view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" }] }),
  ];

  function same(on: MetricsRow[], off: MetricsRow[]) {
    expect(on.length).toBe(off.length);
    const key = (r: MetricsRow) => JSON.stringify(Object.entries(r).filter(([k, v]) => typeof v !== "number" || k === "time_dimension").sort());
    const byKey = new Map(on.map((r) => [key(r), r]));
    for (const r of off) {
      const o = byKey.get(key(r));
      expect(o, `no row ${key(r)}`).toBeDefined();
      for (const [k, v] of Object.entries(r)) {
        if (typeof v !== "number") expect(o![k]).toEqual(v);
        else if (/^p\d\d_/.test(k)) expect(Math.abs(Number(o![k]) - v)).toBeLessThanOrEqual(0.01 * Math.abs(v) + 1e-12);
        else expect(o![k]).toBeCloseTo(v, 9);
      }
    }
  }

  it.each(CASES.map((c, i) => [i, c] as const))("answers query %i as the rows engine does, on aligned, unaligned and multi-day ranges", async (_, c) => {
    for (const [from, to] of [[FROM, TO], [ODD_FROM, ODD_TO], [WIDE_FROM, WIDE_TO]]) {
      const query = metricsQuerySchema.parse({ ...c, fromTimestamp: from, toTimestamp: to });
      process.env.LOUPE_ROLLUPS = "off";
      const off = await runMetricsQuery(db, projectId, query);
      process.env.LOUPE_ROLLUPS = "on";
      const on = await runMetricsQuery(db, projectId, query);
      same(on, off);
    }
  });

  it("answers the score average by model from the rollups as the rows statement does, on aligned, unaligned and multi-day ranges", async () => {
    // A trace score counts under each model of its trace (t3 gained claude-3 after its scores were stored, t2's
    // generation changed model), an observation score under its observation's; the orphan score is left out.
    const filters: [Filter, boolean][] = [
      [[], true],
      [[{ type: "string", column: "name", operator: "=", value: "chat" }], true],
      [[{ type: "stringOptions", column: "name", operator: "none of", value: ["search"] }, { type: "string", column: "release", operator: "=", value: "r1" }], true],
      [[{ type: "string", column: "userId", operator: "=", value: "u1" }], false],
    ];
    let models = 0;
    for (const [filter, served] of filters) {
      for (const [from, to] of [[FROM, TO], [ODD_FROM, ODD_TO], [WIDE_FROM, WIDE_TO]]) {
        const p = { from: new Date(from), to: new Date(to), filter, granularity: "auto" as const };
        process.env.LOUPE_ROLLUPS = "off";
        const off = await scoresByModel(db, projectId, p);
        process.env.LOUPE_ROLLUPS = "on";
        const on = await scoresByModel(db, projectId, p);
        same(on, off);
        models += new Set(off.map((r) => r.model)).size;
        const mapped = filter.map((c) => ({ ...c, column: c.column === "name" ? "traceName" : c.column === "release" ? "traceRelease" : c.column }));
        const direct = await scoreSumsByModelFromRollups(db, projectId, p.from, p.to, mapped, async () => []);
        expect(direct !== null, `served with ${JSON.stringify(filter)}`).toBe(served);
      }
    }
    expect(models).toBeGreaterThan(6);
  });

  it("counts boolean scores by value from the rollups as the rows do", async () => {
    const filters: [Filter, boolean][] = [
      [[], true],
      [[{ type: "string", column: "name", operator: "=", value: "chat" }], true],
      [[{ type: "string", column: "environment", operator: "=", value: "production" }, { type: "string", column: "release", operator: "=", value: "r1" }], true],
      [[{ type: "string", column: "userId", operator: "=", value: "u1" }], false],
    ];
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    let counted = 0;
    for (const [filter, served] of filters) {
      for (const [from, to] of [[FROM, TO], [ODD_FROM, ODD_TO], [WIDE_FROM, WIDE_TO]]) {
        const p = { from: new Date(from), to: new Date(to), filter, granularity: "auto" as const };
        process.env.LOUPE_ROLLUPS = "off";
        const off = await booleanCounts(db, projectId, p);
        process.env.LOUPE_ROLLUPS = "on";
        expect(sorted(await booleanCounts(db, projectId, p))).toEqual(sorted(off));
        counted += off.length;
        const mapped = filter.map((c) => ({ ...c, column: c.column === "name" ? "traceName" : c.column === "release" ? "traceRelease" : c.column }));
        expect((await booleanCountsFromRollups(db, projectId, p.from, p.to, mapped, async () => [])) !== null, `served with ${JSON.stringify(filter)}`).toBe(served);
      }
    }
    expect(counted).toBeGreaterThan(6);
  });

  it("serves from the rows while a backfill is pending; the backfill job completes the rollups and removes the marker", async () => {
    const query = metricsQuerySchema.parse({ ...CASES[0], fromTimestamp: FROM, toTimestamp: TO });
    const before = await runMetricsQuery(db, projectId, query);
    await clearRollups(db, projectId);
    await db.rollupBackfill.create({ data: { projectId } });
    process.env.LOUPE_ROLLUPS = "off";
    const exact = await runMetricsQuery(db, projectId, query);
    process.env.LOUPE_ROLLUPS = "on";
    expect(await runMetricsQuery(db, projectId, query)).toEqual(exact);
    expect(await ensureRollupBackfills(db)).toBeGreaterThanOrEqual(1);
    await runQueuedJobs(db);
    for (let i = 0; i < 100 && (await db.rollupBackfill.findUnique({ where: { projectId } })); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db.rollupBackfill.findUnique({ where: { projectId } })).toBeNull();
    const job = await db.job.findFirst({ where: { projectId, kind: "ROLLUP_BACKFILL" } });
    expect(job?.status).toBe("DONE");
    same(await runMetricsQuery(db, projectId, query), before);
  });

  it("a write made with rollups off marks the project, so switching them on again serves the rows until a backfill has caught up", async () => {
    const query = metricsQuerySchema.parse({ ...CASES[0], fromTimestamp: FROM, toTimestamp: TO });
    expect(await db.rollupBackfill.findUnique({ where: { projectId } })).toBeNull();
    process.env.LOUPE_ROLLUPS = "off";
    await ingest([{ kind: "trace", id: "t-off", name: "chat", timestamp: at(20) }, gen("o-off", "t-off", 20)]);
    expect(await db.rollupBackfill.findUnique({ where: { projectId } })).not.toBeNull();
    const exact = await runMetricsQuery(db, projectId, query);
    process.env.LOUPE_ROLLUPS = "on";
    expect(await runMetricsQuery(db, projectId, query)).toEqual(exact);
    await ensureRollupBackfills(db);
    await runQueuedJobs(db);
    for (let i = 0; i < 100 && (await db.rollupBackfill.findUnique({ where: { projectId } })); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db.rollupBackfill.findUnique({ where: { projectId } })).toBeNull();
    const maintained = await snapshot(db, projectId);
    await clearRollups(db, projectId);
    await rebuildProject(db, projectId);
    expect(await snapshot(db, projectId)).toEqual(maintained);
    same(await runMetricsQuery(db, projectId, query), exact);
  });
});
