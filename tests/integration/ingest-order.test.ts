// Events that arrive out of order, over HTTP: per field the latest statement
// (by event time) wins, across requests and within one; updates that name no
// trace wait for their create; the native API refuses to move an observation.
import { describe, expect, it } from "vitest";
import { api, dbFor, targets, uid, type TestTarget } from "../support/targets";

const E = (s: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, s)).toISOString();
const event = (type: string, body: Record<string, unknown>, timestamp: string, id = uid("ev")) => ({ id, timestamp, type, body });

async function post(t: TestTarget, batch: unknown[]) {
  const res = await api(t, "/api/public/ingestion", { method: "POST", body: JSON.stringify({ batch }) });
  expect(res.status).toBe(207);
  const body = await res.json();
  expect(body.errors, JSON.stringify(body)).toEqual([]);
  return body;
}

async function getJson(t: TestTarget, path: string, status = 200) {
  const res = await api(t, path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(status);
  return res.json();
}

describe.each(targets())("ingestion order on $name", (t) => {
  const db = dbFor(t);
  const observationRow = (id: string) => db.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id } } });
  const traceRow = (id: string) => db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id } } });
  const withoutUpdatedAt = <R extends { updatedAt: Date }>(r: R) => ({ ...r, updatedAt: null });

  it("keeps an acknowledged update when its earlier create arrives later (the issue's requests)", async () => {
    const X = uid("gen");
    // acknowledged first: the update, made at E(2)
    await post(t, [event("generation-update", { id: X, endTime: E(20), usage: { output: 77 } }, E(2))]);
    // later, in its own request: the create, made earlier (E(1))
    await post(t, [event("generation-create", { id: X, name: "llm", startTime: E(0), endTime: E(10), usage: { output: 1 } }, E(1))]);
    const o = await getJson(t, `/api/public/observations/${X}`);
    expect(o).toMatchObject({ id: X, name: "llm", endTime: E(20), usage: { output: 77 } });
  });

  const genEvents = (traceId: string, X: string) => ({
    update: event("generation-update", { id: X, traceId, endTime: E(20), output: "final", usage: { output: 77 } }, E(2)),
    create: event(
      "generation-create",
      { id: X, traceId, name: "llm", model: "m-unpriced", startTime: E(0), endTime: E(10), output: "draft", usage: { input: 5, output: 1 }, metadata: { a: 1 } },
      E(1),
    ),
    trace: event("trace-create", { id: traceId, name: "t" }, E(1)),
  });
  const merged = { name: "llm", model: "m-unpriced", startTime: E(0), endTime: E(20), output: "final", metadata: { a: 1 }, usage: { input: 5, output: 77, total: 82 } };

  it("merges per field by event time across requests and within one, and a repeat changes nothing", async () => {
    const traceId = uid("trace");
    const X = uid("gen");
    const { update, create, trace } = genEvents(traceId, X);
    await post(t, [update]);
    await post(t, [create, trace]);
    expect(await getJson(t, `/api/public/observations/${X}`)).toMatchObject(merged);
    expect(await traceRow(traceId)).toMatchObject({ observationCount: 1, inputTokens: 5, outputTokens: 77, totalTokens: 82, latencyMs: 20_000 });

    // the same events in one batch, in either order, give the same observation
    for (const updateFirst of [true, false]) {
      const other = uid("trace");
      const Y = uid("gen");
      const e = genEvents(other, Y);
      await post(t, updateFirst ? [e.update, e.create, e.trace] : [e.trace, e.create, e.update]);
      expect(await getJson(t, `/api/public/observations/${Y}`)).toMatchObject(merged);
    }

    // resending the events, alone or together, changes nothing
    const before = { o: withoutUpdatedAt(await observationRow(X)), t: withoutUpdatedAt(await traceRow(traceId)) };
    await post(t, [create]);
    await post(t, [update]);
    await post(t, [create, update, trace]);
    expect(withoutUpdatedAt(await observationRow(X))).toEqual(before.o);
    expect(withoutUpdatedAt(await traceRow(traceId))).toEqual(before.t);
  });

  it("lets an update beat a create of the same timestamp, whichever arrives first", async () => {
    for (const updateFirst of [true, false]) {
      const traceId = uid("trace");
      const X = uid("span");
      const create = event("span-create", { id: X, traceId, name: "from-create", statusMessage: "create" }, E(5));
      const update = event("span-update", { id: X, traceId, name: "from-update" }, E(5));
      for (const e of updateFirst ? [update, create] : [create, update]) await post(t, [e]);
      expect(await getJson(t, `/api/public/observations/${X}`)).toMatchObject({ name: "from-update", statusMessage: "create" });
    }
  });

  it("orders trace fields and scores by event time too", async () => {
    const traceId = uid("trace");
    await post(t, [event("trace-create", { id: traceId, name: "newer", metadata: { k: "newer" } }, E(2))]);
    await post(t, [event("trace-create", { id: traceId, name: "older", userId: "u-1", metadata: { k: "older", extra: 1 } }, E(1))]);
    expect(await getJson(t, `/api/public/traces/${traceId}`)).toMatchObject({ name: "newer", userId: "u-1", metadata: { k: "newer", extra: 1 } });

    const scoreId = uid("score");
    await post(t, [event("score-create", { id: scoreId, traceId, name: "q", value: 0.9 }, E(2))]);
    await post(t, [event("score-create", { id: scoreId, traceId, name: "q", value: 0.1, comment: "older" }, E(1))]);
    expect(await db.score.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id: scoreId } } })).toMatchObject({ value: 0.9, comment: "older" });
  });

  it("holds an update without a traceId until its create names the trace (the issue's requests)", async () => {
    const o1 = uid("o1");
    const T = uid("T");
    await post(t, [event("span-update", { id: o1, output: "done", endTime: E(9) }, E(3))]);
    // not a trace, not an observation yet
    await getJson(t, `/api/public/traces/${o1}`, 404);
    await getJson(t, `/api/public/observations/${o1}`, 404);
    // Lists are read in this test's time window: other suites fill the project with newer traces.
    const window = `fromTimestamp=${encodeURIComponent(E(-60))}&toTimestamp=${encodeURIComponent(E(60))}&limit=100`;
    const list = await getJson(t, `/api/public/traces?${window}`);
    expect(list.data.map((x: { id: string }) => x.id)).not.toContain(o1);

    await post(t, [event("span-create", { id: o1, traceId: T, name: "s", startTime: E(0) }, E(1))]);
    await getJson(t, `/api/public/traces/${o1}`, 404);
    const trace = await getJson(t, `/api/public/traces/${T}`);
    expect(trace.observations).toEqual([expect.objectContaining({ id: o1, traceId: T, name: "s", output: "done", endTime: E(9) })]);
    expect(await traceRow(T)).toMatchObject({ observationCount: 1, latencyMs: 9_000 });
    expect(await db.pendingObservation.count({ where: { projectId: t.projectId, id: o1 } })).toBe(0);
    const after = await getJson(t, `/api/public/traces?${window}`);
    expect(after.data.map((x: { id: string }) => x.id)).toContain(T);
    expect(after.data.map((x: { id: string }) => x.id)).not.toContain(o1);

    // repeating the update now changes nothing: it joins the stored observation's trace
    const before = withoutUpdatedAt(await observationRow(o1));
    await post(t, [event("span-update", { id: o1, output: "done", endTime: E(9) }, E(3))]);
    expect(withoutUpdatedAt(await observationRow(o1))).toEqual(before);
    await getJson(t, `/api/public/traces/${o1}`, 404);
  });

  it("joins the create's trace when the trace-less update comes in the same batch, in either order", async () => {
    for (const updateFirst of [true, false]) {
      const o1 = uid("o1");
      const T = uid("T");
      const update = event("span-update", { id: o1, output: "done" }, E(3));
      const create = event("span-create", { id: o1, traceId: T, name: "s", startTime: E(0) }, E(1));
      await post(t, updateFirst ? [update, create] : [create, update]);
      await getJson(t, `/api/public/traces/${o1}`, 404);
      expect((await getJson(t, `/api/public/traces/${T}`)).observations).toEqual([expect.objectContaining({ id: o1, name: "s", output: "done" })]);
    }
  });

  it("keeps rollups exact when trace-less updates of one trace's observations arrive concurrently", async () => {
    const T = uid("T");
    const ids = Array.from({ length: 16 }, (_, i) => `${T}-s${i}`);
    await post(t, [event("trace-create", { id: T, name: "busy" }, E(0)), ...ids.map((id) => event("span-create", { id, traceId: T, startTime: E(0) }, E(0)))]);
    // each request updates one span of T without naming T: the writer must serialise them on T
    await Promise.all(ids.map((id, i) => post(t, [event("span-update", { id, level: "ERROR", endTime: E(i + 1) }, E(1))])));
    expect(await traceRow(T)).toMatchObject({ observationCount: 16, errorCount: 16, latencyMs: 16_000 });
  });

  it("answers 409 when a native trace reuses another trace's observation id, and stores nothing", async () => {
    const T1 = uid("T1");
    const T2 = uid("T2");
    const O = uid("obs");
    const first = await api(t, "/api/public/traces", { method: "POST", body: JSON.stringify({ id: T1, name: "first", observations: [{ id: O, type: "span", name: "first", startTime: E(0) }] }) });
    expect(first.status, await first.clone().text()).toBe(201);
    const res = await api(t, "/api/public/traces", {
      method: "POST",
      body: JSON.stringify({ id: T2, name: "second", observations: [{ id: uid("ok"), type: "span", name: "fresh", children: [{ id: O, type: "span", name: "renamed" }] }] }),
    });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "conflict", details: [expect.objectContaining({ path: "observations[0].children[0].id" })] });
    expect(body.error.details[0].issue).toContain(T1);
    await getJson(t, `/api/public/traces/${T2}`, 404);
    expect(await getJson(t, `/api/public/observations/${O}`)).toMatchObject({ traceId: T1, name: "first" });
    // posting the same trace again still updates it
    const again = await api(t, "/api/public/traces", { method: "POST", body: JSON.stringify({ id: T1, name: "first", observations: [{ id: O, type: "span", name: "again" }] }) });
    expect(again.status, await again.clone().text()).toBe(201);
    expect(await getJson(t, `/api/public/observations/${O}`)).toMatchObject({ traceId: T1, name: "again" });
  });

  it("orders OTLP spans by receipt: a later export of a span wins, a repeat changes nothing", async () => {
    const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
    const spanId = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
    const ns = (s: number) => `${BigInt(Date.parse(E(s))) * 1_000_000n}`;
    const exportSpan = (name: string) =>
      api(t, "/api/public/otel/v1/traces", {
        method: "POST",
        body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "s" }, spans: [{ traceId, spanId, name, startTimeUnixNano: ns(0), endTimeUnixNano: ns(1) }] }] }] }),
      });
    expect((await exportSpan("first")).status).toBe(200);
    expect((await exportSpan("second")).status).toBe(200);
    expect(await getJson(t, `/api/public/observations/${spanId}`)).toMatchObject({ name: "second" });
    const { fieldTimes: _, updatedAt: __, ...before } = await observationRow(spanId);
    expect((await exportSpan("second")).status).toBe(200);
    const { fieldTimes: _f, updatedAt: _u, ...after } = await observationRow(spanId);
    expect(after).toEqual(before);
  });
});
