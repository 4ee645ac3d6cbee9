// The RETENTION job: deletes a project's traces older than its retention
// (Trace.timestamp before the cutoff), oldest first, in small transactions
// through deleteTraces (observations, scores, comments and queue items go
// with them, and the rollups are kept exact), with a pause between them. On
// SQLite a batch holds the write lock and, its statements being synchronous,
// the event loop too: every request (ingestion first) waits for the batch in
// hand. So the batch size follows the time a batch took, aiming at TARGET_MS
// (at most RETENTION_BATCH traces). A batch has a large fixed cost (its
// rollup upserts), so a lower aim costs throughput; ingestion's wait is what
// it buys. 100k traces of 5 observations, half deleted, a small write every
// 20 ms meanwhile (scripts/bench/retention.ts, a loaded 2-core machine): aim
// 100 ms 152 traces/s, writes waited p50 73 / p99 246 ms; aim 200 ms 340/s,
// p50 158 / p99 490 ms. The cutoff is fixed when the job first starts and kept
// in the cursor with the running count, so a job a restart interrupted goes on
// to the same cutoff with the same total; cancelling stops it after the batch
// in hand (progress reports throw once it is cancelled).
import "server-only";
import type { Db } from "../db/client";
import { registerJobHandler, type JobContext } from "../jobs/runner";
import { deleteTraces } from "../traces/delete";
import type { RetentionResult } from "./schemas";

const DAY_MS = 86_400_000;
/** At most this many traces per delete transaction. */
export const RETENTION_BATCH = 500;
/** The first batch's size, before a batch has been timed. */
const FIRST_BATCH = 50;
/** What a batch should take (its write lock, and on SQLite the event loop); the next batch's size is scaled to it. */
const TARGET_MS = 100;
/** Between two batches, so the requests that queued meanwhile (ingestion writes) go first. */
const PAUSE_MS = 25;

/** All optional: tests and the benchmark set them; a sweep the schedule queues has none. */
export type RetentionParams = { batch?: number; targetMs?: number; pauseMs?: number };

export interface RetentionCursor {
  cutoff: string;
  days: number;
  deleted: number;
  /** the oldest timestamp left to look at: the next batch starts here (an index range, not a scan past deleted rows) */
  from: string | null;
}

export function readRetentionCursor(raw: string | null): RetentionCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Partial<RetentionCursor>;
    return typeof c.cutoff === "string" && typeof c.days === "number" ? { cutoff: c.cutoff, days: c.days, deleted: c.deleted ?? 0, from: c.from ?? null } : null;
  } catch {
    return null;
  }
}

/** The traces the sweep would delete now: timestamp before `cutoff`. */
export const expiredWhere = (projectId: string, cutoff: Date, from?: Date | null) => ({ projectId, timestamp: { lt: cutoff, ...(from ? { gte: from } : {}) } });

export interface SweepOptions {
  now?: Date;
  /** after each batch: its traces and how long its delete transaction held the write lock (the benchmark) */
  onBatch?: (batch: { traces: number; ms: number }) => void;
}

export async function runRetentionSweep(ctx: JobContext<RetentionParams>, opts: SweepOptions = {}): Promise<RetentionResult> {
  const now = opts.now ?? new Date();
  const { client, job } = ctx;
  const maxBatch = job.params.batch ?? RETENTION_BATCH;
  const targetMs = job.params.targetMs ?? TARGET_MS;
  const pauseMs = job.params.pauseMs ?? PAUSE_MS;
  let size = Math.min(FIRST_BATCH, maxBatch);
  let at = readRetentionCursor(job.cursor);
  if (!at) {
    const project = await client.project.findUnique({ where: { id: job.projectId }, select: { retentionDays: true } });
    // Switched off (or the project is gone) since the sweep was queued: nothing expires.
    if (!project?.retentionDays) return { deleted: 0, cutoff: null, days: null };
    at = { cutoff: new Date(now.getTime() - project.retentionDays * DAY_MS).toISOString(), days: project.retentionDays, deleted: 0, from: null };
  }
  const cutoff = new Date(at.cutoff);
  const remaining = await client.trace.count({ where: expiredWhere(job.projectId, cutoff, at.from ? new Date(at.from) : null) });
  await ctx.progress({ done: at.deleted, total: at.deleted + remaining, cursor: JSON.stringify(at) });
  for (;;) {
    const rows = await nextBatch(client, job.projectId, cutoff, at.from, size);
    if (!rows.length) break;
    const t0 = performance.now();
    const deleted = await deleteTraces(client, job.projectId, rows.map((r) => r.id));
    const ms = performance.now() - t0;
    opts.onBatch?.({ traces: deleted, ms });
    // Deleted rows are gone, so the next batch starts at this one's newest timestamp (ties left there come again).
    at = { ...at, deleted: at.deleted + deleted, from: rows[rows.length - 1].timestamp.toISOString() };
    await ctx.progress({ done: at.deleted, cursor: JSON.stringify(at) });
    if (rows.length < size) break;
    // At most double at a time, so one fast batch of tiny traces does not make the next one huge.
    size = Math.max(1, Math.min(maxBatch, size * 2, Math.round((size * targetMs) / Math.max(ms, 1))));
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  const result: RetentionResult = { deleted: at.deleted, cutoff: at.cutoff, days: at.days };
  await ctx.progress({ done: at.deleted, total: at.deleted, result });
  return result;
}

function nextBatch(client: Db, projectId: string, cutoff: Date, from: string | null, take: number) {
  return client.trace.findMany({
    where: expiredWhere(projectId, cutoff, from ? new Date(from) : null),
    orderBy: { timestamp: "asc" },
    select: { id: true, timestamp: true },
    take,
  });
}

registerJobHandler<RetentionParams>("RETENTION", (ctx) => runRetentionSweep(ctx));
