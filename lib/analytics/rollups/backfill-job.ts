// ROLLUP_BACKFILL: a project whose rows predate the rollup tables (the
// migration marked it in RollupBackfill) gets its rollups recomputed off the
// request, hour by hour, oldest first (rebuild.ts: one transaction per hour, so
// concurrent ingestion deltas stay exact). The cursor is the next hour, saved
// on the job and the marker, so a restart resumes there. When every hour is
// done the marker goes, and the project's queries are served from the rollups
// (until then, from the rows).
import "server-only";
import type { Db } from "../../db/client";
import { enqueueJob, registerJobHandler } from "../../jobs/runner";
import { rebuildProject } from "./rebuild";

/** Queues a backfill for each marked project that has none queued or running (the boot hook calls it). */
export async function ensureRollupBackfills(client: Db): Promise<number> {
  const pending = await client.rollupBackfill.findMany({ select: { projectId: true } });
  let queued = 0;
  for (const { projectId } of pending) {
    const active = await client.job.findFirst({ where: { projectId, kind: "ROLLUP_BACKFILL", status: { in: ["QUEUED", "RUNNING"] } } });
    if (active) continue;
    await enqueueJob(client, { projectId, kind: "ROLLUP_BACKFILL", label: "Compute the dashboard's rollups from stored traces", params: {}, createdByUserId: null });
    queued++;
  }
  return queued;
}

registerJobHandler<Record<string, never>>("ROLLUP_BACKFILL", async (ctx) => {
  const { client, job } = ctx;
  const marker = await client.rollupBackfill.findUnique({ where: { projectId: job.projectId } });
  if (!marker) return { hours: 0 };
  const cursor = job.cursor ? new Date(job.cursor) : marker.cursor;
  let done = 0;
  const hours = await rebuildProject(client, job.projectId, {
    cursor,
    onHour: async (next) => {
      done++;
      if (done % 24 === 0) {
        await client.rollupBackfill.update({ where: { projectId: job.projectId }, data: { cursor: next } });
        await ctx.progress({ done, cursor: next.toISOString() });
      }
    },
  });
  await client.rollupBackfill.deleteMany({ where: { projectId: job.projectId } });
  await ctx.progress({ done: hours, cursor: null, result: { hours } });
  return { hours };
});
