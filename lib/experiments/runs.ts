// Dataset runs: find, list, delete; the read shapes of runs and run items.
// The runs table, run page and compare view read through lib/experiments/*-queries.
import "server-only";
import { transaction, type Db } from "../db/client";
import { removeFromRollups } from "../analytics/rollups/remove";
import { DomainError } from "../errors";
import { isoAlways as iso } from "../iso";
import type { RunItemView, RunView } from "./schemas";

type RunRow = { id: string; name: string; description: string | null; metadata: unknown; datasetId: string; createdAt: Date; updatedAt: Date };
type RunItemRow = { id: string; datasetRunId: string; datasetItemId: string; traceId: string; observationId: string | null; createdAt: Date; updatedAt: Date };

export function runView(r: RunRow, datasetName: string): RunView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    // A model read: JSON fields are values already.
    metadata: r.metadata ?? null,
    datasetId: r.datasetId,
    datasetName,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function runItemView(r: RunItemRow, runName: string): RunItemView {
  return {
    id: r.id,
    datasetRunId: r.datasetRunId,
    datasetRunName: runName,
    datasetItemId: r.datasetItemId,
    traceId: r.traceId,
    observationId: r.observationId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** The run of a dataset by name, or a 404 naming it. */
export async function requireRunByName(client: Db, projectId: string, datasetId: string, runName: string) {
  const run = await client.datasetRun.findFirst({ where: { projectId, datasetId, name: runName } });
  if (!run) throw new DomainError("not_found", `dataset run "${runName}" not found`, { path: ["runName"] });
  return run;
}

/** A run by id within the project, or a 404. */
export async function requireRun(client: Db, projectId: string, runId: string) {
  const run = await client.datasetRun.findFirst({ where: { projectId, id: runId } });
  if (!run) throw new DomainError("not_found", `dataset run "${runId}" not found`, { path: ["runId"] });
  return run;
}

/** Runs of a dataset, newest first, paged. */
export async function listRuns(client: Db, projectId: string, datasetId: string, page: { page: number; limit: number }) {
  const where = { projectId, datasetId };
  const [rows, total] = await Promise.all([
    client.datasetRun.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: page.limit, skip: (page.page - 1) * page.limit }),
    client.datasetRun.count({ where }),
  ]);
  return { rows, total };
}

/** Run items of a run, oldest first (the order they were linked), paged. */
export async function listRunItems(client: Db, projectId: string, runId: string, page: { page: number; limit: number }) {
  const where = { projectId, datasetRunId: runId };
  const [rows, total] = await Promise.all([
    client.datasetRunItem.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: page.limit, skip: (page.page - 1) * page.limit }),
    client.datasetRunItem.count({ where }),
  ]);
  return { rows, total };
}

/**
 * Delete a run with its run items. Scores on the run (run-level scores) go
 * with it, as in Langfuse; the traces and their item scores stay. The
 * evaluators' results on its run items (outcomes and errors the evaluator
 * pages list) go too: their targets no longer exist.
 */
export async function deleteRun(client: Db, projectId: string, runId: string): Promise<void> {
  await transaction(client, async (tx) => {
    await removeFromRollups(tx, projectId, { datasetRunId: runId });
    await tx.score.deleteMany({ where: { projectId, datasetRunId: runId } });
    await tx.evaluatorResult.deleteMany({ where: { projectId, datasetRunId: runId } });
    await tx.datasetRun.deleteMany({ where: { projectId, id: runId } });
  });
}
