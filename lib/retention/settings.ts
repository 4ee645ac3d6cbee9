// The retention setting of a project, and what Settings shows about it.
import "server-only";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { isoOrNull } from "../iso";
import { listJobs } from "../jobs/runner";
import type { RetentionView } from "./schemas";

export async function getRetention(client: Db, projectId: string): Promise<RetentionView> {
  const project = await client.project.findUnique({ where: { id: projectId }, select: { retentionDays: true, retentionQueuedAt: true } });
  if (!project) throw new DomainError("not_found", "That project does not exist.");
  const [lastSweep] = await listJobs(client, projectId, { kind: "RETENTION", limit: 1 });
  return { retentionDays: project.retentionDays, queuedAt: isoOrNull(project.retentionQueuedAt), lastSweep: lastSweep ?? null };
}

/** Sets (or, with null, clears) the retention. A sweep already running keeps the cutoff it started with. */
export async function saveRetention(client: Db, projectId: string, retentionDays: number | null): Promise<{ retentionDays: number | null }> {
  const n = await client.project.updateMany({ where: { id: projectId }, data: { retentionDays } });
  if (!n.count) throw new DomainError("not_found", "That project does not exist.");
  return { retentionDays };
}
