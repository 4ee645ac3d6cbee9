// A small known data set for the metrics API tests (over HTTP and through the
// SDKs): three traces, five observations and eight scores on three UTC days
// of a random day in 2021, every name suffixed so no other test's data is
// counted. Costs are binary fractions (0.25, 0.125...) so every sum is exact
// in floating point and checked with toEqual.
//
//   day 0  10:00:00  chat  (user u1, tags [tag, a], production)
//                     gen  gpt        10:00:00–10:00:02  ttft 500 ms  in 100 out 20   cost 0.25 + 0.5
//                     span (no model) 10:00:00–10:00:03
//   day 0  23:59:30  chat  (user u2, tags [tag], production)
//                     gen  claude     23:59:30–day 1 00:00:10        in 200 out 50   cost 0.5 + 0.25
//   day 1             gen  gpt        00:00:20–00:00:30  (of the day-0 trace)  in 10 out 5  cost 0.125 + 0.125
//   day 2  12:00:00  rag   (user u1, tags [tag, b], staging)
//                     gen  gpt        12:00:00–12:00:04  ERROR      in 300 out 100  cost 1 + 0.5
import { expect } from "vitest";
import { histogramNear } from "./histogram";
import { api, uid, type TestTarget } from "./targets";

const DAY = 86_400_000;

export interface MetricsFixture {
  suffix: string;
  /** 00:00 UTC of day 0. */
  day0: Date;
  names: { chat: string; rag: string; quality: string; tone: string; ok: string };
  users: { u1: string; u2: string };
  models: { gpt: string; claude: string };
  tag: string;
  traceIds: { t1: string; t2: string; t3: string };
  /** An ISO instant `ms` after day 0's midnight. */
  at: (ms: number) => string;
  /** [day 0, day 3): the whole data set. */
  range: { fromTimestamp: string; toTimestamp: string };
}

export function metricsFixture(): MetricsFixture {
  const suffix = uid("m");
  const day0 = new Date(Date.UTC(2021, 0, 1) + Math.floor(Math.random() * 300) * DAY);
  const at = (ms: number) => new Date(day0.getTime() + ms).toISOString();
  return {
    suffix,
    day0,
    names: { chat: `chat-${suffix}`, rag: `rag-${suffix}`, quality: `quality-${suffix}`, tone: `tone-${suffix}`, ok: `ok-${suffix}` },
    users: { u1: `u1-${suffix}`, u2: `u2-${suffix}` },
    models: { gpt: `gpt-${suffix}`, claude: `claude-${suffix}` },
    tag: `tag-${suffix}`,
    traceIds: { t1: `t1-${suffix}`, t2: `t2-${suffix}`, t3: `t3-${suffix}` },
    at,
    range: { fromTimestamp: at(0), toTimestamp: at(3 * DAY) },
  };
}

const H = 3_600_000;
const S = 1000;

/** Sends the data set through POST /api/public/ingestion and checks every event was taken. */
export async function ingestMetricsFixture(t: TestTarget, f: MetricsFixture): Promise<void> {
  const { at, names, users, models, traceIds: ids, tag, suffix } = f;
  let n = 0;
  const ev = (type: string, body: Record<string, unknown>, timestamp = new Date().toISOString()) => ({ id: `ev-${suffix}-${n++}`, timestamp, type, body });
  const gen = (id: string, traceId: string, model: string, start: number, end: number, usage: [number, number], cost: [number, number], extra: Record<string, unknown> = {}) =>
    ev("generation-create", {
      id: `${id}-${suffix}`,
      traceId,
      name: "llm",
      model,
      startTime: at(start),
      endTime: at(end),
      usageDetails: { input: usage[0], output: usage[1] },
      costDetails: { input: cost[0], output: cost[1] },
      ...extra,
    });
  // A score's time is its event's (Langfuse's score body has none).
  const score = (name: string, traceId: string, value: number | string, dataType: string, ts: number) =>
    ev("score-create", { id: `${name}-${traceId}`, traceId, name, value, dataType }, at(ts));
  const t1 = 10 * H;
  const t2 = 24 * H - 30 * S;
  const t3 = 2 * 24 * H + 12 * H;
  const batch = [
    ev("trace-create", { id: ids.t1, name: names.chat, userId: users.u1, tags: [tag, "a"], environment: "production", timestamp: at(t1) }),
    ev("trace-create", { id: ids.t2, name: names.chat, userId: users.u2, tags: [tag], environment: "production", timestamp: at(t2) }),
    ev("trace-create", { id: ids.t3, name: names.rag, userId: users.u1, tags: [tag, "b"], environment: "staging", timestamp: at(t3) }),
    gen("g1", ids.t1, models.gpt, t1, t1 + 2 * S, [100, 20], [0.25, 0.5], { completionStartTime: at(t1 + 500) }),
    ev("span-create", { id: `s1-${suffix}`, traceId: ids.t1, name: "retrieve", startTime: at(t1), endTime: at(t1 + 3 * S) }),
    gen("g2", ids.t2, models.claude, t2, t2 + 40 * S, [200, 50], [0.5, 0.25]),
    gen("g3", ids.t2, models.gpt, t2 + 50 * S, t2 + 60 * S, [10, 5], [0.125, 0.125]),
    gen("g4", ids.t3, models.gpt, t3, t3 + 4 * S, [300, 100], [1, 0.5], { level: "ERROR", statusMessage: "boom" }),
    score(names.quality, ids.t1, 0.5, "NUMERIC", t1),
    score(names.quality, ids.t2, 1, "NUMERIC", t2),
    score(names.quality, ids.t3, 0.75, "NUMERIC", t3),
    score(names.tone, ids.t1, "polite", "CATEGORICAL", t1),
    score(names.tone, ids.t2, "rude", "CATEGORICAL", t2),
    score(names.tone, ids.t3, "polite", "CATEGORICAL", t3),
    score(names.ok, ids.t1, 1, "BOOLEAN", t1),
    score(names.ok, ids.t2, 0, "BOOLEAN", t2),
  ];
  const res = await api(t, "/api/public/ingestion", { method: "POST", body: JSON.stringify({ batch }) });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(207);
  expect(body.errors, JSON.stringify(body.errors)).toEqual([]);
  expect(body.successes).toHaveLength(batch.length);
}

/** The daily figures of the whole data set (tags=[tag]), newest day first. */
export function expectedDaily(f: MetricsFixture) {
  const day = (i: number) => new Date(f.day0.getTime() + i * DAY).toISOString().slice(0, 10);
  const use = (model: string | null, input: number, output: number, totalCost: number, countObservations = 1) => ({
    model,
    inputUsage: input,
    outputUsage: output,
    totalUsage: input + output,
    countObservations,
    countTraces: 1,
    totalCost,
  });
  return [
    { date: day(2), countTraces: 1, countObservations: 1, totalCost: 1.5, usage: [use(f.models.gpt, 300, 100, 1.5)] },
    // Only the day-0 trace's late generation started on day 1: the day appears with no trace of its own.
    { date: day(1), countTraces: 0, countObservations: 1, totalCost: 0.25, usage: [use(f.models.gpt, 10, 5, 0.25)] },
    {
      date: day(0),
      countTraces: 2,
      countObservations: 3,
      totalCost: 1.5,
      usage: [use(f.models.claude, 200, 50, 0.75), use(f.models.gpt, 100, 20, 0.75), use(null, 0, 0, 0)],
    },
  ];
}

type Row = Record<string, unknown>;

export interface MetricsCase {
  title: string;
  /** The v2 endpoint takes it too (every view but traces). */
  v2: boolean;
  query: Record<string, unknown>;
  /** The rows, in the order asked for (orderBy, or time ascending). */
  rows: Row[];
}

/** Queries over the data set with their hand-computed answers (see the table at the top). */
export function metricsCases(f: MetricsFixture): MetricsCase[] {
  const { names, models, tag, range } = f;
  const day = (i: number) => new Date(f.day0.getTime() + i * DAY).toISOString();
  const mine = { column: "traceName", type: "stringOptions", operator: "any of", value: [names.chat, names.rag] };
  const generations = { column: "type", type: "string", operator: "=", value: "GENERATION" };
  const tagged = { column: "tags", type: "arrayOptions", operator: "any of", value: [tag] };
  const scoreNamed = (name: string) => ({ column: "name", type: "string", operator: "=", value: name });
  const m = (measure: string, aggregation: string) => ({ measure, aggregation });
  return [
    {
      title: "traces: count, cost, tokens and latency percentiles by trace name",
      v2: false,
      query: {
        view: "traces",
        dimensions: [{ field: "name" }],
        metrics: [m("count", "count"), m("totalCost", "sum"), m("totalTokens", "sum"), m("latency", "p50"), m("latency", "p95"), m("latency", "max")],
        filters: [tagged],
        orderBy: [{ field: "name", direction: "asc" }],
        ...range,
      },
      // chat: latencies 3 s and 60 s (its second trace runs past midnight); p95 = 3000 + 0.95 · 57000.
      rows: [
        { name: names.chat, count_count: 2, sum_totalCost: 1.75, sum_totalTokens: 385, p50_latency: 31_500, p95_latency: 57_150, max_latency: 60_000 },
        { name: names.rag, count_count: 1, sum_totalCost: 1.5, sum_totalTokens: 400, p50_latency: 4000, p95_latency: 4000, max_latency: 4000 },
      ],
    },
    {
      title: "traces: distinct users and the uniq of a text field",
      v2: false,
      query: { view: "traces", metrics: [m("uniqueUserIds", "count"), m("userId", "uniq"), m("count", "count")], filters: [tagged], ...range },
      rows: [{ count_uniqueUserIds: 2, uniq_userId: 2, count_count: 3 }],
    },
    {
      title: "observations: generations' tokens, cost, latency and time to first token by model",
      v2: true,
      query: {
        view: "observations",
        dimensions: [{ field: "providedModelName" }],
        metrics: [m("count", "count"), m("inputTokens", "sum"), m("outputTokens", "sum"), m("totalCost", "sum"), m("latency", "max"), m("timeToFirstToken", "p50")],
        filters: [mine, generations],
        orderBy: [{ field: "providedModelName", direction: "asc" }],
        ...range,
      },
      rows: [
        { providedModelName: models.claude, count_count: 1, sum_inputTokens: 200, sum_outputTokens: 50, sum_totalCost: 0.75, max_latency: 40_000, p50_timeToFirstToken: null },
        { providedModelName: models.gpt, count_count: 3, sum_inputTokens: 410, sum_outputTokens: 125, sum_totalCost: 2.5, max_latency: 10_000, p50_timeToFirstToken: 500 },
      ],
    },
    {
      title: "observations: cost per UTC day by start time, the empty day included",
      v2: true,
      query: {
        view: "observations",
        metrics: [m("totalCost", "sum"), m("count", "count")],
        filters: [mine],
        timeDimension: { granularity: "day" },
        fromTimestamp: range.fromTimestamp,
        toTimestamp: day(4),
      },
      rows: [
        { time_dimension: day(0), sum_totalCost: 1.5, count_count: 3 },
        { time_dimension: day(1), sum_totalCost: 0.25, count_count: 1 },
        { time_dimension: day(2), sum_totalCost: 1.5, count_count: 1 },
        { time_dimension: day(3), sum_totalCost: 0, count_count: 0 },
      ],
    },
    {
      title: "observations: a latency histogram of the generations",
      v2: true,
      query: { view: "observations", metrics: [m("latency", "histogram")], filters: [mine, generations], config: { bins: 2 }, ...range },
      // 2 s, 40 s, 10 s, 4 s in two equal bins over [2 s, 40 s]; the rollups answer it from their latency sketch
      // (edges within ~2 %, counts exact in total: lib/analytics/sketch.ts sketchHistogram).
      rows: [{ histogram_latency: histogramNear([[2000, 21_000, 3], [21_000, 40_000, 1]], process.env.LOUPE_ROLLUPS !== "off") }],
    },
    {
      title: "scores-numeric: count, average, min, max and median of a score",
      v2: true,
      query: {
        view: "scores-numeric",
        dimensions: [{ field: "name" }],
        metrics: [m("count", "count"), m("value", "avg"), m("value", "min"), m("value", "max"), m("value", "p50")],
        filters: [scoreNamed(names.quality)],
        ...range,
      },
      rows: [{ name: names.quality, count_count: 3, avg_value: 0.75, min_value: 0.5, max_value: 1, p50_value: 0.75 }],
    },
    {
      title: "scores-categorical: counts per category",
      v2: true,
      query: {
        view: "scores-categorical",
        dimensions: [{ field: "stringValue" }],
        metrics: [m("count", "count")],
        filters: [scoreNamed(names.tone)],
        orderBy: [{ field: "stringValue", direction: "asc" }],
        ...range,
      },
      rows: [
        { stringValue: "polite", count_count: 2 },
        { stringValue: "rude", count_count: 1 },
      ],
    },
    {
      title: "scores-boolean: count and the share of true",
      v2: true,
      query: { view: "scores-boolean", metrics: [m("count", "count"), m("value", "avg")], filters: [scoreNamed(names.ok)], ...range },
      rows: [{ count_count: 2, avg_value: 0.5 }],
    },
  ];
}
