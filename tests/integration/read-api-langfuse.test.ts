// The read API as Langfuse's own SDK reads it (langfuse 3.x, unchanged): health,
// the exact field sets of Langfuse's public API types, categorical scores with
// both number and label, scores v2 with its filters, and built-in models.
import { Langfuse } from "langfuse";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { addItems, createQueue } from "@/lib/queues/items";
import { countCapped, pageIds } from "@/lib/public-api/list-sql";
import { claimNext, completeItem } from "@/lib/queues/review";
import { api, dbFor, targets, uid, type TestTarget } from "../support/targets";

// Field for field after Langfuse's types (web/src/features/public-api/types/*.ts,
// packages/shared/src/features/scores/interfaces/api/*).
const TRACE_FIELDS = ["id", "externalId", "timestamp", "name", "userId", "metadata", "release", "version", "projectId", "environment", "public", "bookmarked", "tags", "input", "output", "sessionId", "createdAt", "updatedAt"];
const EXTENDED_TRACE_FIELDS = [...TRACE_FIELDS, "observations", "scores", "totalCost", "latency", "htmlPath"];
const OBSERVATION_FIELDS = [
  "id", "projectId", "traceId", "parentObservationId", "name", "type", "environment", "startTime", "endTime", "version", "createdAt", "updatedAt",
  "input", "output", "metadata", "level", "statusMessage", "model", "modelParameters", "completionStartTime", "promptId", "promptName", "promptVersion",
  "usageDetails", "costDetails", "usage", "unit", "promptTokens", "completionTokens", "totalTokens", "usagePricingTierName", "usagePricingTierId",
  "modelId", "inputPrice", "outputPrice", "totalPrice", "calculatedInputCost", "calculatedOutputCost", "calculatedTotalCost", "latency", "timeToFirstToken",
];
const SCORE_FIELDS = [
  "id", "projectId", "environment", "name", "value", "source", "authorUserId", "comment", "metadata", "configId", "queueId", "executionTraceId",
  "createdAt", "updatedAt", "timestamp", "traceId", "observationId", "sessionId", "datasetRunId", "stringValue", "dataType",
];
const SESSION_FIELDS = ["id", "createdAt", "projectId", "environment"];
const MODEL_FIELDS = ["id", "modelName", "matchPattern", "startDate", "inputPrice", "outputPrice", "totalPrice", "unit", "tokenizerId", "tokenizerConfig", "isLangfuseManaged", "createdAt", "prices", "pricingTiers"];
const META_FIELDS = ["page", "limit", "totalItems", "totalPages"];

const keys = (o: object) => Object.keys(o).sort();
const sdkFor = (t: TestTarget) => new Langfuse({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl, flushAt: 100 });

async function postJson(t: TestTarget, path: string, body: unknown) {
  const res = await api(t, path, { method: "POST", body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
}

describe.each(targets())("read API through the Langfuse SDK on $name", (t) => {
  const db = dbFor(t);
  let toneId: string;

  beforeAll(async () => {
    const tone = await db.scoreConfig.create({
      data: { projectId: t.projectId, name: uid("tone"), dataType: "CATEGORICAL", categories: [{ label: "rude", value: 0 }, { label: "polite", value: 1 }, { label: "warm", value: 2 }] },
    });
    toneId = tone.id;
  });

  it("answers health as Langfuse does (status OK and the version)", async () => {
    const health = await sdkFor(t).api.healthHealth();
    expect(health).toMatchObject({ status: "OK", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("reads traces, observations, scores and sessions with exactly Langfuse's fields", async () => {
    const langfuse = sdkFor(t);
    const sessionId = uid("shape-session");
    // No metadata anywhere: Langfuse answers {} for it, not null.
    const trace = langfuse.trace({ name: uid("shape"), sessionId });
    trace.generation({ name: "llm", model: "gpt-4o-mini", usage: { input: 100, output: 20 } }).end();
    trace.score({ name: "helpfulness", value: 0.5 });
    await langfuse.flushAsync();

    const { data: full } = await langfuse.fetchTrace(trace.id);
    expect(keys(full)).toEqual([...EXTENDED_TRACE_FIELDS].sort());
    expect(full).toMatchObject({ externalId: null, metadata: {}, tags: [] });
    const [gen] = full.observations;
    expect(keys(gen)).toEqual([...OBSERVATION_FIELDS].sort());
    expect(gen).toMatchObject({
      metadata: {},
      promptId: null,
      promptTokens: 100,
      completionTokens: 20,
      totalTokens: 120,
      unit: "TOKENS",
      usage: { unit: "TOKENS", input: 100, output: 20, total: 120 },
      usageDetails: { input: 100, output: 20, total: 120 },
    });
    expect(gen.costDetails?.total).toBeCloseTo(gen.calculatedTotalCost!, 12);
    expect(keys(full.scores[0])).toEqual([...SCORE_FIELDS].sort());
    expect(full.scores[0]).toMatchObject({ value: 0.5, stringValue: null, metadata: {}, executionTraceId: null });

    const list = await langfuse.fetchTraces({ sessionId });
    expect(keys(list.meta)).toEqual([...META_FIELDS].sort());
    expect(keys(list.data[0])).toEqual([...EXTENDED_TRACE_FIELDS].sort());
    expect(list.data[0].observations).toEqual([gen.id]);

    const observations = await langfuse.fetchObservations({ traceId: trace.id });
    expect(keys(observations.data[0])).toEqual([...OBSERVATION_FIELDS].sort());
    expect(keys((await langfuse.fetchObservation(gen.id)).data)).toEqual([...OBSERVATION_FIELDS].sort());

    const session = await langfuse.api.sessionsGet(sessionId);
    expect(keys(session)).toEqual([...SESSION_FIELDS, "traces"].sort());
    // A session's traces are plain traces in Langfuse (no observations, scores or cost).
    expect(keys(session.traces[0])).toEqual([...TRACE_FIELDS].sort());
    const sessions = await langfuse.fetchSessions({ limit: 5 });
    expect(keys(sessions.data[0])).toEqual([...SESSION_FIELDS].sort());

    const scores = await langfuse.api.scoreV2Get({ name: "helpfulness", limit: 1 });
    expect(keys(scores.data[0])).toEqual([...SCORE_FIELDS, "trace"].sort());
    expect(keys(scores.data[0].trace!)).toEqual(["environment", "sessionId", "tags", "userId"]);
    await langfuse.shutdownAsync();
  });

  it("stores a categorical score's number and label from every path, and reads both back", async () => {
    const langfuse = sdkFor(t);
    const trace = langfuse.trace({ name: uid("categorical") });
    // the batch API (the SDK's score); like Langfuse it takes categorical values as labels
    trace.score({ name: "tone", value: "polite", dataType: "CATEGORICAL", configId: toneId });
    await langfuse.flushAsync();
    // POST /api/public/scores
    await postJson(t, "/api/public/scores", { traceId: trace.id, name: "tone", value: "rude", dataType: "CATEGORICAL", configId: toneId });
    // a reviewer in an annotation queue (the form sends the label)
    const reviewer = await createUser({ email: `${uid("reviewer")}@itest.dev`, password: "password-123" }, db);
    const queue = await createQueue(db, t.projectId, { name: uid("tone-queue"), scoreConfigIds: [toneId] });
    if (!queue.ok) throw queue.error;
    await addItems(db, t.projectId, queue.data.id, "TRACE", [trace.id]);
    const item = await claimNext(db, t.projectId, queue.data.id, reviewer.id);
    await completeItem(db, t.projectId, item!.id, reviewer.id, [{ configId: toneId, value: "warm" }]);
    // without a config Langfuse keeps the label and puts 0 in value
    await postJson(t, "/api/public/scores", { traceId: trace.id, name: "free-label", value: "chatty", dataType: "CATEGORICAL" });

    const expected = [
      { source: "API", value: 1, stringValue: "polite" },
      { source: "API", value: 0, stringValue: "rude" },
      { source: "ANNOTATION", value: 2, stringValue: "warm", queueId: queue.data.id },
    ];
    const v1 = await (await api(t, `/api/public/scores?traceId=${trace.id}&configId=${toneId}&limit=10`)).json();
    expect(v1.data).toHaveLength(3);
    expect(v1.data).toEqual(expect.arrayContaining(expected.map((e) => expect.objectContaining({ ...e, dataType: "CATEGORICAL", configId: toneId }))));
    const v2 = await langfuse.api.scoreV2Get({ configId: toneId, limit: 10 });
    expect(v2.data.filter((s) => s.traceId === trace.id)).toHaveLength(3);
    const { data: full } = await langfuse.fetchTrace(trace.id);
    expect(full.scores).toEqual(expect.arrayContaining([...expected, { value: 0, stringValue: "chatty" }].map((e) => expect.objectContaining(e))));
    // stored as such, not only answered
    const stored = await db.score.findMany({ where: { projectId: t.projectId, traceId: trace.id, configId: toneId } });
    expect(stored.map((s) => [s.value, s.stringValue]).sort()).toEqual([[0, "rude"], [1, "polite"], [2, "warm"]]);
    await langfuse.shutdownAsync();
  });

  it("lists scores v2 with each of Langfuse's filters and pages them", async () => {
    const langfuse = sdkFor(t);
    const userId = uid("v2-user");
    const tag = uid("v2-tag");
    const name = uid("v2-score");
    const a = langfuse.trace({ name: "v2-a", userId, tags: [tag] });
    const b = langfuse.trace({ name: "v2-b", userId: uid("other-user"), environment: "staging" });
    const span = a.span({ name: "step" });
    span.end();
    const day = (d: number) => new Date(Date.UTC(2026, 2, d)).toISOString();
    await langfuse.flushAsync();
    const ids = {
      low: uid("low"),
      high: uid("high"),
      obs: uid("obs"),
      other: uid("other"),
      session: uid("sess"),
    };
    const sessionId = uid("v2-session");
    await postJson(t, "/api/public/ingestion", {
      batch: [
        { id: uid("e"), type: "score-create", timestamp: day(1), body: { id: ids.low, traceId: a.id, name, value: 0.2, timestamp: day(1) } },
        { id: uid("e"), type: "score-create", timestamp: day(2), body: { id: ids.high, traceId: a.id, name, value: 0.9, timestamp: day(2), configId: null } },
        { id: uid("e"), type: "score-create", timestamp: day(3), body: { id: ids.obs, traceId: a.id, observationId: span.id, name, value: 0.5, timestamp: day(3) } },
        { id: uid("e"), type: "score-create", timestamp: day(4), body: { id: ids.other, traceId: b.id, name, value: 0.7, timestamp: day(4), environment: "staging" } },
        { id: uid("e"), type: "trace-create", timestamp: day(5), body: { id: uid("session-trace"), sessionId } },
        { id: uid("e"), type: "score-create", timestamp: day(5), body: { id: ids.session, sessionId, name, value: 1, timestamp: day(5) } },
      ],
    });

    const only = async (q: Parameters<typeof langfuse.api.scoreV2Get>[0]) => (await langfuse.api.scoreV2Get({ name, ...q })).data.map((s) => s.id).sort();
    expect(await only({})).toEqual(Object.values(ids).sort());
    expect(await only({ userId })).toEqual([ids.low, ids.high, ids.obs].sort());
    expect(await only({ traceTags: [tag] })).toEqual([ids.low, ids.high, ids.obs].sort());
    expect(await only({ operator: ">=", value: 0.7 })).toEqual([ids.high, ids.other, ids.session].sort());
    expect(await only({ operator: "<", value: 0.5 })).toEqual([ids.low]);
    expect(await only({ fromTimestamp: day(2), toTimestamp: day(4) })).toEqual([ids.high, ids.obs].sort());
    expect(await only({ environment: ["staging"] })).toEqual([ids.other]);
    expect(await only({ scoreIds: `${ids.low},${ids.session}` })).toEqual([ids.low, ids.session].sort());
    expect(await only({ source: "ANNOTATION" })).toEqual([]);
    expect(await only({ dataType: "NUMERIC" })).toEqual(Object.values(ids).sort());
    // filters the SDK's typings leave out, sent as Langfuse's v2 route takes them
    const raw = async (q: string) => ((await (await api(t, `/api/public/v2/scores?name=${name}&${q}`)).json()).data as { id: string }[]).map((s) => s.id).sort();
    expect(await raw(`sessionId=${sessionId}`)).toEqual([ids.session]);
    expect(await raw(`traceId=${b.id}`)).toEqual([ids.other]);
    expect(await raw(`observationId=${span.id}`)).toEqual([ids.obs]);
    expect(await raw(`traceId=${a.id}&userId=${userId}`)).toEqual([ids.low, ids.high, ids.obs].sort());

    // newest first, paged, with Langfuse's meta
    const page = await langfuse.api.scoreV2Get({ name, limit: 2, page: 2 });
    expect(page.meta).toEqual({ page: 2, limit: 2, totalItems: 5, totalPages: 3 });
    expect(page.data.map((s) => s.id)).toEqual([ids.obs, ids.high]);
    // a session score has no trace
    const sessionScore = await langfuse.api.scoreV2GetById(ids.session);
    expect(sessionScore).toMatchObject({ id: ids.session, sessionId, traceId: null });
    expect((await langfuse.api.scoreV2Get({ name, scoreIds: ids.session })).data[0]).toMatchObject({ trace: null });
    // fields=score leaves the trace out; trace filters then need it
    // (unknown field groups are dropped, as Langfuse does)
    const bare = await (await api(t, `/api/public/v2/scores?name=${name}&fields=score,unknown&limit=1`)).json();
    expect(bare.data[0].trace).toBeUndefined();
    const refused = await api(t, `/api/public/v2/scores?fields=score&userId=${userId}`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.details[0].path).toBe("fields");
    const badOp = await api(t, `/api/public/v2/scores?operator=~&value=1`);
    expect(badOp.status).toBe(400);
    expect((await badOp.json()).error.details[0].path).toBe("operator");
    await langfuse.shutdownAsync();
  });

  it("lists the built-in model prices beside the project's own, as Langfuse-managed models, with Langfuse's paging", async () => {
    const langfuse = sdkFor(t);
    const own = await postJson(t, "/api/public/models", { modelName: uid("aa-own-model"), matchPattern: "^aa-own$", inputPrice: 0.000001, unit: "TOKENS" });
    expect(keys(own)).toEqual([...MODEL_FIELDS].sort());
    expect(own.isLangfuseManaged).toBe(false);

    const first = await langfuse.api.modelsList({ page: 1, limit: 100 });
    expect(keys(first.meta)).toEqual([...META_FIELDS].sort());
    const builtIn = first.data.filter((m) => m.isLangfuseManaged);
    expect(builtIn.length).toBeGreaterThan(20);
    expect(first.data.find((m) => m.id === own.id)).toMatchObject({ isLangfuseManaged: false });
    const gpt4o = first.data.find((m) => m.modelName === "gpt-4o" && m.isLangfuseManaged)!;
    expect(gpt4o).toMatchObject({ unit: "TOKENS", inputPrice: 0.0000025, outputPrice: 0.00001, prices: { input: { price: 0.0000025 } } });
    expect(keys(gpt4o)).toEqual([...MODEL_FIELDS].sort());
    // sorted by model name, paged over both kinds
    const names = first.data.map((m) => m.modelName);
    expect(names).toEqual([...names].sort());
    const total = first.meta.totalItems;
    const last = await langfuse.api.modelsList({ page: Math.ceil(total / 7), limit: 7 });
    expect(last.meta).toEqual({ page: Math.ceil(total / 7), limit: 7, totalItems: total, totalPages: Math.ceil(total / 7) });
    expect(last.data.length).toBe(total - 7 * (Math.ceil(total / 7) - 1));

    expect((await (await api(t, `/api/public/models/${gpt4o.id}`)).json()).modelName).toBe("gpt-4o");
    const del = await api(t, `/api/public/models/${gpt4o.id}`, { method: "DELETE" });
    expect(del.status).toBe(404);
    expect((await api(t, `/api/public/models/${own.id}`, { method: "DELETE" })).status).toBe(200);
    await langfuse.shutdownAsync();
  });

  it("filters observations by every documented filter, version included", async () => {
    const langfuse = sdkFor(t);
    const userId = uid("obs-user");
    const trace = langfuse.trace({ name: "obs-filters", userId });
    const parentName = uid("parent");
    const parent = trace.span({ name: parentName, version: "v7" });
    parent.generation({ name: "child-gen", model: "gpt-4o-mini" }).end({ level: "WARNING" });
    parent.end();
    await langfuse.flushAsync();
    const ids = async (q: Parameters<typeof langfuse.fetchObservations>[0]) => (await langfuse.fetchObservations(q)).data.map((o) => o.name).sort();
    expect(await ids({ userId })).toEqual(["child-gen", parentName].sort());
    expect(await ids({ userId, type: "GENERATION" })).toEqual(["child-gen"]);
    expect(await ids({ parentObservationId: parent.id })).toEqual(["child-gen"]);
    const warnings = await (await api(t, `/api/public/observations?userId=${userId}&level=WARNING`)).json();
    expect(warnings.data.map((o: { name: string }) => o.name)).toEqual(["child-gen"]);
    const byVersion = await (await api(t, `/api/public/observations?traceId=${trace.id}&version=v7`)).json();
    expect(byVersion.data.map((o: { id: string }) => o.id)).toEqual([parent.id]);
    await langfuse.shutdownAsync();
  });

  it("pages ids newest first and counts no further than the cap, with long id lists in one parameter", async () => {
    const langfuse = sdkFor(t);
    const trace = langfuse.trace({ name: uid("paging") });
    const spans = Array.from({ length: 5 }, (_, i) => trace.span({ name: "p", startTime: new Date(Date.UTC(2026, 4, 1, 0, i)) }));
    for (const s of spans) s.end();
    await langfuse.shutdownAsync();
    const where = { projectId: t.projectId, traceId: trace.id };
    expect(await pageIds(db, "Observation", where, "startTime", 2, 2)).toEqual([spans[2].id, spans[1].id]);
    expect(await countCapped(db, "Observation", where, 3)).toBe(3);
    expect(await countCapped(db, "Observation", where, 100)).toBe(5);
    // 150 ids (past the plain-parameter length) and a comparison
    const ids = [...spans.map((s) => s.id), ...Array.from({ length: 145 }, (_, i) => `missing-${i}`)];
    expect(await countCapped(db, "Observation", { projectId: t.projectId, id: { in: ids }, startTime: { gte: new Date(Date.UTC(2026, 4, 1, 0, 3)) } }, 100)).toBe(2);
    expect(await countCapped(db, "Observation", { projectId: t.projectId, id: { in: [] } }, 100)).toBe(0);
  });
});
