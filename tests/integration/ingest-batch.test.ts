// The batch endpoint's semantics and its answers to bad input, over HTTP.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { api, dbFor, targets, uid } from "../support/targets";

const now = () => new Date().toISOString();
const event = (type: string, body: Record<string, unknown>, id = uid("ev")) => ({ id, timestamp: now(), type, body });
const post = (t: Parameters<typeof api>[0], batch: unknown[], init: RequestInit = {}) =>
  api(t, "/api/public/ingestion", { method: "POST", body: JSON.stringify({ batch }), ...init });

describe.each(targets())("batch ingestion on $name", (t) => {
  const db = dbFor(t);

  it("merges updates sent before their create and an observation sent before its trace", async () => {
    const traceId = uid("trace");
    const genId = uid("gen");
    // first request: the update and the child, no trace yet
    let res = await post(t, [
      event("generation-update", { id: genId, traceId, endTime: "2026-01-01T00:00:02.000Z", output: "done", usage: { output: 7 } }),
      event("span-create", { id: uid("span"), traceId, parentObservationId: genId, name: "child", startTime: "2026-01-01T00:00:01.000Z" }),
    ]);
    expect(res.status).toBe(207);
    expect((await res.json()).errors).toEqual([]);
    // second request: the create and the trace
    res = await post(t, [
      event("generation-create", { id: genId, traceId, name: "llm", model: "gpt-4o", startTime: "2026-01-01T00:00:00.000Z", usage: { input: 3 } }),
      event("trace-create", { id: traceId, name: "late-trace", timestamp: "2026-01-01T00:00:00.000Z" }),
    ]);
    const second = await res.json();
    expect(second.errors, JSON.stringify(second)).toEqual([]);
    const trace = await (await api(t, `/api/public/traces/${traceId}`)).json();
    expect(trace.name).toBe("late-trace");
    const gen = trace.observations.find((o: { id: string }) => o.id === genId);
    expect(gen).toMatchObject({ name: "llm", model: "gpt-4o", output: "done", endTime: "2026-01-01T00:00:02.000Z", usage: { input: 3, output: 7, total: 10 } });
    expect(trace.latency).toBe(2);
    const row = await db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id: traceId } } });
    expect(row).toMatchObject({ observationCount: 2, inputTokens: 3, outputTokens: 7, totalTokens: 10 });
  });

  it("is idempotent: resending the same events changes nothing", async () => {
    const traceId = uid("trace");
    const batch = [
      event("trace-create", { id: traceId, name: "dup", tags: ["a"] }),
      event("span-create", { id: uid("span"), traceId, name: "s", startTime: now() }),
      event("score-create", { id: uid("score"), traceId, name: "q", value: 1 }),
    ];
    await post(t, batch);
    const first = await db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id: traceId } } });
    const res = await post(t, batch);
    expect((await res.json()).successes).toHaveLength(3);
    const second = await db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id: traceId } } });
    expect({ ...second, updatedAt: null }).toEqual({ ...first, updatedAt: null });
    expect(await db.observation.count({ where: { projectId: t.projectId, traceId } })).toBe(1);
    expect(await db.score.count({ where: { projectId: t.projectId, traceId } })).toBe(1);
  });

  it("reports a bad event in its slot and stores the rest", async () => {
    const traceId = uid("trace");
    const res = await post(t, [
      event("trace-create", { id: traceId, name: "ok" }, "good-1"),
      event("span-create", { id: uid(), traceId, startTime: "yesterday" }, "bad-time"),
      event("generation-create", { id: uid(), traceId, usage: { input: "many" } }, "bad-type"),
      event("no-such-type", { id: uid() }, "bad-kind"),
      { id: "no-body", timestamp: now(), type: "span-create" },
      event("sdk-log", { log: "hello" }, "log-1"),
    ]);
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.successes.map((s: { id: string }) => s.id).sort()).toEqual(["good-1", "log-1"]);
    const errors = Object.fromEntries(body.errors.map((e: { id: string; status: number; message: string }) => [e.id, e]));
    expect(errors["bad-time"]).toMatchObject({ status: 400, message: expect.stringContaining("batch[1].body.startTime") });
    expect(errors["bad-type"].message).toContain("batch[2].body.usage.input");
    expect(errors["bad-kind"].message).toMatch(/batch\[3\]\.type/);
    expect(errors["no-body"].message).toMatch(/batch\[4\]\.body/);
    expect(await db.trace.count({ where: { projectId: t.projectId, id: traceId } })).toBe(1);
    expect(await db.observation.count({ where: { projectId: t.projectId, traceId } })).toBe(0);
  });

  it("refuses malformed requests whole, naming the problem, and stores nothing", async () => {
    const traceId = uid("trace");
    const cases: [RequestInit, number, RegExp][] = [
      [{ body: `{"batch": [{"id": "x", "type": "trace-create", "body": {"id": "${traceId}"}` }, 400, /not valid JSON/],
      [{ body: JSON.stringify({ batch: [event("trace-create", { id: traceId })] }), headers: { "content-type": "text/plain" } }, 415, /application\/json/],
      [{ body: JSON.stringify({ batch: { id: traceId } }) }, 400, /batch/],
      [{ body: JSON.stringify({ events: [] }) }, 400, /batch/],
      [{ body: "", headers: { "content-type": "application/json" } }, 400, /empty/],
    ];
    for (const [init, status, message] of cases) {
      const res = await api(t, "/api/public/ingestion", { method: "POST", ...init });
      expect(res.status, JSON.stringify(init)).toBe(status);
      const body = await res.json();
      expect(body.error.message).toMatch(message);
    }
    expect(await db.trace.count({ where: { projectId: t.projectId, id: traceId } })).toBe(0);
  });

  it("refuses a batch over the length limit and a body over the size limit with 413", async () => {
    const many = Array.from({ length: 1001 }, () => event("trace-create", { id: uid() }));
    const long = await post(t, many);
    expect(long.status).toBe(413);
    expect((await long.json()).error.message).toMatch(/1000/);
    const huge = "x".repeat(11 * 1024 * 1024);
    const big = await post(t, [event("trace-create", { id: uid(), input: huge })]);
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({ code: "payload_too_large" });
  });

  it("stores a payload of several MB whole, and accepts gzip", async () => {
    const traceId = uid("trace");
    const input = { text: "lorem ipsum ".repeat(400_000) }; // ~4.8 MB
    const body = gzipSync(JSON.stringify({ batch: [event("trace-create", { id: traceId, input })] }));
    const res = await api(t, "/api/public/ingestion", { method: "POST", body, headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expect(res.status).toBe(207);
    const trace = await (await api(t, `/api/public/traces/${traceId}`)).json();
    expect(trace.input.text.length).toBe(input.text.length);
  });

  it("refuses wrong and missing keys with 401", async () => {
    const batch = [event("trace-create", { id: uid() })];
    expect((await post(t, batch, { headers: { authorization: "Basic " + Buffer.from("pk-lf-x:sk-lf-y").toString("base64"), "content-type": "application/json" } })).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/public/ingestion`, { method: "POST", body: JSON.stringify({ batch }) })).status).toBe(401);
  });

  it("checks scores against their score config and fails only the misfits", async () => {
    const config = await db.scoreConfig.create({ data: { projectId: t.projectId, name: uid("quality"), dataType: "NUMERIC", minValue: 0, maxValue: 1 } });
    const traceId = uid("trace");
    const res = await post(t, [
      event("trace-create", { id: traceId }, "tr"),
      event("score-create", { id: uid("s"), traceId, name: config.name, value: 0.5, configId: config.id }, "fits"),
      event("score-create", { id: uid("s"), traceId, name: config.name, value: 3, configId: config.id }, "too-high"),
      event("score-create", { id: uid("s"), traceId, name: "x", value: 1, configId: "no-such-config" }, "unknown-config"),
    ]);
    const body = await res.json();
    expect(body.successes.map((s: { id: string }) => s.id).sort()).toEqual(["fits", "tr"]);
    const errors = Object.fromEntries(body.errors.map((e: { id: string }) => [e.id, e]));
    expect(errors["too-high"]).toMatchObject({ status: 422, message: "batch[2].body.value: must be at most 1" });
    expect(errors["unknown-config"]).toMatchObject({ status: 404, message: expect.stringContaining("batch[3].body.configId") });
    expect(await db.score.count({ where: { projectId: t.projectId, traceId } })).toBe(1);
  });
});
