// Queues and their items: create, add (idempotent), list with progress.
// Functions take the client so integration tests run them on both databases.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { decode, join, sql } from "../db/sql";
import { fail, isUniqueViolation, ok, type Result } from "../errors";
import type { ObjectType } from "../objects/kinds";
import { existingObjectIds } from "../objects/resolve";
import { userNames } from "../objects/users";
import { HOLD_MS, type CreateQueueInput, type QueueProgress, type QueueSummary } from "./schemas";

export async function createQueue(client: Db, projectId: string, input: Omit<CreateQueueInput, "projectId">): Promise<Result<{ id: string }>> {
  const configs = await client.scoreConfig.findMany({ where: { projectId, id: { in: input.scoreConfigIds }, isArchived: false }, select: { id: true } });
  if (configs.length !== input.scoreConfigIds.length) return fail("invalid", "Some of the picked score configs don't exist or are archived.", { path: "scoreConfigIds" });
  try {
    const q = await client.annotationQueue.create({
      data: { projectId, name: input.name, description: input.description || null, scoreConfigIds: input.scoreConfigIds },
    });
    return ok({ id: q.id });
  } catch (err) {
    if (isUniqueViolation(err)) return fail("conflict", `A queue named "${input.name}" already exists.`, { path: "name" });
    throw err;
  }
}

export function configIdsOf(q: { scoreConfigIds: unknown }): string[] {
  const v = decode.json<unknown>(q.scoreConfigIds, []);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Adds objects to a queue; ones already in it (or unknown) are left out. Returns how many were added. */
export async function addItems(client: Db, projectId: string, queueId: string, objectType: ObjectType, objectIds: string[]): Promise<Result<{ added: number }>> {
  const queue = await client.annotationQueue.findFirst({ where: { id: queueId, projectId }, select: { id: true } });
  if (!queue) return fail("not_found", "That queue does not exist.");
  const unique = [...new Set(objectIds)];
  const known = await existingObjectIds(client, projectId, objectType, unique);
  const ids = unique.filter((id) => known.has(id));
  const now = new Date();
  // Item ids sort in selection order, so items added together are reviewed in that order.
  const stamp = now.getTime().toString(36);
  const salt = randomBytes(4).toString("hex");
  let added = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const values = join(
      ids.slice(i, i + 500).map((objectId, j) => {
        const id = `qi_${stamp}_${(i + j).toString(36).padStart(5, "0")}_${salt}`;
        return sql`(${id}, ${projectId}, ${queueId}, ${objectType}, ${objectId}, 'PENDING', ${now})`;
      }),
    );
    added += await client.$executeRaw`INSERT INTO "QueueItem" ("id", "projectId", "queueId", "objectType", "objectId", "status", "createdAt")
      VALUES ${values} ON CONFLICT ("queueId", "objectType", "objectId") DO NOTHING`;
  }
  return ok({ added });
}

export async function listQueues(client: Db, projectId: string): Promise<QueueSummary[]> {
  const [queues, counts] = await Promise.all([
    client.annotationQueue.findMany({ where: { projectId }, orderBy: { createdAt: "desc" } }),
    client.queueItem.groupBy({ by: ["queueId", "status"], where: { projectId }, _count: { _all: true } }),
  ]);
  return queues.map((q) => {
    const mine = counts.filter((c) => c.queueId === q.id);
    const total = mine.reduce((n, c) => n + c._count._all, 0);
    const completed = mine.find((c) => c.status === "COMPLETED")?._count._all ?? 0;
    return { id: q.id, name: q.name, description: q.description, scoreConfigIds: configIdsOf(q), total, completed, createdAt: q.createdAt.toISOString() };
  });
}

export async function queueProgress(client: Db, projectId: string, queueId: string, now = new Date()): Promise<QueueProgress> {
  const [byStatus, byReviewer, held] = await Promise.all([
    client.queueItem.groupBy({ by: ["status"], where: { projectId, queueId }, _count: { _all: true } }),
    client.queueItem.groupBy({ by: ["completedByUserId"], where: { projectId, queueId, status: "COMPLETED" }, _count: { _all: true } }),
    client.queueItem.count({ where: { projectId, queueId, status: "PENDING", lockedByUserId: { not: null }, lockedAt: { gte: new Date(now.getTime() - HOLD_MS) } } }),
  ]);
  const total = byStatus.reduce((n, c) => n + c._count._all, 0);
  const completed = byStatus.find((c) => c.status === "COMPLETED")?._count._all ?? 0;
  const names = await userNames(client, byReviewer.map((r) => r.completedByUserId));
  return {
    total,
    completed,
    pending: total - completed,
    held,
    byReviewer: byReviewer
      .filter((r) => r.completedByUserId)
      .map((r) => ({ userId: r.completedByUserId!, name: names.get(r.completedByUserId!) ?? "deleted user", completed: r._count._all }))
      .sort((a, b) => b.completed - a.completed || a.name.localeCompare(b.name)),
  };
}
