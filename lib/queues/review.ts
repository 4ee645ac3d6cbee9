// Working through a queue. A reviewer holds the item they have open
// (lockedByUserId/lockedAt) so two reviewers never get the same one; a hold
// older than HOLD_MS is free again. Claims are guarded updates (compare-and-set
// on the lock columns), so concurrent reviewers on either database can't both win.
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { objectTypeOf } from "../objects/kinds";
import { saveAnnotationScores, type AnnotationValue } from "../scores/annotate";
import { configIdsOf } from "./items";
import { HOLD_MS } from "./schemas";

type Item = { id: string; queueId: string; objectType: string; objectId: string; status: string; createdAt: Date; lockedByUserId: string | null; lockedAt: Date | null };

const freeFor = (userId: string, now: Date) => ({
  OR: [{ lockedByUserId: null }, { lockedByUserId: userId }, { lockedAt: null }, { lockedAt: { lt: new Date(now.getTime() - HOLD_MS) } }],
});

/** Who holds an item now, or null when nobody does (or the hold expired). */
export function holder(item: Pick<Item, "status" | "lockedByUserId" | "lockedAt">, now = new Date()): string | null {
  if (item.status !== "PENDING" || !item.lockedByUserId || !item.lockedAt) return null;
  return item.lockedAt.getTime() >= now.getTime() - HOLD_MS ? item.lockedByUserId : null;
}

/** Takes a pending item for the user unless another reviewer holds it; drops the user's other holds in the queue. */
async function tryClaim(client: Db, item: Item, userId: string, now: Date): Promise<boolean> {
  const res = await client.queueItem.updateMany({
    where: { id: item.id, status: "PENDING", ...freeFor(userId, now) },
    data: { lockedByUserId: userId, lockedAt: now },
  });
  if (res.count !== 1) return false;
  await client.queueItem.updateMany({
    where: { queueId: item.queueId, lockedByUserId: userId, id: { not: item.id } },
    data: { lockedByUserId: null, lockedAt: null },
  });
  return true;
}

async function itemIn(client: Db, projectId: string, itemId: string) {
  const item = await client.queueItem.findFirst({ where: { id: itemId, projectId } });
  if (!item) throw new DomainError("not_found", "That queue item no longer exists.");
  return item;
}

/**
 * The next item for the user: the one they already hold, else the first free pending
 * item after `afterItemId` in queue order (wrapping to the start), claimed for them.
 */
export async function claimNext(client: Db, projectId: string, queueId: string, userId: string, opts: { afterItemId?: string; now?: Date } = {}): Promise<Item | null> {
  const now = opts.now ?? new Date();
  const base = { projectId, queueId, status: "PENDING" };
  if (!opts.afterItemId) {
    const held = await client.queueItem.findFirst({ where: { ...base, lockedByUserId: userId, lockedAt: { gte: new Date(now.getTime() - HOLD_MS) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    if (held && (await tryClaim(client, held, userId, now))) return { ...held, lockedByUserId: userId, lockedAt: now };
  }
  const after = opts.afterItemId ? await itemIn(client, projectId, opts.afterItemId) : null;
  const later = after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
  // A few rounds: a candidate can be taken by someone else between the read and the claim.
  for (const scope of after ? [later, {}] : [{}]) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = await client.queueItem.findFirst({
        where: { ...base, AND: [freeFor(userId, now), scope] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      if (!candidate) break;
      if (await tryClaim(client, candidate, userId, now)) return { ...candidate, lockedByUserId: userId, lockedAt: now };
    }
  }
  return null;
}

/** The item before `itemId` in queue order (done or not) that nobody else holds; claimed when pending. */
export async function previousItem(client: Db, projectId: string, itemId: string, userId: string, now = new Date()): Promise<Item | null> {
  const cur = await itemIn(client, projectId, itemId);
  const prev = await client.queueItem.findFirst({
    where: {
      projectId,
      queueId: cur.queueId,
      AND: [
        { OR: [{ createdAt: { lt: cur.createdAt } }, { createdAt: cur.createdAt, id: { lt: cur.id } }] },
        { OR: [{ status: "COMPLETED" }, freeFor(userId, now)] },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!prev) return null;
  if (prev.status === "PENDING" && !(await tryClaim(client, prev, userId, now))) return null;
  return prev;
}

/** Opening an item (e.g. a shared link): hold it when free. Returns the holder after the attempt. */
export async function openItem(client: Db, projectId: string, itemId: string, userId: string, now = new Date()) {
  const item = await itemIn(client, projectId, itemId);
  if (item.status === "PENDING" && (await tryClaim(client, item, userId, now))) return { item, heldBy: userId };
  const fresh = await itemIn(client, projectId, itemId);
  return { item: fresh, heldBy: holder(fresh, now) };
}

/** Lets go of the user's hold on an item (skip), so another reviewer can take it. */
export async function releaseItem(client: Db, projectId: string, itemId: string, userId: string) {
  await client.queueItem.updateMany({ where: { id: itemId, projectId, lockedByUserId: userId }, data: { lockedByUserId: null, lockedAt: null } });
}

/** Skip: release the item and move to the next free one after it. */
export async function skipItem(client: Db, projectId: string, itemId: string, userId: string, now = new Date()): Promise<Item | null> {
  const cur = await itemIn(client, projectId, itemId);
  await releaseItem(client, projectId, itemId, userId);
  const next = await claimNext(client, projectId, cur.queueId, userId, { afterItemId: itemId, now });
  return next && next.id !== itemId ? next : null;
}

/**
 * Writes the user's scores for the item (source ANNOTATION, queueId set), marks it
 * COMPLETED and claims the next one. Refused while another reviewer holds the item.
 */
export async function completeItem(
  client: Db,
  projectId: string,
  itemId: string,
  userId: string,
  values: AnnotationValue[],
  now = new Date(),
): Promise<{ next: Item | null }> {
  const item = await itemIn(client, projectId, itemId);
  const heldBy = holder(item, now);
  if (heldBy && heldBy !== userId) throw new DomainError("conflict", "Another reviewer is working on this item.");
  const queue = await client.annotationQueue.findFirst({ where: { id: item.queueId, projectId } });
  if (!queue) throw new DomainError("not_found", "That queue no longer exists.");
  const allowed = new Set(configIdsOf(queue));
  const outside = values.find((v) => !allowed.has(v.configId));
  if (outside) throw new DomainError("invalid", "That score config is not part of this queue.", { path: "configId", issue: "not in queue" });
  await saveAnnotationScores(client, projectId, userId, { objectType: objectTypeOf(item.objectType), objectId: item.objectId }, values, { queueId: queue.id });
  // Guarded again: between the check above and now another reviewer could have claimed an expired hold.
  const done = await client.queueItem.updateMany({
    where: { id: item.id, OR: [{ status: "COMPLETED" }, freeFor(userId, now)] },
    data: { status: "COMPLETED", completedByUserId: userId, completedAt: now, lockedByUserId: null, lockedAt: null },
  });
  if (done.count !== 1) throw new DomainError("conflict", "Another reviewer took this item.");
  const next = await claimNext(client, projectId, queue.id, userId, { afterItemId: item.id, now });
  return { next };
}
