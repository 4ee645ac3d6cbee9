// The annotated object's resolver, the one observation reader and the loader's
// trace check, on both databases. Two projects hold the same ids, so a lookup
// that forgets the project (or the trace) shows up as a wrong answer.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { ingestEvents } from "@/lib/ingest/service";
import { LIMITS } from "@/lib/ingest/limits";
import { observationDetail, traceObservations } from "@/lib/objects/observations";
import { existingObjectIds, requireObject, resolveObject } from "@/lib/objects/resolve";
import { userNames } from "@/lib/objects/users";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

/** A JSON value nested `depth` levels deep: {"a":{"a":...}}. */
function nested(depth: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function depthOf(v: unknown): number {
  if (typeof v !== "object" || v === null) return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depthOf));
}

describe.each(targets())("objects on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let otherId: string;
  let alice: string;
  let bob: string;
  const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, s));

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    bob = (await createUser({ email: `${uid("bob")}@itest.dev`, password: "password-123" }, db)).id;
    projectId = (await createProjectWithOwner(uid("objects"), alice, db)).id;
    otherId = (await createProjectWithOwner(uid("objects-other"), alice, db)).id;
    await ingestEvents(projectId, [
      { kind: "trace", id: "tr-a", sessionId: "sess-a", timestamp: at(0) },
      { kind: "trace", id: "tr-b", timestamp: at(0) },
      // out of start order on purpose: the reader sorts by startTime, then id
      { kind: "observation", id: "ob-3", traceId: "tr-a", type: "SPAN", name: "third", startTime: at(3), endTime: at(4) },
      { kind: "observation", id: "ob-1", traceId: "tr-a", type: "GENERATION", name: "first", startTime: at(1), endTime: at(2), input: { q: "hi" }, output: "hello", metadata: { k: "v" }, model: "gpt-4o-mini", usage: { input: 10, output: 5, details: { input: 10, output: 5 } } },
      { kind: "observation", id: "ob-2", traceId: "tr-a", type: "EVENT", startTime: at(2) },
      { kind: "observation", id: "ob-b", traceId: "tr-b", type: "SPAN", startTime: at(1) },
    ], db);
    // The other project reuses the ids for other records.
    await ingestEvents(otherId, [
      { kind: "trace", id: "tr-x", sessionId: "sess-x", timestamp: at(0) },
      { kind: "observation", id: "ob-x", traceId: "tr-x", type: "SPAN", startTime: at(0) },
      { kind: "trace", id: "tr-a", timestamp: at(0) },
    ], db);
  });

  it("resolves each kind to its target (an observation to its trace), and nothing of another project", async () => {
    expect(await resolveObject(db, projectId, { objectType: "TRACE", objectId: "tr-a" })).toEqual({ traceId: "tr-a", observationId: null, sessionId: null });
    expect(await resolveObject(db, projectId, { objectType: "OBSERVATION", objectId: "ob-1" })).toEqual({ traceId: "tr-a", observationId: "ob-1", sessionId: null });
    expect(await resolveObject(db, projectId, { objectType: "SESSION", objectId: "sess-a" })).toEqual({ traceId: null, observationId: null, sessionId: "sess-a" });
    for (const ref of [
      { objectType: "TRACE", objectId: "tr-x" },
      { objectType: "OBSERVATION", objectId: "ob-x" },
      { objectType: "SESSION", objectId: "sess-x" },
      { objectType: "TRACE", objectId: "missing" },
      // an id of one kind is not an object of another
      { objectType: "SESSION", objectId: "tr-a" },
      { objectType: "OBSERVATION", objectId: "tr-a" },
    ] as const) {
      expect(await resolveObject(db, projectId, ref), `${ref.objectType} ${ref.objectId}`).toBeNull();
    }
    await expect(requireObject(db, projectId, { objectType: "OBSERVATION", objectId: "ob-x" })).rejects.toMatchObject({ code: "not_found", message: "Observation ob-x not found" });
    await expect(requireObject(db, projectId, { objectType: "SESSION", objectId: "nope" })).rejects.toMatchObject({ code: "not_found", message: "Session nope not found" });
  });

  it("finds which of many ids exist, per kind and project, across chunks", async () => {
    const unknown = Array.from({ length: 1500 }, (_, i) => `unknown-${i}`);
    // known ids on both sides of the 1,000-id chunk boundary
    const traceIds = ["tr-b", ...unknown, "tr-a", "tr-x"];
    expect([...(await existingObjectIds(db, projectId, "TRACE", traceIds))].sort()).toEqual(["tr-a", "tr-b"]);
    expect([...(await existingObjectIds(db, projectId, "OBSERVATION", ["ob-1", "ob-x", "tr-a"]))]).toEqual(["ob-1"]);
    expect([...(await existingObjectIds(db, projectId, "SESSION", ["sess-a", "sess-x"]))]).toEqual(["sess-a"]);
    expect((await existingObjectIds(db, otherId, "TRACE", ["tr-a", "tr-b"])).has("tr-b")).toBe(false);
  });

  it("reads a trace's observations in start order, without payloads, within the cap", async () => {
    const list = await traceObservations(projectId, "tr-a", db);
    expect(list.map((o) => o.id)).toEqual(["ob-1", "ob-2", "ob-3"]);
    expect(list.every((o) => o.input === undefined && o.output === undefined && o.metadata === undefined)).toBe(true);
    expect(list[0]).toMatchObject({ traceId: "tr-a", type: "GENERATION", name: "first", startTime: at(1).toISOString(), endTime: at(2).toISOString(), latencyMs: 1000, model: "gpt-4o-mini", inputTokens: 10, outputTokens: 5 });
    expect(list[0].usageDetails).toMatchObject({ input: 10, output: 5 });
    expect((await traceObservations(projectId, "tr-a", db, 2)).map((o) => o.id)).toEqual(["ob-1", "ob-2"]);
    expect(await traceObservations(otherId, "tr-a", db)).toEqual([]);
  });

  it("loads one observation only within the trace it is asked for", async () => {
    const shown = await observationDetail(projectId, "tr-a", "ob-1", db);
    expect(shown).toMatchObject({ id: "ob-1", traceId: "tr-a", input: { q: "hi" }, output: "hello", metadata: { k: "v" } });
    // recorded without payloads: loaded, as null (not undefined)
    expect(await observationDetail(projectId, "tr-a", "ob-2", db)).toMatchObject({ id: "ob-2", input: null, output: null });
    // an observation of another trace, or of another project, is not this trace's
    expect(await observationDetail(projectId, "tr-b", "ob-1", db)).toBeNull();
    expect(await observationDetail(projectId, "tr-a", "ob-b", db)).toBeNull();
    expect(await observationDetail(projectId, "tr-x", "ob-x", db)).toBeNull();
    expect(await observationDetail(projectId, "tr-a", "missing", db)).toBeNull();
    // the observation as the object itself (a queue item): no trace to hold it to
    expect(await observationDetail(projectId, null, "ob-b", db)).toMatchObject({ id: "ob-b", traceId: "tr-b" });
    expect(await observationDetail(projectId, null, "ob-x", db)).toBeNull();
  });

  it("cleans what older rows may hold: odd usage/cost maps, payloads deeper than the limit", async () => {
    const traceId = uid("legacy");
    await ingestEvents(projectId, [{ kind: "observation", id: `${traceId}-o`, traceId, type: "GENERATION", startTime: at(5) }], db);
    const deep = nested(LIMITS.jsonDepth + 20);
    await db.observation.update({
      where: { projectId_id: { projectId, id: `${traceId}-o` } },
      data: {
        usageDetails: { input: 3, note: "many", nested: { x: 1 }, flag: true, gone: null },
        costDetails: [1, 2],
        modelParameters: deep as object,
        input: deep as object,
      },
    });
    const [listed] = await traceObservations(projectId, traceId, db);
    expect(listed.usageDetails).toEqual({ input: 3 });
    expect(listed.costDetails).toBeNull();
    expect(depthOf(listed.modelParameters)).toBeLessThanOrEqual(LIMITS.jsonDepth);
    const detail = await observationDetail(projectId, traceId, `${traceId}-o`, db);
    expect(detail?.usageDetails).toEqual({ input: 3 });
    expect(depthOf(detail?.input)).toBeLessThanOrEqual(LIMITS.jsonDepth);
  });

  it("names users by name, else email; unknown ids are left out", async () => {
    const names = await userNames(db, [alice, bob, null, alice, "no-such-user"]);
    expect(names.get(alice)).toBe("Alice");
    expect(names.get(bob)).toMatch(/^bob-.*@itest\.dev$/);
    expect(names.has("no-such-user")).toBe(false);
    expect(names.size).toBe(2);
    expect((await userNames(db, [null])).size).toBe(0);
  });
});
