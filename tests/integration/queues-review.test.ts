// Annotation queues: adding (idempotent), holds, completing, skipping and progress, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { addItems, createQueue, listQueues, queueProgress } from "@/lib/queues/items";
import { claimNext, completeItem, openItem, previousItem, skipItem } from "@/lib/queues/review";
import { HOLD_MS } from "@/lib/queues/schemas";
import { createConfig } from "@/lib/scores/configs";
import { createConfigSchema } from "@/lib/scores/schemas";
import { dbFor, targets, uid } from "../support/targets";

describe.each(targets())("annotation queues on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let alice: string;
  let bob: string;
  let correctId: string;
  let qualityId: string;

  const newQueue = async (items: string[]) => {
    const q = await createQueue(db, projectId, { name: uid("queue"), description: "review", scoreConfigIds: [correctId, qualityId] });
    if (!q.ok) throw q.error;
    if (items.length) await addItems(db, projectId, q.data.id, "TRACE", items);
    return q.data.id;
  };

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    bob = (await createUser({ email: `${uid("bob")}@itest.dev`, password: "password-123", name: "Bob" }, db)).id;
    projectId = (await createProjectWithOwner(uid("queues"), alice, db)).id;
    await ingestEvents(projectId, ["t1", "t2", "t3", "t4"].map((id, i) => ({ kind: "trace" as const, id, sessionId: "s1", timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)) })), db);
    const c1 = await createConfig(db, createConfigSchema.parse({ projectId, name: "correct", dataType: "BOOLEAN" }));
    const c2 = await createConfig(db, createConfigSchema.parse({ projectId, name: "quality", dataType: "NUMERIC", minValue: "1", maxValue: "5" }));
    if (!c1.ok || !c2.ok) throw new Error("configs");
    correctId = c1.data.id;
    qualityId = c2.data.id;
  });

  it("creates a queue only with live configs and a unique name", async () => {
    const unknownConfig = await createQueue(db, projectId, { name: "x", scoreConfigIds: ["nope"] });
    expect(!unknownConfig.ok && [unknownConfig.error.code, unknownConfig.error.path]).toEqual(["invalid", ["scoreConfigIds"]]);
    const name = uid("q");
    expect((await createQueue(db, projectId, { name, scoreConfigIds: [correctId] })).ok).toBe(true);
    const taken = await createQueue(db, projectId, { name, scoreConfigIds: [correctId] });
    expect(!taken.ok && [taken.error.code, taken.error.path]).toEqual(["conflict", ["name"]]);
  });

  it("adds items idempotently, ignoring unknown objects", async () => {
    const q = await newQueue([]);
    expect(await addItems(db, projectId, q, "TRACE", ["t1", "t2", "t2", "ghost"])).toEqual({ ok: true, data: { added: 2 } });
    expect(await addItems(db, projectId, q, "TRACE", ["t1", "t2", "t3"])).toEqual({ ok: true, data: { added: 1 } });
    expect(await addItems(db, projectId, q, "SESSION", ["s1"])).toEqual({ ok: true, data: { added: 1 } });
    expect(await addItems(db, "other-project", q, "TRACE", ["t1"])).toMatchObject({ ok: false });
    const summary = (await listQueues(db, projectId)).find((x) => x.id === q)!;
    expect(summary).toMatchObject({ total: 4, completed: 0, scoreConfigIds: [correctId, qualityId] });
    // reviewed in the order they were added
    const items = await db.queueItem.findMany({ where: { queueId: q }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(items.map((i) => i.objectId)).toEqual(["t1", "t2", "t3", "s1"]);
  });

  it("holds items so two reviewers get different ones; an expired hold is released", async () => {
    const q = await newQueue(["t1", "t2"]);
    const now = new Date();
    const a = await claimNext(db, projectId, q, alice, { now });
    const b = await claimNext(db, projectId, q, bob, { now });
    expect(a!.objectId).toBe("t1");
    expect(b!.objectId).toBe("t2");
    // asking again returns what you hold
    expect((await claimNext(db, projectId, q, alice, { now }))!.id).toBe(a!.id);
    // nothing left for a third reviewer while both holds are live
    const carol = (await createUser({ email: `${uid("carol")}@itest.dev`, password: "password-123" }, db)).id;
    expect(await claimNext(db, projectId, q, carol, { now })).toBeNull();
    expect(await openItem(db, projectId, a!.id, carol, now)).toMatchObject({ heldBy: alice });
    expect((await queueProgress(db, projectId, q, now)).held).toBe(2);
    // after the hold timeout alice's item is free again
    const later = new Date(now.getTime() + HOLD_MS + 1000);
    expect((await claimNext(db, projectId, q, carol, { now: later }))!.id).toBe(a!.id);
    await expect(completeItem(db, projectId, a!.id, alice, [], new Date(later.getTime() + 1))).rejects.toThrow(/Another reviewer/);
  });

  it("two reviewers claiming at once never get the same item", async () => {
    const q = await newQueue(["t1", "t2", "t3", "t4"]);
    const [a, b] = await Promise.all([claimNext(db, projectId, q, alice), claimNext(db, projectId, q, bob)]);
    expect(a && b && a.id !== b.id).toBe(true);
  });

  it("completes with scores (source ANNOTATION, queue set), skips, goes back, and tracks progress", async () => {
    const q = await newQueue(["t1", "t2", "t3"]);
    const first = await claimNext(db, projectId, q, alice);
    expect(first!.objectId).toBe("t1");
    await expect(completeItem(db, projectId, first!.id, alice, [{ configId: qualityId, value: 7 }])).rejects.toThrow(/at most 5/);
    const { next } = await completeItem(db, projectId, first!.id, alice, [{ configId: correctId, value: 1 }, { configId: qualityId, value: 4, comment: "ok" }]);
    expect(next!.objectId).toBe("t2");
    const scores = await db.score.findMany({ where: { projectId, traceId: "t1", queueId: q } });
    expect(scores.map((s) => [s.name, s.value, s.source, s.authorUserId]).sort()).toEqual([
      ["correct", 1, "ANNOTATION", alice],
      ["quality", 4, "ANNOTATION", alice],
    ]);
    const done = await db.queueItem.findUnique({ where: { id: first!.id } });
    expect(done).toMatchObject({ status: "COMPLETED", completedByUserId: alice, lockedByUserId: null });

    // skip t2 → t3; skipping t3 wraps round to t2 (still pending)
    const skipped = await skipItem(db, projectId, next!.id, alice);
    expect(skipped!.objectId).toBe("t3");
    expect((await db.queueItem.findUnique({ where: { id: next!.id } }))!.lockedByUserId).toBeNull();
    expect((await skipItem(db, projectId, skipped!.id, alice))!.objectId).toBe("t2");

    // back from t2 reaches the completed t1 (to revise it); re-completing updates, not duplicates
    const back = await previousItem(db, projectId, next!.id, alice);
    expect(back!.id).toBe(first!.id);
    await completeItem(db, projectId, first!.id, alice, [{ configId: qualityId, value: 5 }]);
    expect(await db.score.count({ where: { projectId, traceId: "t1", queueId: q } })).toBe(2);

    // a config outside the queue is refused
    const other = await createConfig(db, createConfigSchema.parse({ projectId, name: uid("other"), dataType: "BOOLEAN" }));
    if (!other.ok) throw other.error;
    // alice still holds t2, so bob is handed t3
    const t3 = await claimNext(db, projectId, q, bob);
    expect(t3!.objectId).toBe("t3");
    await expect(completeItem(db, projectId, t3!.id, bob, [{ configId: other.data.id, value: 1 }])).rejects.toThrow(/not part of this queue/);
    await completeItem(db, projectId, t3!.id, bob, [{ configId: correctId, value: 0 }]);

    const p = await queueProgress(db, projectId, q);
    expect(p).toMatchObject({ total: 3, completed: 2, pending: 1 });
    expect(p.byReviewer).toEqual([
      { userId: alice, name: "Alice", completed: 1 },
      { userId: bob, name: "Bob", completed: 1 },
    ]);
    const last = await claimNext(db, projectId, q, alice);
    expect(last!.objectId).toBe("t2");
    expect((await completeItem(db, projectId, last!.id, alice, [])).next).toBeNull(); // queue done
    expect((await listQueues(db, projectId)).find((x) => x.id === q)).toMatchObject({ total: 3, completed: 3 });
  });
});
