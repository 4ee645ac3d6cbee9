// Langfuse's CORRECTION score on both databases: accepted by the ingestion
// batch and POST /api/public/scores, read back in Langfuse's shapes (v2 serves
// it, v1 and a trace's scores leave it out), refused on a session or a dataset
// run, kept out of every aggregation, and edited in place by a reviewer.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { DomainError } from "@/lib/errors";
import { filterSchema } from "@/lib/query/filter";
import { scoreWhere } from "@/lib/query/score-where";
import { createProjectWithOwner } from "@/lib/projects/create";
import { clearCorrection, correctionOf, saveCorrection } from "@/lib/scores/corrections";
import { sessionScores } from "@/lib/sessions/list";
import { listTraces, pageScores } from "@/lib/traces/list";
import { scoreNames } from "@/lib/traces/options";
import { ingestEvents } from "@/lib/ingest/service";
import { api, dbFor, targets, uid } from "../support/targets";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => new Date().toISOString();

describe.each(targets())("CORRECTION scores on $name", (t) => {
  const db = dbFor(t);
  const traceId = uid("corr-trace");
  const obsId = uid("corr-obs");
  const sessionId = uid("corr-session");

  const batch = (items: { id?: string; body: Record<string, unknown> }[]) =>
    api(t, "/api/public/ingestion", {
      method: "POST",
      body: JSON.stringify({ batch: items.map((i) => ({ id: i.id ?? uid("ev"), type: "score-create", timestamp: now(), body: i.body })) }),
    });
  const postScore = (body: Record<string, unknown>) => api(t, "/api/public/scores", { method: "POST", body: JSON.stringify(body) });

  beforeAll(async () => {
    const res = await api(t, "/api/public/ingestion", {
      method: "POST",
      body: JSON.stringify({
        batch: [
          { id: uid("ev"), type: "trace-create", timestamp: now(), body: { id: traceId, name: "corr", sessionId, output: "The answer is 5" } },
          { id: uid("ev"), type: "generation-create", timestamp: now(), body: { id: obsId, traceId, name: "llm", startTime: now(), output: { content: "5" } } },
        ],
      }),
    });
    expect(res.status).toBe(207);
  });

  it("takes a correction from the ingestion batch and serves it as Langfuse does", async () => {
    const traceCorr = uid("c-trace");
    const obsCorr = uid("c-obs");
    // Source ANNOTATION without a config is fine for a correction; the name is forced to "output".
    const res = await batch([
      { body: { id: traceCorr, traceId, name: "anything", value: "The answer is 4", dataType: "CORRECTION", source: "ANNOTATION" } },
      { body: { id: obsCorr, traceId, observationId: obsId, name: "output", value: "4\nbecause 2+2", dataType: "CORRECTION" } },
    ]);
    expect(res.status).toBe(207);
    const reply = await res.json();
    expect(reply.errors).toEqual([]);
    expect(reply.successes).toHaveLength(2);

    const stored = await db.score.findUnique({ where: { projectId_id: { projectId: t.projectId, id: traceCorr } } });
    expect(stored).toMatchObject({ name: "output", dataType: "CORRECTION", stringValue: "The answer is 4", value: null, source: "ANNOTATION", observationId: null });

    // v2: every type, the text in stringValue, value 0 (Langfuse's APIScoreSchemaV2).
    const v2 = await (await api(t, `/api/public/v2/scores/${obsCorr}`)).json();
    expect(v2).toMatchObject({ id: obsCorr, dataType: "CORRECTION", name: "output", stringValue: "4\nbecause 2+2", value: 0, traceId, observationId: obsId });
    const list = await (await api(t, `/api/public/v2/scores?traceId=${traceId}&dataType=CORRECTION`)).json();
    expect(list.data.map((s: { id: string }) => s.id).sort()).toEqual([traceCorr, obsCorr].sort());
    // v1 lists the listable types only (Langfuse's LISTABLE_SCORE_TYPES), and so does a trace's `scores`.
    expect((await api(t, `/api/public/scores/${obsCorr}`)).status).toBe(404);
    const v1 = await (await api(t, `/api/public/scores?traceId=${traceId}`)).json();
    expect(v1.data.map((s: { dataType: string }) => s.dataType)).not.toContain("CORRECTION");
    const trace = await (await api(t, `/api/public/traces/${traceId}`)).json();
    expect(trace.scores.map((s: { id: string }) => s.id)).not.toContain(traceCorr);
  });

  it("takes a correction from POST /api/public/scores and reads it back", async () => {
    const res = await postScore({ traceId, name: "output", value: "corrected via REST", dataType: "CORRECTION" });
    expect(res.status, await res.clone().text()).toBe(200);
    const { id } = await res.json();
    const back = await (await api(t, `/api/public/v2/scores/${id}`)).json();
    expect(back).toMatchObject({ dataType: "CORRECTION", name: "output", stringValue: "corrected via REST", value: 0, source: "API" });
    // An output corrected to nothing: Langfuse takes the empty text, and so does Loupe.
    const empty = await postScore({ traceId, name: "output", value: "", dataType: "CORRECTION" });
    expect(empty.status, await empty.clone().text()).toBe(200);
    const emptyBack = await (await api(t, `/api/public/v2/scores/${(await empty.json()).id}`)).json();
    expect(emptyBack).toMatchObject({ dataType: "CORRECTION", stringValue: "" });
  });

  it("refuses a correction on a session or a dataset run, a number or a config, naming the field", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ sessionId, value: "x" }, "sessionId", /cannot be associated with sessions/],
      [{ datasetRunId: "run-1", value: "x" }, "datasetRunId", /cannot be associated with dataset runs/],
      [{ traceId, value: 4 }, "value", /must be a string/],
      [{ traceId, value: "x", configId: "cfg-1" }, "configId", /must be absent/],
    ];
    for (const [fields, path, message] of cases) {
      const res = await postScore({ name: "output", dataType: "CORRECTION", ...fields });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(JSON.stringify(body.error)).toMatch(message);
    }
    // The batch refuses the slot alone, with the field in its message; the good score beside it is stored.
    const good = uid("good");
    const res = await batch([
      { body: { sessionId, name: "output", value: "x", dataType: "CORRECTION" } },
      { body: { id: good, traceId, name: "quality", value: 1 } },
    ]);
    const reply = await res.json();
    expect(reply.errors).toHaveLength(1);
    expect(reply.errors[0]).toMatchObject({ status: 400 });
    expect(reply.errors[0].message).toMatch(/sessionId.*cannot be associated with sessions/);
    expect(await db.score.count({ where: { projectId: t.projectId, sessionId, dataType: "CORRECTION" } })).toBe(0);
    expect(await db.score.count({ where: { projectId: t.projectId, id: good } })).toBe(1);
  });

  it("keeps corrections out of score columns, sorting, filters, session rollups and score names", async () => {
    const projectId = uid("corr-agg");
    const at = new Date("2026-02-01T00:00:00Z");
    await ingestEvents(projectId, [
      { kind: "trace", id: "a1", timestamp: at, sessionId: "s1", output: "x" },
      { kind: "trace", id: "a2", timestamp: at, sessionId: "s2", output: "y" },
      { kind: "score", id: "n1", traceId: "a1", name: "output", value: 0.8, dataType: "NUMERIC", timestamp: at },
      { kind: "score", id: "c1", traceId: "a1", name: "output", value: "fixed x", dataType: "CORRECTION", timestamp: new Date(at.getTime() + 1000) },
      { kind: "score", id: "c2", traceId: "a2", name: "output", value: "fixed y", dataType: "CORRECTION", timestamp: at },
    ], db);
    const scores = await pageScores(db, projectId, ["a1", "a2"]);
    expect(scores.trace.get("a1")).toEqual({ output: 0.8 });
    expect(scores.trace.get("a2")).toBeUndefined();
    // The trace's "output" score column, as a filter and a sort, sees the numeric score only.
    const filter = filterSchema.parse([{ type: "categoricalScore", column: "score", key: "output", operator: "=", value: "fixed y" }]);
    expect(await listTraces(db, projectId, { filter, page: 1, limit: 10 })).toEqual([]);
    const sorted = await listTraces(db, projectId, { filter: [], sort: { column: "score:output", dir: "desc" }, page: 1, limit: 10 });
    expect(sorted.map((r) => r.id)).toEqual(["a1", "a2"]);
    const sessions = await sessionScores(db, projectId, ["s1", "s2"]);
    expect(sessions.get("s1")).toEqual({ output: 0.8 });
    expect(sessions.get("s2")).toBeUndefined();
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT "s"."id" FROM "Score" AS "s" WHERE ${scoreWhere(db, projectId, filterSchema.parse([]))} ORDER BY "s"."id"`;
    expect(rows.map((r) => r.id)).toEqual(["n1"]);
    expect(await scoreNames(db, projectId)).toEqual(["output"]);
    await db.score.delete({ where: { projectId_id: { projectId, id: "n1" } } });
    // Only corrections named "output": no score column of that name.
    expect(await scoreNames(db, projectId)).toEqual([]);
  });

  it("saveCorrection edits the reviewer's correction in place and moves its updatedAt", async () => {
    const owner = (await createUser({ email: `${uid("rev")}@itest.dev`, password: "password-123", name: "Rita" }, db)).id;
    const other = (await createUser({ email: `${uid("rev2")}@itest.dev`, password: "password-123", name: "Omar" }, db)).id;
    const projectId = (await createProjectWithOwner(uid("corr-edit"), owner, db)).id;
    await ingestEvents(projectId, [
      { kind: "trace", id: "tr", output: "5" },
      { kind: "observation", id: "ob", traceId: "tr", type: "GENERATION", output: { content: "5" } },
    ], db);
    const ref = { objectType: "TRACE" as const, objectId: "tr" };
    const first = await saveCorrection(db, projectId, owner, ref, "4");
    expect(first).toMatchObject({ traceId: "tr", observationId: null, value: "4", authorUserId: owner, authorName: "Rita" });
    await sleep(15);
    const second = await saveCorrection(db, projectId, owner, ref, "four");
    expect(second.id).toBe(first.id);
    expect(second.value).toBe("four");
    expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    expect(await db.score.count({ where: { projectId, dataType: "CORRECTION", traceId: "tr", observationId: null } })).toBe(1);

    // Another reviewer has their own; the latest is what promotion reads. The observation's is separate.
    await sleep(15);
    const theirs = await saveCorrection(db, projectId, other, ref, "4 (two plus two)");
    expect(theirs.id).not.toBe(first.id);
    expect((await correctionOf(db, projectId, { traceId: "tr" }))?.id).toBe(theirs.id);
    expect((await correctionOf(db, projectId, { traceId: "tr" }, { authorUserId: owner }))?.value).toBe("four");
    const onObs = await saveCorrection(db, projectId, owner, { objectType: "OBSERVATION", objectId: "ob" }, '{"content":"4"}');
    expect(onObs).toMatchObject({ traceId: "tr", observationId: "ob" });
    expect((await correctionOf(db, projectId, { traceId: "tr", observationId: "ob" }))?.value).toBe('{"content":"4"}');

    // Bad input: a session, an empty text, an unknown trace; nothing written.
    await expect(saveCorrection(db, projectId, owner, { objectType: "SESSION", objectId: "s" }, "x")).rejects.toMatchObject({ code: "invalid", path: ["objectType"] });
    await expect(saveCorrection(db, projectId, owner, ref, "  ")).rejects.toMatchObject({ code: "invalid", path: ["value"] });
    await expect(saveCorrection(db, projectId, owner, { objectType: "TRACE", objectId: "nope" }, "x")).rejects.toBeInstanceOf(DomainError);
    expect((await correctionOf(db, projectId, { traceId: "tr" }, { authorUserId: owner }))?.value).toBe("four");

    // Two first saves racing on the same object leave one correction.
    const racing = { objectType: "OBSERVATION" as const, objectId: "ob" };
    await clearCorrection(db, projectId, other, racing);
    await Promise.all([saveCorrection(db, projectId, other, racing, "a"), saveCorrection(db, projectId, other, racing, "b")]);
    expect(await db.score.count({ where: { projectId, dataType: "CORRECTION", observationId: "ob", authorUserId: other } })).toBe(1);

    expect(await clearCorrection(db, projectId, owner, ref)).toBe(true);
    expect(await correctionOf(db, projectId, { traceId: "tr" }, { authorUserId: owner })).toBeNull();
    expect(await clearCorrection(db, projectId, owner, ref)).toBe(false);
    expect((await correctionOf(db, projectId, { traceId: "tr" }))?.id).toBe(theirs.id);
  });
});
