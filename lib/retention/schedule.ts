// When a retention sweep is queued: once a day per project with a retention
// (the server's poll, lib/jobs/boot.ts, and saving the setting), and on
// "Run now". Two server processes on one PostgreSQL must not queue two: the
// claim is a conditional update of the project's retentionQueuedAt, and the
// job is created in that same transaction. A second process's update waits on
// the row lock, then finds the condition false (or, for Run now, sees the
// first one's job, committed, and returns it). SQLite has one writer anyway.
import "server-only";
import { transaction, type Db } from "../db/client";
import { DomainError } from "../errors";
import { jobView, kickJobs } from "../jobs/runner";
import type { JobView } from "../jobs/schemas";

const DAY_MS = 86_400_000;
const LABEL = "Delete traces past the project's retention";

export interface QueueOptions {
  /** Run now: queue even if a sweep was queued in the last day (never beside an active one). */
  force?: boolean;
  now?: Date;
  createdByUserId?: string | null;
  /** false: leave the job for the runner's next look (tests run the queue themselves) */
  start?: boolean;
}

/**
 * Queues a sweep for one project if it has a retention and is due (no sweep queued in the last 24 hours), and
 * none is queued or running. Returns the job queued, the active one (Run now), or null (not due, or no retention).
 */
export async function queueRetentionSweep(client: Db, projectId: string, opts: QueueOptions = {}): Promise<JobView | null> {
  const now = opts.now ?? new Date();
  const due = opts.force ? {} : { OR: [{ retentionQueuedAt: null }, { retentionQueuedAt: { lte: new Date(now.getTime() - DAY_MS) } }] };
  const out = await transaction(client, async (tx) => {
    // The claim first: it takes the project row's lock (PostgreSQL) or the write lock (SQLite) before anything is read.
    const claimed = await tx.project.updateMany({ where: { id: projectId, retentionDays: { not: null }, ...due }, data: { retentionQueuedAt: now } });
    if (!claimed.count) return null;
    const active = await tx.job.findFirst({ where: { projectId, kind: "RETENTION", status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" } });
    if (active) return { job: jobView(active), created: false };
    const job = await tx.job.create({ data: { projectId, kind: "RETENTION", label: LABEL, params: {}, createdByUserId: opts.createdByUserId ?? null } });
    return { job: jobView(job), created: true };
  });
  if (out?.created && opts.start !== false) kickJobs(client);
  return out?.job ?? null;
}

/** Run now (Settings): a sweep at once, or the one already queued or running. */
export async function runRetentionNow(client: Db, projectId: string, userId: string | null): Promise<JobView> {
  const job = await queueRetentionSweep(client, projectId, { force: true, createdByUserId: userId });
  if (!job) throw new DomainError("conflict", "This project keeps traces forever: set a retention first.", { path: ["retentionDays"] });
  return job;
}

/** The poll: a sweep for every project that has a retention and is due. Returns how many projects it claimed (queued, or found one active). */
export async function queueDueRetentionSweeps(client: Db, now = new Date()): Promise<number> {
  const due = await client.project.findMany({
    where: { retentionDays: { not: null }, OR: [{ retentionQueuedAt: null }, { retentionQueuedAt: { lte: new Date(now.getTime() - DAY_MS) } }] },
    select: { id: true },
  });
  let queued = 0;
  for (const { id } of due) if (await queueRetentionSweep(client, id, { now })) queued++;
  return queued;
}

const POLL_MS = 10 * 60_000;

/** The server process (boot.ts): looks at once, then every ten minutes (a sweep is due once a day). */
export function startRetentionSchedule(client: Db): void {
  const look = () => void queueDueRetentionSweeps(client).catch((e) => console.error("loupe: retention schedule", e));
  look();
  setInterval(look, POLL_MS).unref();
}
