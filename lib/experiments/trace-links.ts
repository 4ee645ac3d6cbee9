// The link made from an experiment trace itself when the SDK's
// POST /dataset-run-items did not arrive (lib/ingest/otel/experiment-links.ts
// schedules it): the run item is created only when the run does not hold the
// item yet (checked and created in one transaction), so the SDK's own link
// always wins, and an existing run is left as it is.
import "server-only";
import type { Db } from "../db/client";
import type { LinkCandidate } from "../ingest/otel/experiment-links";
import { linkRunItemIfAbsent } from "./link";

/** True when a link was made. An item that is gone, archived or of another dataset is left alone. */
export async function linkFromTrace(client: Db, projectId: string, c: LinkCandidate): Promise<boolean> {
  const item = await client.datasetItem.findUnique({ where: { projectId_id: { projectId, id: c.itemId } }, select: { datasetId: true, status: true } });
  if (!item || item.status !== "ACTIVE" || item.datasetId !== c.datasetId) return false;
  // Create-if-absent in the link's own transaction: an SDK link committing in between is never overwritten,
  // and a run the SDK already made keeps its description and metadata.
  const made = await linkRunItemIfAbsent(client, projectId, {
    runName: c.runName,
    runDescription: c.description ?? null,
    metadata: c.metadata ?? null,
    datasetItemId: c.itemId,
    traceId: c.traceId,
    observationId: c.observationId ?? null,
  });
  return made !== null;
}
