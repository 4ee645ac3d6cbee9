// Linking a trace to a dataset item in a run (POST /api/public/dataset-run-items,
// the SDKs' `item.link` and `runExperiment`): the run is created or updated by
// (dataset, runName), and the run item by (run, item). The trace need not exist
// yet: OTLP exports and this call race, and the link holds either way.
import "server-only";
import type { Db, Tx } from "../db/client";
import { transaction } from "../db/client";
import { DbNull } from "../db/models";
import { DomainError, isUniqueViolation } from "../errors";
import { nudgeEvaluators } from "../evals/nudge";
import { makeJsonStorable } from "../ingest/storable";
import { runItemView } from "./runs";
import type { LinkRunItemInput, RunItemView } from "./schemas";

/** The item's dataset when it is active (at `version` when given), else a 404 naming the item. */
async function activeItem(client: Db | Tx, projectId: string, itemId: string, version?: Date | null): Promise<{ datasetId: string }> {
  const notFound = () => new DomainError("not_found", `dataset item "${itemId}" not found or not active${version ? ` at ${version.toISOString()}` : ""}`, { path: ["datasetItemId"] });
  if (version) {
    const v = await client.datasetItemVersion.findFirst({
      where: { projectId, itemId, validFrom: { lte: version }, OR: [{ validTo: null }, { validTo: { gt: version } }] },
      select: { datasetId: true, status: true },
    });
    if (!v || v.status !== "ACTIVE") throw notFound();
    return { datasetId: v.datasetId };
  }
  const item = await client.datasetItem.findUnique({ where: { projectId_id: { projectId, id: itemId } }, select: { datasetId: true, status: true } });
  if (!item || item.status !== "ACTIVE") throw notFound();
  return item;
}

/** The trace of a link given only an observation (Langfuse's older SDKs link observations). */
async function traceOfObservation(client: Db, projectId: string, observationId: string): Promise<string> {
  const obs = await client.observation.findFirst({ where: { projectId, id: observationId }, select: { traceId: true } });
  if (!obs?.traceId) throw new DomainError("not_found", `observation "${observationId}" not found`, { path: ["observationId"] });
  return obs.traceId;
}

async function upsertRun(tx: Tx, projectId: string, datasetId: string, input: LinkRunItemInput) {
  const set: Record<string, unknown> = {};
  if (input.runDescription != null) set.description = input.runDescription;
  if (input.metadata != null) set.metadata = makeJsonStorable(structuredClone(input.metadata));
  const existing = await tx.datasetRun.findUnique({ where: { datasetId_name: { datasetId, name: input.runName } } });
  if (existing) {
    return Object.keys(set).length ? tx.datasetRun.update({ where: { id: existing.id }, data: set }) : existing;
  }
  return tx.datasetRun.create({
    data: {
      projectId,
      datasetId,
      name: input.runName,
      description: input.runDescription ?? null,
      metadata: input.metadata == null ? DbNull : makeJsonStorable(structuredClone(input.metadata)),
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
  });
}

/**
 * Link one run item. Linking the same item in the same run again points the
 * run item at the new trace (the latest attempt is the run's answer).
 */
export async function linkRunItem(client: Db, projectId: string, input: LinkRunItemInput): Promise<RunItemView> {
  const traceId = input.traceId ?? (await traceOfObservation(client, projectId, input.observationId!));
  const attempt = () =>
    transaction(client, async (tx) => {
      const { datasetId } = await activeItem(tx, projectId, input.datasetItemId, input.datasetVersion);
      const run = await upsertRun(tx, projectId, datasetId, input);
      const data = { traceId, observationId: input.observationId ?? null, datasetVersion: input.datasetVersion ?? null };
      const item = await tx.datasetRunItem.upsert({
        where: { datasetRunId_datasetItemId: { datasetRunId: run.id, datasetItemId: input.datasetItemId } },
        update: data,
        create: { projectId, datasetRunId: run.id, datasetItemId: input.datasetItemId, ...data, ...(input.createdAt ? { createdAt: input.createdAt } : {}) },
      });
      return runItemView(item, run.name);
    });
  let view: RunItemView;
  try {
    view = await attempt();
  } catch (err) {
    // Two first links of one run (or one item) at once: the loser finds the winner's row.
    if (!isUniqueViolation(err)) throw err;
    view = await attempt();
  }
  // Committed: the dataset's evaluators score it soon, off this request (an in-memory nudge).
  nudgeEvaluators(projectId);
  return view;
}
