// A small known data set for the metrics API tests (over HTTP and through the
// SDKs): three traces, five observations and seven scores on three UTC days
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
  const ev = (type: string, body: Record<string, unknown>) => ({ id: `ev-${suffix}-${n++}`, timestamp: new Date().toISOString(), type, body });
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
  const score = (name: string, traceId: string, value: number | string, dataType: string, ts: number) =>
    ev("score-create", { id: `${name}-${traceId}`, traceId, name, value, dataType, timestamp: at(ts) });
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
