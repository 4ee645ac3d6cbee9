// The link made from an experiment trace itself when the SDK's
// POST /dataset-run-items did not arrive (lib/ingest/otel/experiment-links.ts
// schedules it): the run item is created only when the run does not hold the
// item yet, so the SDK's own link always wins.
import "server-only";
import type { Db } from "../db/client";
import type { LinkCandidate } from "../ingest/otel/experiment-links";
import { linkRunItem } from "./link";

/** True when a link was made. An item that is gone, archived or of another dataset is left alone. */
export async function linkFromTrace(client: Db, projectId: string, c: LinkCandidate): Promise<boolean> {
  const item = await client.datasetItem.findUnique({ where: { projectId_id: { projectId, id: c.itemId } }, select: { datasetId: true, status: true } });
  if (!item || item.status !== "ACTIVE" || item.datasetId !== c.datasetId) return false;
  const run = await client.datasetRun.findUnique({ where: { datasetId_name: { datasetId: c.datasetId, name: c.runName } }, select: { id: true, projectId: true } });
  if (run && run.projectId !== projectId) return false;
  if (run) {
    const held = await client.datasetRunItem.findUnique({ where: { datasetRunId_datasetItemId: { datasetRunId: run.id, datasetItemId: c.itemId } }, select: { id: true } });
    if (held) return false;
  }
  await linkRunItem(client, projectId, {
    runName: c.runName,
    // A run the SDK already made keeps its description and metadata (null leaves them as they are).
    runDescription: run ? null : (c.description ?? null),
    metadata: run ? null : (c.metadata ?? null),
    datasetItemId: c.itemId,
    traceId: c.traceId,
    observationId: c.observationId ?? null,
  });
  return true;
}
