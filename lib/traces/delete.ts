// Deleting traces with everything that hangs off them, in one transaction.
import { removeFromRollups } from "../analytics/rollups/remove";
import { transaction, type Db } from "../db/client";

export async function deleteTraces(client: Db, projectId: string, traceIds: string[]): Promise<number> {
  if (!traceIds.length) return 0;
  let deleted = 0;
  for (let i = 0; i < traceIds.length; i += 500) {
    const ids = traceIds.slice(i, i + 500);
    await transaction(client, async (tx) => {
      const obs = await tx.observation.findMany({ where: { projectId, traceId: { in: ids } }, select: { id: true } });
      const obsIds = obs.map((o) => o.id);
      await removeFromRollups(tx, projectId, { traceIds: ids });
      await tx.score.deleteMany({ where: { projectId, traceId: { in: ids } } });
      await tx.comment.deleteMany({
        where: { projectId, OR: [{ objectType: "TRACE", objectId: { in: ids } }, { objectType: "OBSERVATION", objectId: { in: obsIds } }] },
      });
      await tx.queueItem.deleteMany({
        where: { projectId, OR: [{ objectType: "TRACE", objectId: { in: ids } }, { objectType: "OBSERVATION", objectId: { in: obsIds } }] },
      });
      await tx.observation.deleteMany({ where: { projectId, traceId: { in: ids } } });
      deleted += (await tx.trace.deleteMany({ where: { projectId, id: { in: ids } } })).count;
    });
  }
  return deleted;
}
