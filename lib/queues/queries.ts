import "server-only";
// Reads for the queue pages, the traces table's "add to queue" and the review screen.
import { db, type Db } from "../db/client";
import { listConfigs } from "../scores/configs";
import { scoreWhere } from "../scores/annotate";
import type { ScoreConfigView } from "../scores/schemas";
import { objectTypeOf, type ObjectType } from "../objects/kinds";
import { observationDetail, traceObservations } from "../objects/observations";
import { sessionDetail } from "../sessions/detail";
import { configIdsOf, listQueues, queueProgress } from "./items";
import { holder } from "./review";

export async function listQueueOptions(projectId: string): Promise<{ id: string; name: string }[]> {
  return db.annotationQueue.findMany({ where: { projectId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export function queuesWithProgress(projectId: string) {
  return listQueues(db, projectId);
}

export async function queueWithConfigs(projectId: string, queueId: string, client: Db = db) {
  const queue = await client.annotationQueue.findFirst({ where: { id: queueId, projectId } });
  if (!queue) return null;
  const ids = configIdsOf(queue);
  const all = await listConfigs(client, projectId, { includeArchived: true });
  const configs = ids.map((id) => all.find((c) => c.id === id)).filter((c): c is ScoreConfigView => !!c && !c.isArchived);
  return { id: queue.id, name: queue.name, description: queue.description, configs, progress: await queueProgress(client, projectId, queueId) };
}

/** What the reviewer sees of an item: the object itself, in a compact form. */
export async function itemContent(projectId: string, objectType: ObjectType, objectId: string, client: Db = db) {
  if (objectType === "TRACE") {
    const trace = await client.trace.findUnique({
      where: { projectId_id: { projectId, id: objectId } },
      select: { id: true, name: true, timestamp: true, userId: true, sessionId: true, latencyMs: true, totalCost: true, totalTokens: true, errorCount: true, input: true, output: true, startTime: true, endTime: true },
    });
    if (!trace) return { kind: "missing" as const };
    const observations = await traceObservations(projectId, objectId, client);
    return {
      kind: "trace" as const,
      trace: { ...trace, timestamp: trace.timestamp.toISOString(), startTime: trace.startTime?.toISOString() ?? null, endTime: trace.endTime?.toISOString() ?? null },
      observations,
    };
  }
  if (objectType === "OBSERVATION") {
    // The observation is the object itself: no trace to hold it to.
    const observation = await observationDetail(projectId, null, objectId, client);
    return observation ? { kind: "observation" as const, observation } : { kind: "missing" as const };
  }
  const session = await sessionDetail(client, projectId, objectId);
  return session ? { kind: "session" as const, session } : { kind: "missing" as const };
}

/** One item for the review screen with who holds it and the user's earlier scores on it from this queue. */
export async function reviewItem(projectId: string, queueId: string, itemId: string, userId: string, client: Db = db) {
  const item = await client.queueItem.findFirst({ where: { id: itemId, projectId, queueId } });
  if (!item) return null;
  const objectType = objectTypeOf(item.objectType);
  const [position, scores] = await Promise.all([
    client.queueItem.count({ where: { queueId, OR: [{ createdAt: { lt: item.createdAt } }, { createdAt: item.createdAt, id: { lt: item.id } }] } }),
    client.score.findMany({
      where: { projectId, ...scoreWhere({ objectType, objectId: item.objectId }), authorUserId: userId, source: "ANNOTATION" },
      select: { configId: true, value: true, stringValue: true, dataType: true, comment: true },
    }),
  ]);
  const heldBy = holder(item);
  const holderName = heldBy && heldBy !== userId ? ((await client.user.findUnique({ where: { id: heldBy }, select: { name: true, email: true } })) ?? null) : null;
  return {
    id: item.id,
    objectType,
    objectId: item.objectId,
    status: item.status,
    position: position + 1,
    heldByOther: holderName ? holderName.name || holderName.email : null,
    existing: Object.fromEntries(
      scores
        .filter((s) => s.configId)
        .map((s) => [s.configId!, { value: s.dataType === "NUMERIC" ? String(s.value ?? "") : s.dataType === "BOOLEAN" ? String(s.value ?? "") : (s.stringValue ?? ""), comment: s.comment ?? "" }]),
    ),
  };
}
