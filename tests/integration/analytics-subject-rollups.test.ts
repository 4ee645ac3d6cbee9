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
import { spanKey } from "@/lib/analytics/rollups/serve-sessions";
import { serveSubjectsFromRollups } from "@/lib/analytics/rollups/serve-subjects";
import { validateMetricsQuery } from "@/lib/analytics/validate";
import { dialectOf } from "@/lib/db/client";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { deleteTraces } from "@/lib/traces/delete";
import { dbFor, targets, uid } from "../support/targets";
import { clearRollups, rollupSnapshot, rollupsOnInBlock, sessionSpans } from "../support/rollups";

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
    // A session over three days (its span crosses most ranges' ends; the long-span index holds it).
    for (const [i, h] of [3, 50, 90].entries()) {
      await ingest([{ kind: "trace", id: `tl${i}`, name: "chat", timestamp: at(h), userId: "u1", sessionId: "s-long" }, gen(`ol${i}`, `tl${i}`, h, 2 / 8)]);
    }
    // A deleted trace.
    await deleteTraces(db, projectId, ["t11"]);
  });

  it("keeps SubjectRollup and the session spans equal to a recomputation from the rows", async () => {
    const snapshot = await rollupSnapshot(db, projectId);
    const maintained = snapshot.SubjectRollup;
    expect(maintained.some((r) => r.includes('"user","u9"'))).toBe(true);
    expect(maintained.some((r) => r.includes('"session","s-late","chat"'))).toBe(true);
    // The groups without a user or a session.
    expect(maintained.some((r) => r.includes('"user",null'))).toBe(true);
    expect(maintained.some((r) => r.includes('"session",null'))).toBe(true);
    expect(maintained.some((r) => r.includes('"u7"'))).toBe(false);
    const spans = await sessionSpans(db, projectId);
    await clearRollups(db, projectId);
    await rebuildProject(db, projectId);
    const rebuilt = await rollupSnapshot(db, projectId);
    expect(rebuilt.SubjectRollup).toEqual(maintained);
    expect(rebuilt.SessionSpan.length).toBeGreaterThan(0);
    expect(rebuilt.SessionSpan).toEqual(snapshot.SessionSpan);
    // The hours only widen: each maintained span holds the recomputed one; s3 lost its last trace (t11, deleted).
    const wide = new Map(spans.map((r) => [`${r.sessionId}|${r.key}`, r.hours]));
    for (const r of await sessionSpans(db, projectId)) {
      if (!r.figures[0]) continue;
      const [first, last] = wide.get(`${r.sessionId}|${r.key}`)!;
      expect(first).toBeLessThanOrEqual(r.hours[0]);
      expect(last).toBeGreaterThanOrEqual(r.hours[1]);
    }
    const s3 = (rows: typeof spans) => rows.find((r) => r.sessionId === "s3" && r.key === "*")!.hours[1];
    expect(s3(spans)).toBe(at(57).getTime());
    expect(s3(await sessionSpans(db, projectId))).toBe(at(52).getTime());
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

  it("answers top sessions by cost from the session spans: the costliest inside a range, those crossing its ends counted exactly", async () => {
    const ranges = [...RANGES, ["whole days inside", at(24), at(3 * 24)], ["one day and minutes", at(47.9), at(72.1)], ["a day ending on the hour", at(1), at(48)]] as const;
    const cases = [[], name("chat"), name("search")].flatMap((f) => [1, 3, 10].map((limit) => top("sessionId", f, limit)));
    const answers = async (c: ReturnType<typeof q>, from: Date, to: Date) => {
      const query = metricsQuerySchema.parse({ ...c, fromTimestamp: from.toISOString(), toTimestamp: to.toISOString() });
      expect(spanKey(validateMetricsQuery(query, dialectOf(db)))).not.toBeNull();
      process.env.LOUPE_ROLLUPS = "off";
      const off = await runMetricsQuery(db, projectId, query);
      process.env.LOUPE_ROLLUPS = "on";
      return { on: round(await runMetricsQuery(db, projectId, query)), off: round(off) };
    };
    for (const c of cases) {
      for (const [label, from, to] of ranges) {
        const { on, off } = await answers(c, from, to);
        expect(on, `${label} ${JSON.stringify(c.filters)} ${c.config?.row_limit}`).toEqual(off);
      }
    }
    // The answer is the spans': a session lying inside the range with its cost in the span taken away drops out.
    const c = top("sessionId", [], 3);
    const before = await answers(c, at(0), at(4 * 24));
    const first = before.on.find((r) => r.sessionId !== null && r.sessionId !== "s-long")!.sessionId as string;
    await db.$executeRawUnsafe(`UPDATE "SessionSpan" SET "totalCostSum" = 0 WHERE "projectId" = '${projectId}' AND "sessionId" = '${first}' AND "key" = '*'`);
    const after = await answers(c, at(0), at(4 * 24));
    expect(after.off).toEqual(before.off);
    expect(after.on.map((r) => r.sessionId)).not.toContain(first);
    await rebuildProject(db, projectId);
    expect((await answers(c, at(0), at(4 * 24))).on).toEqual(before.off);
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
