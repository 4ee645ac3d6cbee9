// The background job runner on both databases: progress and result, failures
// kept, cancelling, and a job a dead process left behind resumed from its cursor.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { cancelJob, enqueueJob, getJob, registerJobHandler, runQueuedJobs } from "@/lib/jobs/runner";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

// A handler of this test process only (the servers never claim a test kind): counts to `to` in steps of 10.
const seenCursors: (string | null)[] = [];
registerJobHandler<{ to: number; failAt?: number; stopAt?: number }>("test-count", async ({ job, progress }) => {
  seenCursors.push(job.cursor);
  let done = Number(job.cursor ?? 0);
  await progress({ done, total: job.params.to });
  while (done < job.params.to) {
    done += 10;
    if (job.params.stopAt === done) throw new Error("simulated crash");
    await progress({ done, cursor: String(done), failed: done >= (job.params.failAt ?? Infinity) ? 1 : 0, failures: done === job.params.failAt ? [{ source: `row ${done}`, reason: "bad row" }] : undefined });
  }
  return { counted: done };
});

describe.each(targets())("job runner on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let owner: string;

  beforeAll(async () => {
    owner = (await createUser({ email: `${uid("jobs")}@itest.dev`, password: "password-123" }, db)).id;
    projectId = (await createProjectWithOwner(uid("jobs"), owner, db)).id;
  });

  it("runs a job to its end with progress, failures and result", async () => {
    const job = await enqueueJob(db, { projectId, kind: "test-count", label: "count", params: { to: 50, failAt: 30 }, createdByUserId: owner }, { start: false });
    expect(job.status).toBe("QUEUED");
    await runQueuedJobs(db);
    const done = await getJob(db, projectId, job.id);
    expect(done).toMatchObject({ status: "DONE", done: 50, total: 50, failed: 1, result: { counted: 50 }, failures: [{ source: "row 30", reason: "bad row" }] });
    expect(done.finishedAt).not.toBeNull();
  });

  it("records an unexpected error without its internals, and a cancelled job does not run", async () => {
    const crash = await enqueueJob(db, { projectId, kind: "test-count", label: "crash", params: { to: 50, stopAt: 20 }, createdByUserId: owner }, { start: false });
    const cancelled = await enqueueJob(db, { projectId, kind: "test-count", label: "never", params: { to: 50 }, createdByUserId: owner }, { start: false });
    await cancelJob(db, projectId, cancelled.id);
    await runQueuedJobs(db);
    expect(await getJob(db, projectId, crash.id)).toMatchObject({ status: "FAILED", done: 10, error: "The job stopped on an unexpected error; see the server log." });
    expect(await getJob(db, projectId, cancelled.id)).toMatchObject({ status: "CANCELLED", done: 0 });
    await expect(cancelJob(db, projectId, crash.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("resumes a job whose process died, from its cursor", async () => {
    const job = await enqueueJob(db, { projectId, kind: "test-count", label: "resume", params: { to: 40 }, createdByUserId: owner }, { start: false });
    // As a process that stopped mid-way leaves it: running, cursor at 20, no heartbeat for two minutes.
    await db.job.update({ where: { id: job.id }, data: { status: "RUNNING", done: 20, cursor: "20", heartbeatAt: new Date(Date.now() - 120_000) } });
    seenCursors.length = 0;
    await runQueuedJobs(db);
    expect(seenCursors).toEqual(["20"]);
    expect(await getJob(db, projectId, job.id)).toMatchObject({ status: "DONE", done: 40 });
  });

  it("keeps jobs to their project", async () => {
    const job = await enqueueJob(db, { projectId, kind: "test-count", label: "mine", params: { to: 10 }, createdByUserId: owner }, { start: false });
    await expect(getJob(db, "another-project", job.id)).rejects.toMatchObject({ code: "not_found" });
    await runQueuedJobs(db);
  });
});
