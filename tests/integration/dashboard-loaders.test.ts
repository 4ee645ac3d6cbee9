// The dashboard's loaders on both databases, on rows seeded directly, against
// figures worked out by hand: hourly cost stacked by model, cost by model /
// trace name / user, latency percentiles over time and per name and model,
// time to first token, volume and error rate — unfiltered, filtered by a user
// and by a model, and a level filter the observations charts cannot take.
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { loadCost, loadLatency, loadTokens, loadVolume } from "@/lib/analytics/dashboard/load";
import { parseDashboardParams } from "@/lib/analytics/dashboard/params";
import { costView, latencyView, tokensView, volumeView } from "@/lib/analytics/dashboard/views";
import type { TimeSeriesData } from "@/lib/analytics/prepare/chart-data";
import { dbFor, targets, uid } from "../support/targets";

const at = (s: string) => new Date(`2026-${s}Z`);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
// Five hours, 22:00 → 03:00 across the UTC day boundary; 01:00 and 02:00 are empty.
const RANGE = { from: "2026-02-28T22:00:00.000Z", to: "2026-03-01T02:59:59.999Z" };
const values = (d: { ok: boolean; data?: TimeSeriesData }) => {
  if (!d.ok || !d.data) throw new Error("expected data");
  return { labels: d.data.series.map((s) => s.label), points: d.data.points.map((p) => d.data!.series.map((s) => p.values[s.key])) };
};
const ok = <T,>(c: { ok: true; data: T } | { ok: false }): T => {
  if (!c.ok) throw new Error("expected data");
  return c.data;
};

/** A percentile: exact on the rows, within 1 % when the rollups' sketches serve it (LOUPE_ROLLUPS). */
function near(exact: number) {
  return { asymmetricMatch: (v: unknown) => typeof v === "number" && Math.abs(v - exact) <= 0.01 * Math.abs(exact) + 1e-9, toString: () => `within 1 % of ${exact}` };
}

describe.each(targets())("dashboard loaders on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("dash");
  const params = (sp: Record<string, string> = {}) => parseDashboardParams({ ...RANGE, ...sp });

  beforeAll(async () => {
    const trace = (id: string, timestamp: string, o: Record<string, unknown>) => ({ projectId, id, timestamp: at(timestamp), environment: "production", ...o });
    await db.trace.createMany({
      data: [
        trace("t1", "02-28T22:10:00.000", { name: "chat", userId: "u1", latencyMs: 100, totalCost: 0.5, totalTokens: 100, observationCount: 2, models: ["gpt-4o"] }),
        trace("t2", "02-28T23:30:00.000", { name: "chat", userId: "u2", latencyMs: 300, totalCost: 1.0, totalTokens: 50, observationCount: 1, errorCount: 1, models: ["claude-3"] }),
        trace("t3", "03-01T00:05:00.000", { name: "search", userId: "u1", latencyMs: 200, totalCost: 0.25, totalTokens: 10, observationCount: 1, models: ["gpt-4o"] }),
        // After the range's end: never counted.
        trace("t4", "03-01T03:00:00.000", { name: "chat", userId: "u1", latencyMs: 5, totalCost: 8 }),
      ],
    });
    const s1 = at("02-28T22:10:00.000");
    const s2 = at("02-28T23:30:00.000");
    const s3 = at("03-01T00:05:00.000");
    await db.observation.createMany({
      data: [
        { projectId, id: "o1", traceId: "t1", type: "GENERATION", name: "llm", startTime: s1, endTime: plus(s1, 1500), completionStartTime: plus(s1, 300), model: "gpt-4o", inputTokens: 80, outputTokens: 20, totalTokens: 100, totalCost: 0.5 },
        { projectId, id: "o2", traceId: "t1", type: "SPAN", name: "retrieve", startTime: s1, endTime: plus(s1, 100) },
        { projectId, id: "o3", traceId: "t2", type: "GENERATION", name: "llm", startTime: s2, endTime: plus(s2, 2000), completionStartTime: plus(s2, 500), level: "ERROR", model: "claude-3", inputTokens: 40, outputTokens: 10, totalTokens: 50, totalCost: 1.0 },
        { projectId, id: "o4", traceId: "t3", type: "GENERATION", name: "llm", startTime: s3, endTime: plus(s3, 1000), model: "gpt-4o", inputTokens: 5, outputTokens: 5, totalTokens: 10, totalCost: 0.25 },
        { projectId, id: "o5", traceId: "t4", type: "GENERATION", name: "llm", startTime: at("03-01T03:00:00.000"), model: "gpt-4o", totalCost: 8 },
      ],
    });
    // Seeded as rows, not ingested: the rollups are computed from them as the backfill would.
    await rebuildProject(db, projectId);
  });

  it("answers cost stacked by model per hour, and by model, trace name and user", async () => {
    const p = params();
    expect(p.unit).toBe("hour");
    const v = costView(projectId, p, await loadCost(db, projectId, p));
    expect(values(v.overTime)).toEqual({
      labels: ["claude-3", "gpt-4o"],
      points: [
        [0, 0.5],
        [1, 0],
        [0, 0.25],
        [0, 0],
        [0, 0],
      ],
    });
    expect(ok(v.byModel).items.map((i) => [i.label, i.value, i.detail])).toEqual([
      ["claude-3", 1, "1 observation"],
      ["gpt-4o", 0.75, "2 observations"],
    ]);
    expect(ok(v.byName).items.map((i) => [i.label, i.value])).toEqual([
      ["chat", 1.5],
      ["search", 0.25],
    ]);
    expect(ok(v.byUser).items.map((i) => [i.label, i.value])).toEqual([
      ["u2", 1],
      ["u1", 0.75],
    ]);
  });

  it("answers tokens by model per hour", async () => {
    const p = params();
    const v = tokensView(projectId, p, await loadTokens(db, projectId, p));
    expect(values(v.input)).toEqual({ labels: ["gpt-4o", "claude-3"], points: [[80, 0], [0, 40], [5, 0], [0, 0], [0, 0]] });
    expect(values(v.output)).toEqual({ labels: ["gpt-4o", "claude-3"], points: [[20, 0], [0, 10], [5, 0], [0, 0], [0, 0]] });
  });

  it("answers latency percentiles per hour (null when empty), per trace name and per model, and time to first token", async () => {
    const p = params();
    const v = latencyView(projectId, p, await loadLatency(db, projectId, p));
    expect(values(v.overTime)).toEqual({
      labels: ["p50", "p90", "p95", "p99"],
      points: [[100, 100, 100, 100], [300, 300, 300, 300], [200, 200, 200, 200]].map((r) => r.map(near)).concat([[null, null, null, null], [null, null, null, null]] as never[]),
    });
    // chat: 100 and 300 → p50 200, p95 100 + 0.95·200 = 290, p99 298.
    expect(ok(v.byName).map((r) => [r.label, r.count, r.p50, r.p95, r.p99])).toEqual([
      ["chat", 2, near(200), near(290), near(298)],
      ["search", 1, near(200), near(200), near(200)],
    ]);
    // Generations: gpt-4o 1500 and 1000 → p50 1250, p95 1475; claude-3 2000.
    expect(ok(v.byModel).map((r) => [r.label, r.count, r.p50, r.p95, r.p99])).toEqual([
      ["gpt-4o", 2, near(1250), near(1475), near(1495)],
      ["claude-3", 1, near(2000), near(2000), near(2000)],
    ]);
    expect(ok(v.timeToFirstToken).map((r) => [r.label, r.p50, r.p95])).toEqual([
      ["gpt-4o", near(300), near(300)],
      ["claude-3", near(500), near(500)],
    ]);
  });

  it("answers volume and the error rate per hour", async () => {
    const p = params();
    const v = volumeView(projectId, p, await loadVolume(db, projectId, p));
    expect(values(v.traces).points.map((x) => x[0])).toEqual([1, 1, 1, 0, 0]);
    expect(values(v.observations).points.map((x) => x[0])).toEqual([2, 1, 1, 0, 0]);
    expect(values(v.errorRate).points.map((x) => x[0])).toEqual([0, 1, 0, null, null]);
  });

  it("applies a user filter to every view", async () => {
    const p = params({ userId: "u1" });
    const cost = costView(projectId, p, await loadCost(db, projectId, p));
    expect(ok(cost.byModel).items.map((i) => [i.label, i.value])).toEqual([["gpt-4o", 0.75]]);
    expect(ok(cost.byName).items.map((i) => [i.label, i.value])).toEqual([
      ["chat", 0.5],
      ["search", 0.25],
    ]);
    const vol = volumeView(projectId, p, await loadVolume(db, projectId, p));
    expect(values(vol.traces).points.map((x) => x[0])).toEqual([1, 0, 1, 0, 0]);
    expect(values(vol.observations).points.map((x) => x[0])).toEqual([2, 0, 1, 0, 0]);
  });

  it("applies a model filter: the model's observations, the traces that used it", async () => {
    const p = params({ model: "gpt" });
    const cost = costView(projectId, p, await loadCost(db, projectId, p));
    expect(ok(cost.byModel).items.map((i) => [i.label, i.value])).toEqual([["gpt-4o", 0.75]]);
    expect(ok(cost.byName).items.map((i) => [i.label, i.value])).toEqual([
      ["chat", 0.5],
      ["search", 0.25],
    ]);
  });

  it("says an observations chart cannot take a level filter, and filters the traces charts by it", async () => {
    const p = params({ level: "error" });
    const vol = volumeView(projectId, p, await loadVolume(db, projectId, p));
    expect(vol.observations.ok).toBe(false);
    expect(values(vol.traces).points.map((x) => x[0])).toEqual([0, 1, 0, 0, 0]);
    const cost = costView(projectId, p, await loadCost(db, projectId, p));
    expect(cost.overTime.ok).toBe(false);
    expect(ok(cost.byName).items.map((i) => [i.label, i.value])).toEqual([["chat", 1]]);
  });
});
