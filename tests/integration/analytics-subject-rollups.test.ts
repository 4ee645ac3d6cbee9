// The subject rollup (per user and per session, by UTC day) on both databases:
// after traces written out of order (observations before their trace, cost
// arriving with later observations), a trace moving to another user and
// session, a rename and a delete, SubjectRollup equals a recomputation from
// the rows; and top users, top sessions and cost by user answered from it
// (whole days from the rollup, the days' edges from the rows) equal the rows
// engine's answers, unfiltered and filtered by name and by the subject itself
// (a user for users, a session for sessions).
import { beforeAll, describe, expect, it } from "vitest";
import { runMetricsQuery } from "@/lib/analytics/execute";
import { metricsQuerySchema, type MetricsQueryInput, type MetricsRow } from "@/lib/analytics/query-schema";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { serveSubjectsFromRollups } from "@/lib/analytics/rollups/serve-subjects";
import { validateMetricsQuery } from "@/lib/analytics/validate";
import { dialectOf } from "@/lib/db/client";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { deleteTraces } from "@/lib/traces/delete";
import { dbFor, targets, uid } from "../support/targets";
import { clearRollups, rollupSnapshot, rollupsOnInBlock } from "../support/rollups";

const H = 3_600_000;
const BASE = Date.UTC(2026, 4, 10);
const at = (hours: number) => new Date(BASE + hours * H);

// Costs are multiples of 1/8, so sums are exact in any order and the top-N order has no float ties to break.
const gen = (id: string, traceId: string, hours: number, cost: number): IngestEvent => ({
  kind: "observation",
  id,
  traceId,
  type: "GENERATION",
  name: "llm",
  startTime: at(hours),
  endTime: new Date(at(hours).getTime() + 500),
  model: "gpt-4o",
  usage: { input: 10, output: 5, total: 15 },
  cost: { total: cost },
});

describe.each(targets())("subject rollup on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("subjects");
  const ingest = (events: IngestEvent[]) => ingestEvents(projectId, events, db);

  rollupsOnInBlock();

  beforeAll(async () => {
    await db.project.create({ data: { id: projectId, name: "Subjects" } });
    // Four days, traces every 5 hours; users u0..u4 (every 6th without a user), sessions of 2-3 traces (every 7th without).
    for (let i = 0; i < 20; i++) {
      const h = 2 + i * 5;
      await ingest([
        {
          kind: "trace",
          id: `t${i}`,
          name: i % 3 ? "chat" : "search",
          timestamp: at(h),
          userId: i % 6 === 5 ? null : `u${i % 5}`,
          sessionId: i % 7 === 6 ? null : `s${Math.floor(i / 3)}`,
        },
        gen(`o${i}a`, `t${i}`, h, ((i % 5) + 1) / 8),
      ]);
    }
    // Observations before their trace: the trace is made unnamed, without user or session, then gets them.
    await ingest([gen("o30a", "t30", 30, 3 / 8)]);
    await ingest([gen("o30b", "t30", 30.5, 1 / 8)]);
    await ingest([{ kind: "trace", id: "t30", name: "chat", timestamp: at(30), userId: "u2", sessionId: "s-late" }]);
    // Cost arriving later, on a trace already stored.
    await ingest([gen("o4b", "t4", 22.2, 6 / 8)]);
    // A trace moving to another user and session, and one renamed.
    await ingest([{ kind: "trace", id: "t7", userId: "u9", sessionId: "s-moved" }]);
    await ingest([{ kind: "trace", id: "t8", name: "chat-v2" }]);
    // A deleted trace.
    await deleteTraces(db, projectId, ["t11"]);
  });

  it("keeps SubjectRollup equal to a recomputation from the rows", async () => {
    const maintained = (await rollupSnapshot(db, projectId)).SubjectRollup;
    expect(maintained.some((r) => r.includes('"user","u9"'))).toBe(true);
    expect(maintained.some((r) => r.includes('"session","s-late","chat"'))).toBe(true);
    // The groups without a user or a session.
    expect(maintained.some((r) => r.includes('"user",null'))).toBe(true);
    expect(maintained.some((r) => r.includes('"session",null'))).toBe(true);
    expect(maintained.some((r) => r.includes('"u7"'))).toBe(false);
    await clearRollups(db, projectId);
    await rebuildProject(db, projectId);
    expect((await rollupSnapshot(db, projectId)).SubjectRollup).toEqual(maintained);
  });

  const q = (x: Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp">) => x;
  const top = (field: "userId" | "sessionId", filters: MetricsQueryInput["filters"] = [], limit = 3) =>
    q({
      view: "traces",
      dimensions: [{ field }],
      metrics: [
        { measure: "totalCost", aggregation: "sum" },
        { measure: "count", aggregation: "count" },
        { measure: "totalTokens", aggregation: "sum" },
      ],
      orderBy: [{ field: "sum_totalCost", direction: "desc" }, { field: "count_count", direction: "desc" }],
      config: { row_limit: limit },
      filters,
    });
  const name = (value: string) => [{ type: "string" as const, column: "name", operator: "=" as const, value }];
  const user = (value: string) => [{ type: "string" as const, column: "userId", operator: "=" as const, value }];
  const CASES = [
    top("userId"),
    top("sessionId"),
    top("userId", name("chat")),
    top("sessionId", name("search")),
    top("userId", user("u2")),
    top("sessionId", [{ type: "stringOptions", column: "sessionId", operator: "any of", value: ["s1", "s2", "s-late"] }]),
    top("userId", [{ type: "stringOptions", column: "name", operator: "none of", value: ["search"] }], 20),
    // Cost by user: a limit without a second order key; an average; a count of a measure.
    q({ view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }, { measure: "count", aggregation: "count" }], orderBy: [{ field: "sum_totalCost", direction: "desc" }], config: { row_limit: 2 } }),
    q({ view: "traces", dimensions: [{ field: "sessionId" }], metrics: [{ measure: "totalCost", aggregation: "avg" }, { measure: "totalCost", aggregation: "count" }] }),
  ];
  const RANGES = [
    ["whole days", at(0), at(4 * 24)],
    ["partial days at both ends", at(7.5), at(3 * 24 + 5.25)],
    ["a whole day and a partial one", at(24), at(2 * 24 + 13)],
  ] as const;

  it.each(CASES.map((c, i) => [i, c] as const))("answers query %i from the rollup as the rows engine does", async (_, c) => {
    for (const [label, from, to] of RANGES) {
      const query = metricsQuerySchema.parse({ ...c, fromTimestamp: from.toISOString(), toTimestamp: to.toISOString() });
      // Served by the subject rollup, not the rows.
      expect(await serveSubjectsFromRollups(db, projectId, validateMetricsQuery(query, dialectOf(db))), label).not.toBeNull();
      process.env.LOUPE_ROLLUPS = "off";
      const off = await runMetricsQuery(db, projectId, query);
      process.env.LOUPE_ROLLUPS = "on";
      const on = await runMetricsQuery(db, projectId, query);
      expect(off.length, label).toBeGreaterThan(0);
      expect(round(on), label).toEqual(round(off));
    }
  });

  it("falls back to the rows for what the key does not hold, and for less than a whole day", async () => {
    const plan = (c: ReturnType<typeof q>, from: Date, to: Date) =>
      validateMetricsQuery(metricsQuerySchema.parse({ ...c, fromTimestamp: from.toISOString(), toTimestamp: to.toISOString() }), dialectOf(db));
    const model = [{ type: "string" as const, column: "model", operator: "=" as const, value: "gpt-4o" }];
    expect(await serveSubjectsFromRollups(db, projectId, plan(top("userId", model), at(0), at(96)))).toBeNull();
    expect(await serveSubjectsFromRollups(db, projectId, plan(top("userId", [{ type: "string", column: "sessionId", operator: "=", value: "s1" }]), at(0), at(96)))).toBeNull();
    // A session's traces may have several users: the session key holds none.
    expect(await serveSubjectsFromRollups(db, projectId, plan(top("sessionId", user("u2")), at(0), at(96)))).toBeNull();
    expect(await serveSubjectsFromRollups(db, projectId, plan(top("userId"), at(3), at(20)))).toBeNull();
    const query = metricsQuerySchema.parse({ ...top("userId", model), fromTimestamp: at(0).toISOString(), toTimestamp: at(96).toISOString() });
    process.env.LOUPE_ROLLUPS = "off";
    const off = await runMetricsQuery(db, projectId, query);
    process.env.LOUPE_ROLLUPS = "on";
    expect(round(await runMetricsQuery(db, projectId, query))).toEqual(round(off));
  });
});

const round = (rows: MetricsRow[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v])));
