// The plain HTTP trace API and the Langfuse-compatible read API, with project isolation.
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { createUser } from "@/lib/auth/users";
import { createProjectWithOwner } from "@/lib/projects/create";
import { api, dbFor, targets, uid, type TestTarget } from "../support/targets";

async function postTrace(t: TestTarget, body: unknown, keys?: { publicKey: string; secretKey: string }) {
  return api(t, "/api/public/traces", { method: "POST", body: JSON.stringify(body) }, keys);
}

describe.each(targets())("plain HTTP and read API on $name", (t) => {
  const db = dbFor(t);

  it("stores a nested trace posted as one document and reads it back", async () => {
    const res = await postTrace(t, {
      name: "native-trace",
      userId: "native-user",
      sessionId: uid("native-session"),
      tags: ["native"],
      input: "What is 2+2?",
      observations: [
        {
          type: "span",
          name: "pipeline",
          startTime: "2026-03-01T10:00:00Z",
          endTime: "2026-03-01T10:00:03Z",
          children: [
            { type: "generation", name: "llm", model: "claude-3-5-sonnet-20241022", startTime: "2026-03-01T10:00:01Z", endTime: "2026-03-01T10:00:02Z", usage: { input: 1000, output: 1000 }, output: "4" },
            { type: "tool", name: "calculator", startTime: "2026-03-01T10:00:00.5Z", level: "ERROR", statusMessage: "division by zero" },
          ],
        },
      ],
    });
    expect(res.status).toBe(201);
    const { id, observations } = await res.json();
    const trace = await (await api(t, `/api/public/traces/${id}`)).json();
    expect(trace).toMatchObject({ name: "native-trace", userId: "native-user", tags: ["native"], input: "What is 2+2?", latency: 3 });
    const llm = trace.observations.find((o: { name: string }) => o.name === "llm");
    expect(llm.parentObservationId).toBe(observations[0].id);
    // claude-3-5-sonnet: $3 / 1M input, $15 / 1M output
    expect(llm.calculatedTotalCost).toBeCloseTo(0.018, 9);
    expect(trace.totalCost).toBeCloseTo(0.018, 9);

    const obs = await (await api(t, `/api/public/observations?traceId=${id}&type=TOOL`)).json();
    expect(obs.data).toHaveLength(1);
    expect(obs.data[0]).toMatchObject({ name: "calculator", level: "ERROR", statusMessage: "division by zero" });
    const one = await (await api(t, `/api/public/observations/${llm.id}`)).json();
    expect(one.model).toBe("claude-3-5-sonnet-20241022");
  });

  it("rejects a bad document naming the field, and stores nothing", async () => {
    const name = uid("bad-native");
    const res = await postTrace(t, { name, observations: [{ type: "span", name: "x", children: [{ type: "span", name: "child", startTime: "not a date" }] }] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.details[0].path).toBe("observations[0].children[0].startTime");
    expect(await db.trace.count({ where: { projectId: t.projectId, name } })).toBe(0);
  });

  it("lists traces with filters, ordering and paging", async () => {
    const userId = uid("lister");
    for (let i = 0; i < 5; i++) {
      await postTrace(t, {
        name: i % 2 ? "odd" : "even",
        userId,
        tags: i === 4 ? ["special"] : [],
        release: "r1",
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        observations: [{ type: "span", name: "s", startTime: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), endTime: new Date(Date.UTC(2026, 0, 1, 0, i, i + 1)).toISOString() }],
      });
    }
    const page = await (await api(t, `/api/public/traces?userId=${userId}&limit=2&page=2&orderBy=timestamp.asc`)).json();
    expect(page.meta).toEqual({ page: 2, limit: 2, totalItems: 5, totalPages: 3 });
    expect(page.data.map((d: { timestamp: string }) => d.timestamp)).toEqual(["2026-01-01T00:02:00.000Z", "2026-01-01T00:03:00.000Z"]);
    const slow = await (await api(t, `/api/public/traces?userId=${userId}&orderBy=latency.desc&limit=1`)).json();
    expect(slow.data[0].latency).toBe(5);
    const odd = await (await api(t, `/api/public/traces?userId=${userId}&name=odd`)).json();
    expect(odd.meta.totalItems).toBe(2);
    const tagged = await (await api(t, `/api/public/traces?userId=${userId}&tags=special`)).json();
    expect(tagged.data).toHaveLength(1);
    const ranged = await (await api(t, `/api/public/traces?userId=${userId}&fromTimestamp=2026-01-01T00:01:00Z&toTimestamp=2026-01-01T00:03:00Z`)).json();
    expect(ranged.meta.totalItems).toBe(3);
    const bad = await api(t, `/api/public/traces?limit=0&orderBy=sideways`);
    expect(bad.status).toBe(400);
    const err = (await bad.json()).error;
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual(["limit", "orderBy"]);
  });

  it("creates, lists and deletes scores, checking them against their config", async () => {
    const { id: traceId } = await (await postTrace(t, { name: "scored" })).json();
    const created = await api(t, "/api/public/scores", { method: "POST", body: JSON.stringify({ traceId, name: "accuracy", value: 0.25, comment: "meh" }) });
    expect(created.status).toBe(200);
    const { id } = await created.json();
    const listed = await (await api(t, `/api/public/scores?traceId=${traceId}`)).json();
    expect(listed.data).toEqual([expect.objectContaining({ id, name: "accuracy", value: 0.25, dataType: "NUMERIC", source: "API", comment: "meh" })]);

    const config = await db.scoreConfig.create({ data: { projectId: t.projectId, name: uid("rating"), dataType: "NUMERIC", minValue: 0, maxValue: 1 } });
    const outOfRange = await api(t, "/api/public/scores", { method: "POST", body: JSON.stringify({ traceId, name: config.name, value: 3, configId: config.id }) });
    expect(outOfRange.status).toBe(422);
    expect((await outOfRange.json()).error.details).toEqual([{ path: "value", issue: "must be at most 1" }]);
    const missing = await api(t, "/api/public/scores", { method: "POST", body: JSON.stringify({ name: "x", value: 1 }) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.details[0].path).toBe("traceId");

    expect((await api(t, `/api/public/scores/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await api(t, `/api/public/scores/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("deletes a trace with its observations and scores", async () => {
    const { id } = await (await postTrace(t, { name: "to-delete", observations: [{ type: "span", name: "s" }] })).json();
    await api(t, "/api/public/scores", { method: "POST", body: JSON.stringify({ traceId: id, name: "x", value: 1 }) });
    expect((await api(t, `/api/public/traces/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await api(t, `/api/public/traces/${id}`)).status).toBe(404);
    expect(await db.observation.count({ where: { projectId: t.projectId, traceId: id } })).toBe(0);
    expect(await db.score.count({ where: { projectId: t.projectId, traceId: id } })).toBe(0);
  });

  it("keeps projects apart: the same id is two records, and no key reaches another project's data", async () => {
    const owner = await createUser({ email: `${uid("iso")}@example.com`, password: "password-123" }, db);
    const other = await createProjectWithOwner(uid("isolated"), owner.id, db);
    const otherKey = await createApiKey(other.id, {}, db);
    const id = uid("shared-id");
    await postTrace(t, { id, name: "mine", observations: [{ id: `${id}-obs`, type: "span", name: "a" }] });
    await postTrace(t, { id, name: "theirs", observations: [{ id: `${id}-obs`, type: "span", name: "b" }] }, otherKey);
    expect((await (await api(t, `/api/public/traces/${id}`)).json()).name).toBe("mine");
    expect((await (await api(t, `/api/public/traces/${id}`, {}, otherKey)).json()).name).toBe("theirs");
    expect((await (await api(t, `/api/public/observations/${id}-obs`)).json()).name).toBe("a");
    const theirList = await (await api(t, `/api/public/traces?limit=100`, {}, otherKey)).json();
    expect(theirList.data.map((x: { name: string }) => x.name)).toEqual(["theirs"]);
    // deleting through the other key removes only their record
    await api(t, `/api/public/traces/${id}`, { method: "DELETE" }, otherKey);
    expect((await api(t, `/api/public/traces/${id}`)).status).toBe(200);
  });

  it("lists sessions and returns a session with its traces", async () => {
    const sessionId = uid("sess");
    await postTrace(t, { name: "turn-1", sessionId, timestamp: "2026-02-01T00:00:00Z" });
    await postTrace(t, { name: "turn-2", sessionId, timestamp: "2026-02-01T00:01:00Z" });
    const s = await (await api(t, `/api/public/sessions/${sessionId}`)).json();
    expect(s.traces.map((x: { name: string }) => x.name)).toEqual(["turn-1", "turn-2"]);
    const list = await (await api(t, `/api/public/sessions?limit=100`)).json();
    expect(list.data.map((x: { id: string }) => x.id)).toContain(sessionId);
    expect((await api(t, `/api/public/sessions/nope-${sessionId}`)).status).toBe(404);
  });
});
