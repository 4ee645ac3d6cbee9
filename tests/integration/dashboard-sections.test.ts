// The dashboard's quality, steps and top sections' loaders on both databases,
// on the metrics API's known data set (tests/support/metrics-data.ts) plus a
// release and a session per trace and one observation score, against figures
// worked out by hand:
//
//   t1 chat u1 day 0 10:00  release v1  session sA  models [gpt]          quality 0.5  tone polite  ok true
//   t2 chat u2 day 0 23:59  release v1  session sA  models [claude, gpt]  quality 1    tone rude    ok false
//                                                   its claude generation g2: quality 0 (an observation score)
//   t3 rag  u1 day 2 12:00  release v2  session sB  models [gpt]          quality 0.75 tone polite
import { beforeAll, describe, expect, it } from "vitest";
import { loadQuality, scoresByModel } from "@/lib/analytics/dashboard/quality-queries";
import { loadSteps } from "@/lib/analytics/dashboard/steps-queries";
import { loadTopSessionsAndUsers } from "@/lib/analytics/dashboard/top-queries";
import { loadTrends } from "@/lib/analytics/dashboard/trends-queries";
import { prepareCostByModel, prepareLatencyPercentiles, prepareVolume } from "@/lib/analytics/prepare/trends";
import { rowsOf } from "@/lib/analytics/dashboard/run-section";
import type { SectionParams } from "@/lib/analytics/dashboard/run-section";
import { prepareScoreAverages, prepareScoreBreakdown, prepareScoreCategories, prepareScoreHistograms } from "@/lib/analytics/prepare/quality";
import { prepareSteps } from "@/lib/analytics/prepare/steps";
import { prepareTop } from "@/lib/analytics/prepare/top";
import { ingestEvents } from "@/lib/ingest/service";
import type { Filter } from "@/lib/query/filter";
import { ingestMetricsFixture, metricsFixture } from "../support/metrics-data";
import { dbFor, targets } from "../support/targets";

const DAY = 86_400_000;

function within1pct(actual: number | null | undefined, exact: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(Number(actual) - exact)).toBeLessThanOrEqual(0.01 * Math.abs(exact) + 1e-9);
}

describe.each(targets())("dashboard quality, steps and top loaders on $name", (t) => {
  const db = dbFor(t);
  const f = metricsFixture();
  const mine: Filter = [{ type: "stringOptions", column: "name", operator: "any of", value: [f.names.chat, f.names.rag] }];
  const params = (filter: Filter = mine): SectionParams => ({ from: f.day0, to: new Date(f.day0.getTime() + 3 * DAY), granularity: "day", filter });
  const day = (i: number) => new Date(f.day0.getTime() + i * DAY).toISOString();

  beforeAll(async () => {
    await ingestMetricsFixture(t, f);
    const { t1, t2, t3 } = f.traceIds;
    await ingestEvents(
      t.projectId,
      [
        { kind: "trace", id: t1, release: "v1", sessionId: `sA-${f.suffix}`, isUpdate: true },
        { kind: "trace", id: t2, release: "v1", sessionId: `sA-${f.suffix}`, isUpdate: true },
        { kind: "trace", id: t3, release: "v2", sessionId: `sB-${f.suffix}`, isUpdate: true },
        { kind: "score", id: `obs-q-${f.suffix}`, name: f.names.quality, value: 0, dataType: "NUMERIC", traceId: t2, observationId: `g2-${f.suffix}`, timestamp: new Date(f.day0.getTime() + DAY - 20_000) },
      ],
      db,
    );
  });

  it("averages each numeric score per day, the empty day a gap", async () => {
    const q = await loadQuality(db, t.projectId, params());
    const avg = prepareScoreAverages(q.overTime.filter((r) => r.name === f.names.quality), "day");
    // day 0: 0.5, 1 and the observation score 0; day 2: 0.75.
    expect(avg.points).toEqual([
      { time: day(0), values: { s0: 0.5 } },
      { time: day(1), values: { s0: null } },
      { time: day(2), values: { s0: 0.75 } },
    ]);
    // Booleans are not averaged over time (they are counted as categories).
    expect(q.overTime.some((r) => r.name === f.names.ok)).toBe(false);
  });

  it("bins each numeric score into ten equal bins from its min to its max", async () => {
    const q = await loadQuality(db, t.projectId, params());
    const [h] = prepareScoreHistograms(q.histograms.filter((r) => r.name === f.names.quality));
    expect(h.count).toBe(4);
    // 0, 0.5, 0.75, 1 over [0, 1].
    expect(h.bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 1]);
    expect(h.bins[0].lower).toBe(0);
    expect(h.bins[9]).toMatchObject({ upper: 1, last: true });
  });

  it("counts categorical labels and boolean values", async () => {
    const q = await loadQuality(db, t.projectId, params());
    const c = prepareScoreCategories(q.categorical, q.boolean).filter((g) => g.name === f.names.tone || g.name === f.names.ok);
    expect(c).toEqual([
      { name: f.names.ok, dataType: "BOOLEAN", total: 2, categories: [{ value: "true", count: 1, share: 0.5 }, { value: "false", count: 1, share: 0.5 }] },
      { name: f.names.tone, dataType: "CATEGORICAL", total: 3, categories: [{ value: "polite", count: 2, share: 2 / 3 }, { value: "rude", count: 1, share: 1 / 3 }] },
    ]);
  });

  it("averages each score by release", async () => {
    const q = await loadQuality(db, t.projectId, params());
    const b = prepareScoreBreakdown(q.byRelease.filter((r) => r.name === f.names.quality || r.name === f.names.ok), "traceRelease");
    expect(b.scores).toEqual([{ name: f.names.ok, dataType: "BOOLEAN" }, { name: f.names.quality, dataType: "NUMERIC" }]);
    expect(b.rows).toEqual([
      { group: "v1", count: 5, cells: [{ avg: 0.5, count: 2 }, { avg: 0.5, count: 3 }] },
      { group: "v2", count: 1, cells: [null, { avg: 0.75, count: 1 }] },
    ]);
  });

  it("averages each score by model: the observation's model, else every model of the trace", async () => {
    const rows = (await scoresByModel(db, t.projectId, params())).filter((r) => r.name === f.names.quality || r.name === f.names.ok);
    const b = prepareScoreBreakdown(rows, "model");
    // quality: gpt ← t1 0.5, t2 1, t3 0.75; claude ← t2 1 and g2's own 0. ok: gpt ← 1, 0; claude ← 0.
    expect(b.rows).toEqual([
      { group: f.models.gpt, count: 5, cells: [{ avg: 0.5, count: 2 }, { avg: 0.75, count: 3 }] },
      { group: f.models.claude, count: 3, cells: [{ avg: 0, count: 1 }, { avg: 0.5, count: 2 }] },
    ]);
  });

  it("takes the shared filter (one user) in every quality figure", async () => {
    const q = await loadQuality(db, t.projectId, params([...mine, { type: "string", column: "userId", operator: "=", value: f.users.u1 }]));
    const avg = prepareScoreAverages(q.overTime.filter((r) => r.name === f.names.quality), "day");
    expect(avg.points.map((p) => p.values.s0)).toEqual([0.5, null, 0.75]);
    expect(prepareScoreCategories(q.categorical, q.boolean).find((g) => g.name === f.names.ok)?.categories).toEqual([{ value: "true", count: 1, share: 1 }]);
    const byModel = prepareScoreBreakdown(q.byModel.filter((r) => r.name === f.names.quality), "model");
    expect(byModel.rows).toEqual([{ group: f.models.gpt, count: 2, cells: [{ avg: 0.625, count: 2 }] }]);
  });

  it("gives each step its cost, tokens and latency percentiles across traces", async () => {
    const rows = rowsOf(await loadSteps(db, t.projectId, params()));
    const steps = prepareSteps(rows);
    expect(steps.map((s) => [s.name, s.type])).toEqual([
      ["llm", "GENERATION"],
      ["retrieve", "SPAN"],
    ]);
    // llm: g1..g4, latencies 2, 40, 10, 4 s → p50 = 4000 + 0.5 · 6000, p95 = 10000 + 0.85 · 30000.
    // Percentiles are exact on the rows and within 1 % when the rollups' sketches serve them (LOUPE_ROLLUPS).
    expect(steps[0]).toMatchObject({ count: 4, totalCost: 3.25, costShare: 1, inputTokens: 610, outputTokens: 175, totalTokens: 785 });
    within1pct(steps[0].p50Latency, 7000);
    within1pct(steps[0].p95Latency, 35_500);
    expect(steps[1]).toMatchObject({ count: 1, totalCost: 0, totalTokens: 0 });
    within1pct(steps[1].p50Latency, 3000);
    within1pct(steps[1].p95Latency, 3000);
    // One trace name: only the rag trace's generation.
    const rag = prepareSteps(rowsOf(await loadSteps(db, t.projectId, params([{ type: "stringOptions", column: "name", operator: "any of", value: [f.names.rag] }]))));
    expect(rag).toHaveLength(1);
    expect(rag[0]).toMatchObject({ name: "llm", count: 1, totalCost: 1.5 });
    within1pct(rag[0].p95Latency, 4000);
  });

  it("says which conditions of the filter a section cannot apply, instead of figures ignoring them", async () => {
    const q = await loadQuality(db, t.projectId, params([...mine, { type: "string", column: "level", operator: "=", value: "error" }]));
    expect(q.notApplicable.map((n) => n.condition.column)).toEqual(["level"]);
    expect(q.overTime).toEqual([]);
    const steps = await loadSteps(db, t.projectId, params([...mine, { type: "number", column: "latency", operator: ">=", value: 1 }]));
    expect(steps.ok).toBe(false);
  });

  it("ranks sessions and users by cost, each linked to its page", async () => {
    const { sessions, users } = await loadTopSessionsAndUsers(db, t.projectId, params());
    expect(prepareTop(rowsOf(users), "userId", t.projectId)).toEqual([
      { id: f.users.u1, href: `/${t.projectId}/users/${f.users.u1}`, cost: 2.25, share: 1, traces: 2, tokens: 520 },
      { id: f.users.u2, href: `/${t.projectId}/users/${f.users.u2}`, cost: 1, share: 1 / 2.25, traces: 1, tokens: 265 },
    ]);
    expect(prepareTop(rowsOf(sessions), "sessionId", t.projectId)).toEqual([
      { id: `sA-${f.suffix}`, href: `/${t.projectId}/sessions/sA-${f.suffix}`, cost: 1.75, share: 1, traces: 2, tokens: 385 },
      { id: `sB-${f.suffix}`, href: `/${t.projectId}/sessions/sB-${f.suffix}`, cost: 1.5, share: 1.5 / 1.75, traces: 1, tokens: 400 },
    ]);
  });

  it("gives one user's trends over their first to last trace, by hour", async () => {
    const tr = await loadTrends(db, t.projectId, { column: "userId", value: f.users.u1 });
    expect(tr).not.toBeNull();
    // u1: t1 (day 0 10:00) and t3 (day 2 12:00); their scores are at the traces' times.
    expect(tr!.from.toISOString()).toBe(f.at(10 * 3_600_000));
    expect(tr!.to.toISOString()).toBe(new Date(f.day0.getTime() + 2 * DAY + 12 * 3_600_000 + 1).toISOString());
    expect(tr!.unit).toBe("hour");
    const cost = prepareCostByModel(tr!.cost, tr!.unit);
    expect(cost.series.map((s) => s.label)).toEqual([f.models.gpt]);
    expect(cost.points.reduce((sum, p) => sum + (p.values.s0 ?? 0), 0)).toBe(2.25);
    expect(cost.points).toHaveLength(51);
    const volume = prepareVolume(tr!.volume, tr!.errors, tr!.unit);
    const total = (k: string) => volume.points.reduce((sum, p) => sum + (p.values[k] ?? 0), 0);
    expect([total("traces"), total("observations"), total("errors")]).toEqual([2, 3, 1]);
    const latency = prepareLatencyPercentiles(tr!.latency, tr!.unit).points.filter((p) => p.values.p50 !== null);
    expect(latency.map((p) => [p.time, p.values.p50, p.values.p99])).toEqual([
      [f.at(10 * 3_600_000), 3000, 3000],
      [new Date(f.day0.getTime() + 2 * DAY + 12 * 3_600_000).toISOString(), 4000, 4000],
    ]);
    const scores = prepareScoreAverages(tr!.scores.filter((r) => r.name === f.names.quality), tr!.unit);
    expect(scores.points.filter((p) => p.values.s0 !== null).map((p) => p.values.s0)).toEqual([0.5, 0.75]);
    expect(await loadTrends(db, t.projectId, { column: "userId", value: `nobody-${f.suffix}` })).toBeNull();
  });
});
