// Retention on both databases: a sweep deletes exactly the project's traces
// older than its retention with their observations, scores, comments and queue
// items, keeps the recent ones and other projects' data, leaves the rollups
// equal to a rebuild; resumes from its cursor (cutoff and count); and is queued
// once a day per project, once even when two servers ask at the same moment.
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { createDb, dbReady, type Db } from "@/lib/db/client";
import { databaseTarget } from "@/lib/db/url";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { getJob } from "@/lib/jobs/runner";
import { isFinished } from "@/lib/jobs/schemas";
import { queueRetentionSweep, runRetentionNow } from "@/lib/retention/schedule";
// The RETENTION handler in this process too, so settleJob runs the sweeps here (the server may take one first).
import "@/lib/retention/sweep";
import { getRetention, saveRetention } from "@/lib/retention/settings";
import { settleJob } from "../support/jobs";
import { clearRollups, rollupSnapshot, rollupsOnInBlock } from "../support/rollups";
import { dbFor, targets, uid } from "../support/targets";

const DAY = 86_400_000;
const daysAgo = (d: number, minutes = 0) => new Date(Date.now() - d * DAY + minutes * 60_000);

/** A trace with a generation and a span, a trace score and an observation score. */
function traceEvents(id: string, at: Date): IngestEvent[] {
  return [
    { kind: "trace", id, name: "chat", timestamp: at, userId: "u1", sessionId: `s-${id}` },
    {
      kind: "observation",
      id: `${id}-gen`,
      traceId: id,
      type: "GENERATION",
      name: "llm",
      startTime: at,
      endTime: new Date(at.getTime() + 900),
      model: "gpt-4o",
      usage: { input: 100, output: 20, total: 120 },
      cost: { input: 0.001, output: 0.0005, total: 0.0015 },
    },
    { kind: "observation", id: `${id}-span`, traceId: id, type: "SPAN", name: "retrieve", startTime: at, endTime: new Date(at.getTime() + 300) },
    { kind: "score", id: `${id}-q`, traceId: id, name: "quality", value: 0.8, dataType: "NUMERIC", timestamp: at },
    { kind: "score", id: `${id}-ok`, traceId: id, observationId: `${id}-gen`, name: "ok", value: 1, dataType: "BOOLEAN", timestamp: at },
  ];
}

async function project(db: Db, name: string, retentionDays: number | null): Promise<string> {
  // Queued "now": the servers' own daily schedule leaves these projects to the test.
  const p = await db.project.create({ data: { id: uid(name), name, retentionDays, retentionQueuedAt: new Date() } });
  return p.id;
}

async function contents(db: Db, projectId: string) {
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
  return {
    traces: await ids(db.trace.findMany({ where: { projectId }, select: { id: true } })),
    observations: await ids(db.observation.findMany({ where: { projectId }, select: { id: true } })),
    scores: await ids(db.score.findMany({ where: { projectId }, select: { id: true } })),
    comments: (await db.comment.findMany({ where: { projectId }, select: { objectId: true } })).map((c) => c.objectId).sort(),
    queueItems: (await db.queueItem.findMany({ where: { projectId }, select: { objectId: true } })).map((q) => q.objectId).sort(),
  };
}

describe.each(targets())("retention on $name", (t) => {
  const db = dbFor(t);
  rollupsOnInBlock();

  describe("a sweep", () => {
    let mine: string;
    let other: string;
    let jobId: string;
    // Three traces share one timestamp, so a batch of 2 ends inside a tie.
    const tie = daysAgo(45);
    const old = { o1: tie, o2: tie, o3: tie, o4: daysAgo(40), o5: daysAgo(31) };
    const recent = { r1: daysAgo(29, 0), r2: daysAgo(5), r3: daysAgo(0, -10) };

    beforeAll(async () => {
      mine = await project(db, "retention", 30);
      other = await project(db, "retention-other", null);
      for (const projectId of [mine, other]) {
        for (const [id, at] of Object.entries({ ...old, ...recent })) await ingestEvents(projectId, traceEvents(id, at), db);
        const queue = await db.annotationQueue.create({ data: { projectId, name: "review", scoreConfigIds: [] } });
        await db.queueItem.createMany({
          data: [
            { projectId, queueId: queue.id, objectType: "TRACE", objectId: "o1" },
            { projectId, queueId: queue.id, objectType: "OBSERVATION", objectId: "o4-gen" },
            { projectId, queueId: queue.id, objectType: "TRACE", objectId: "r2" },
          ],
        });
        await db.comment.createMany({
          data: [
            { projectId, objectType: "TRACE", objectId: "o2", content: "old" },
            { projectId, objectType: "OBSERVATION", objectId: "o5-span", content: "old span" },
            { projectId, objectType: "TRACE", objectId: "r1", content: "recent" },
          ],
        });
      }
      // Small batches with no pause: several transactions, one of them ending inside the tie.
      const job = await queueRetentionSweep(db, mine, { force: true, start: false });
      await db.job.update({ where: { id: job!.id }, data: { params: { batch: 2, pauseMs: 0 } } });
      jobId = job!.id;
    });

    it("deletes exactly the traces past the retention, with what hangs off them", async () => {
      const before = await contents(db, other);
      const job = await settleJob(db, mine, jobId);
      expect(job).toMatchObject({ status: "DONE", kind: "RETENTION", done: 5, total: 5, result: { deleted: 5, days: 30 } });
      expect(await contents(db, mine)).toEqual({
        traces: ["r1", "r2", "r3"],
        observations: ["r1-gen", "r1-span", "r2-gen", "r2-span", "r3-gen", "r3-span"],
        scores: ["r1-ok", "r1-q", "r2-ok", "r2-q", "r3-ok", "r3-q"],
        comments: ["r1"],
        queueItems: ["r2"],
      });
      // Another project's traces of the same age are its own business.
      expect(await contents(db, other)).toEqual(before);
      expect(before.traces).toHaveLength(8);
    });

    it("leaves the dashboard's rollups equal to a rebuild from the rows that are left", async () => {
      const maintained = await rollupSnapshot(db, mine);
      expect(maintained.TraceRollup.length).toBeGreaterThan(0);
      await clearRollups(db, mine);
      await rebuildProject(db, mine);
      expect(await rollupSnapshot(db, mine)).toEqual(maintained);
    });

    it("shows in Settings as the last sweep", async () => {
      const view = await getRetention(db, mine);
      expect(view).toMatchObject({ retentionDays: 30, lastSweep: { id: jobId, status: "DONE", result: { deleted: 5 } } });
    });
  });

  it("resumes from its cursor: the cutoff it started with and the count so far", async () => {
    const projectId = await project(db, "retention-resume", 30);
    for (const [id, d] of [["a", 60], ["b", 50], ["c", 40], ["d", 35], ["e", 10]] as const) await ingestEvents(projectId, traceEvents(id, daysAgo(d)), db);
    // As a process that stopped mid-sweep leaves it: running, no heartbeat for two minutes, 7 deleted so far,
    // cutoff 45 days back (the retention was 45 when it started), resuming at 55 days back (so "a", older,
    // stands for a trace the sweep had already passed: it stays, which shows the cursor was read).
    const cursor = { cutoff: daysAgo(45).toISOString(), days: 45, deleted: 7, from: daysAgo(55).toISOString() };
    const job = await db.job.create({
      data: { projectId, kind: "RETENTION", label: "sweep", params: {}, status: "RUNNING", cursor: JSON.stringify(cursor), heartbeatAt: new Date(Date.now() - 120_000), startedAt: new Date() },
    });
    const done = await settleJob(db, projectId, job.id);
    // Only "b" (50 days) is between the cursor's start and its cutoff: "c" and "d" are past today's 30 days but not
    // the cutoff the sweep began with (the next daily sweep takes them), "a" lies before where the cursor resumes.
    expect(done).toMatchObject({ status: "DONE", done: 8, total: 8, result: { deleted: 8, days: 45, cutoff: cursor.cutoff } });
    expect((await contents(db, projectId)).traces).toEqual(["a", "c", "d", "e"]);
  });

  it("is queued once a day per project, once even when two servers ask at once", async () => {
    const projectId = await project(db, "retention-schedule", null);
    await saveRetention(db, projectId, 7);
    await db.project.update({ where: { id: projectId }, data: { retentionQueuedAt: null } });
    // A second client on the same database stands for a second server process.
    const second = createDb(databaseTarget(t.databaseUrl));
    // Two SQLite clients in one process: a busy wait on either would block the event loop the other's open
    // transaction needs, for the whole busy timeout (10 s; a second server process waits on its own loop).
    // Without one, a busy write fails at once and transaction() retries it after a pause that yields.
    const busyTimeout = (client: Db, ms: number) => (t.name === "sqlite" ? client.$queryRawUnsafe(`PRAGMA busy_timeout = ${ms}`) : Promise.resolve());
    await busyTimeout(db, 0);
    await busyTimeout(second, 0);
    try {
      const asked = await Promise.all([
        queueRetentionSweep(db, projectId, { start: false }),
        queueRetentionSweep(second, projectId, { start: false }),
        queueRetentionSweep(second, projectId, { start: false }),
      ]);
      const sweeps = () => db.job.findMany({ where: { projectId, kind: "RETENTION" }, orderBy: { createdAt: "asc" } });
      expect(await sweeps()).toHaveLength(1);
      expect(asked.filter(Boolean)).toHaveLength(1);
      const [first] = await sweeps();
      // Not due again within the day; Run now hands back the sweep already queued rather than a second one.
      expect(await queueRetentionSweep(db, projectId, { start: false })).toBeNull();
      const again = await runRetentionNow(second, projectId, null);
      // Unless it had finished: the test server's job runner shares this database (it looks every 15 s) and may
      // have run it meanwhile, and then Run now rightly queues a new sweep.
      if (again.id !== first.id) expect(isFinished(await getJob(db, projectId, first.id))).toBe(true);
      await settleJob(db, projectId, first.id);
      await settleJob(db, projectId, again.id);
      // A day later it is due again.
      const before = (await sweeps()).length;
      const tomorrow = new Date(Date.now() + DAY + 60_000);
      expect(await queueRetentionSweep(db, projectId, { now: tomorrow, start: false })).not.toBeNull();
      expect(await sweeps()).toHaveLength(before + 1);
      await settleJob(db, projectId, (await sweeps()).at(-1)!.id);
    } finally {
      // The test's client back to its own settings (dbReady's busy timeout) for the tests after this one.
      if (t.name === "sqlite") await dbReady(db, databaseTarget(t.databaseUrl));
      await second.$disconnect();
    }
  });

  it("queues nothing for a project that keeps traces forever, and Run now says why", async () => {
    const projectId = await project(db, "retention-forever", null);
    await db.project.update({ where: { id: projectId }, data: { retentionQueuedAt: null } });
    expect(await queueRetentionSweep(db, projectId, { start: false })).toBeNull();
    await expect(runRetentionNow(db, projectId, null)).rejects.toMatchObject({ code: "conflict", path: ["retentionDays"] });
    // Switched off after a sweep was queued (as the schedule queues it): the sweep deletes nothing.
    await ingestEvents(projectId, traceEvents("old", daysAgo(3)), db);
    const job = await db.job.create({ data: { projectId, kind: "RETENTION", label: "sweep", params: {} } });
    expect(await settleJob(db, projectId, job.id)).toMatchObject({ status: "DONE", result: { deleted: 0, cutoff: null } });
    expect((await contents(db, projectId)).traces).toEqual(["old"]);
  });
});
