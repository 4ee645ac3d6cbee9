// Long work off the request that started it: a Job row holds what to do and
// how far it got; this runner claims queued jobs one at a time in the server
// process and runs their handler. Handlers are resumable (they save a cursor)
// and idempotent per step, so a job a restart interrupted is simply run again
// from its cursor (a running job's heartbeat goes stale, and it is re-queued).
import "server-only";
import type { Db } from "../db/client";
import { decode } from "../db/sql";
import { DomainError } from "../errors";
import { isoAlways as iso, isoOrNull } from "../iso";
import type { JobFailure, JobKind, JobView } from "./schemas";

export interface JobContext<P> {
  client: Db;
  job: { id: string; projectId: string; params: P; cursor: string | null; createdByUserId: string | null };
  /** Saves progress (and the cursor to resume from); throws JobCancelled when the job was cancelled. */
  progress(p: { done: number; total?: number | null; failed?: number; cursor?: string | null; result?: unknown; failures?: JobFailure[] }): Promise<void>;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<unknown>;

/** The kinds a process can run: the product's, and ones a test registers for itself (a server never claims those). */
export type RunnableKind = JobKind | `test-${string}`;

// On globalThis, like the drain state below: Next bundles the server actions and
// the instrumentation hook separately, each with its own copy of this module, so a
// module-level map filled by the boot hook's import of handlers.ts would be empty
// in the copy an action's enqueue drains with ("no handler for PROMOTE").
const handlers = ((globalThis as unknown as { loupeJobHandlers?: Map<string, JobHandler<never>> }).loupeJobHandlers ??= new Map());
export class JobCancelled extends Error {}

/** Per kind, the handler that runs it (lib/jobs/handlers.ts registers them all). */
export function registerJobHandler<P>(kind: RunnableKind, handler: JobHandler<P>): void {
  handlers.set(kind, handler as JobHandler<never>);
}

/** A running job not heard from for this long is taken to be dead (its process stopped). */
const STALE_MS = 60_000;
/** How often a running job says it is alive, whatever its handler is doing. */
const HEARTBEAT_MS = 15_000;
/** At most this many failures are kept on a job (the count keeps counting). */
const MAX_FAILURES = 1000;

export async function enqueueJob(
  client: Db,
  input: { projectId: string; kind: RunnableKind; label: string; params: unknown; createdByUserId: string | null; total?: number | null },
  opts: { start?: boolean } = {},
): Promise<JobView> {
  const job = await client.job.create({
    data: { projectId: input.projectId, kind: input.kind, label: input.label, params: input.params as object, createdByUserId: input.createdByUserId, total: input.total ?? null },
  });
  if (opts.start !== false) kickJobs(client);
  return jobView(job);
}

type JobRow = Awaited<ReturnType<Db["job"]["findFirstOrThrow"]>>;

export function jobView(j: JobRow): JobView {
  return {
    id: j.id,
    kind: j.kind as JobKind,
    status: j.status as JobView["status"],
    label: j.label,
    total: j.total,
    done: j.done,
    failed: j.failed,
    result: decode.json(j.result, null),
    failures: decode.json<JobFailure[]>(j.failures, []),
    error: j.error,
    createdAt: iso(j.createdAt),
    startedAt: isoOrNull(j.startedAt),
    finishedAt: isoOrNull(j.finishedAt),
  };
}

export async function getJob(client: Db, projectId: string, jobId: string): Promise<JobView> {
  const j = await client.job.findFirst({ where: { id: jobId, projectId } });
  if (!j) throw new DomainError("not_found", "That job does not exist.");
  return jobView(j);
}

export async function listJobs(client: Db, projectId: string, opts: { kind?: JobKind; limit?: number } = {}): Promise<JobView[]> {
  const rows = await client.job.findMany({ where: { projectId, ...(opts.kind ? { kind: opts.kind } : {}) }, orderBy: { createdAt: "desc" }, take: opts.limit ?? 20 });
  return rows.map(jobView);
}

/** Asks a queued or running job to stop; a running one stops at its next progress report. */
export async function cancelJob(client: Db, projectId: string, jobId: string): Promise<void> {
  const n = await client.job.updateMany({ where: { id: jobId, projectId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", finishedAt: new Date() } });
  if (!n.count) throw new DomainError("conflict", "That job has already finished.");
}

/**
 * Claims a queued job of a kind this process can run (atomic on both databases:
 * the update is conditional on its status). Kinds without a handler here are
 * left for a process that has one.
 */
async function claim(client: Db): Promise<JobRow | null> {
  const kinds = [...handlers.keys()];
  if (!kinds.length) return null;
  const stale = new Date(Date.now() - STALE_MS);
  await client.job.updateMany({ where: { status: "RUNNING", kind: { in: kinds }, heartbeatAt: { lt: stale } }, data: { status: "QUEUED" } });
  for (;;) {
    const next = await client.job.findFirst({ where: { status: "QUEUED", kind: { in: kinds } }, orderBy: { createdAt: "asc" } });
    if (!next) return null;
    const now = new Date();
    const won = await client.job.updateMany({ where: { id: next.id, status: "QUEUED" }, data: { status: "RUNNING", startedAt: next.startedAt ?? now, heartbeatAt: now } });
    if (won.count) return { ...next, status: "RUNNING" };
  }
}

/** Runs one claimed job to its end (tests call it through runQueuedJobs). */
async function run(client: Db, job: JobRow): Promise<void> {
  const handler = handlers.get(job.kind)!;
  let failures = decode.json<JobFailure[]>(job.failures, []);
  const ctx: JobContext<never> = {
    client,
    job: { id: job.id, projectId: job.projectId, params: decode.json(job.params, {}) as never, cursor: job.cursor, createdByUserId: job.createdByUserId },
    async progress(p) {
      if (p.failures?.length) failures = [...failures, ...p.failures].slice(0, MAX_FAILURES);
      const n = await client.job.updateMany({
        where: { id: job.id, status: "RUNNING" },
        data: {
          done: p.done,
          ...(p.total !== undefined ? { total: p.total } : {}),
          ...(p.failed !== undefined ? { failed: p.failed } : {}),
          ...(p.cursor !== undefined ? { cursor: p.cursor } : {}),
          ...(p.result !== undefined ? { result: p.result as object } : {}),
          ...(p.failures?.length ? { failures: failures as unknown as object } : {}),
          heartbeatAt: new Date(),
        },
      });
      if (!n.count) throw new JobCancelled();
    },
  };
  // A sign of life while the handler runs, also through a long step between two progress
  // reports (counting a big file's rows), so no process takes the job for a dead one.
  const heartbeat = setInterval(() => {
    client.job.updateMany({ where: { id: job.id, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await handler(ctx);
    await client.job.updateMany({
      where: { id: job.id, status: "RUNNING" },
      data: { status: "DONE", finishedAt: new Date(), ...(result !== undefined ? { result: result as object } : {}) },
    });
  } catch (err) {
    if (err instanceof JobCancelled) return;
    const message = err instanceof DomainError ? err.describe() : "The job stopped on an unexpected error; see the server log.";
    if (!(err instanceof DomainError)) console.error(`job ${job.id} (${job.kind}) failed`, err);
    await client.job.updateMany({ where: { id: job.id, status: "RUNNING" }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs queued jobs until none is left; returns how many ran. */
export async function runQueuedJobs(client: Db): Promise<number> {
  let ran = 0;
  for (let job = await claim(client); job; job = await claim(client)) {
    await run(client, job);
    ran++;
  }
  return ran;
}

// One drain at a time per process; a kick during a drain makes it look once more.
const state = globalThis as unknown as { loupeJobs?: { running: boolean; again: boolean } };
const jobsState = (state.loupeJobs ??= { running: false, again: false });

/** Starts draining the queue in the background (after the current request); never throws. */
export function kickJobs(client: Db): void {
  if (jobsState.running) {
    jobsState.again = true;
    return;
  }
  jobsState.running = true;
  setImmediate(async () => {
    try {
      do {
        jobsState.again = false;
        await runQueuedJobs(client);
      } while (jobsState.again);
    } catch (err) {
      console.error("job runner", err);
    } finally {
      jobsState.running = false;
    }
  });
}
