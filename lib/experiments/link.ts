// Linking a trace to a dataset item in a run (POST /api/public/dataset-run-items,
// the SDKs' `item.link` and `runExperiment`): the run is created or updated by
// (dataset, runName), and the run item by (run, item). The trace need not exist
// yet: OTLP exports and this call race, and the link holds either way.
import "server-only";
import { isDeepStrictEqual } from "node:util";
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

/**
 * The run of (dataset, runName), made on its first link. A later link updates
 * its description and metadata only when they differ: the legacy SDK resends
 * the same ones with every item, and rewriting the row each time would queue
 * a run's concurrent links behind its row lock on PostgreSQL. `keep` leaves an
 * existing run as it is (the link made from a trace never overrides the SDK's).
 */
async function upsertRun(tx: Tx, projectId: string, datasetId: string, input: LinkRunItemInput, keep: boolean) {
  const metadata = input.metadata == null ? null : makeJsonStorable(structuredClone(input.metadata));
  const existing = await tx.datasetRun.findUnique({ where: { datasetId_name: { datasetId, name: input.runName } } });
  if (existing) {
    if (keep) return existing;
    const set: Record<string, unknown> = {};
    if (input.runDescription != null && input.runDescription !== existing.description) set.description = input.runDescription;
    // Order-blind: PostgreSQL's jsonb gives keys back in its own order.
    if (metadata !== null && !isDeepStrictEqual(metadata, existing.metadata)) set.metadata = metadata;
    return Object.keys(set).length ? tx.datasetRun.update({ where: { id: existing.id }, data: set }) : existing;
  }
  return tx.datasetRun.create({
    data: {
      projectId,
      datasetId,
      name: input.runName,
      description: input.runDescription ?? null,
      metadata: metadata === null ? DbNull : metadata,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
  });
}

/** One link; with `ifAbsent`, only when the run does not hold the item yet (else null, nothing written). */
async function link(client: Db, projectId: string, input: LinkRunItemInput, ifAbsent: boolean): Promise<RunItemView | null> {
  const traceId = input.traceId ?? (await traceOfObservation(client, projectId, input.observationId!));
  const attempt = () =>
    transaction(client, async (tx) => {
      const { datasetId } = await activeItem(tx, projectId, input.datasetItemId, input.datasetVersion);
      const run = await upsertRun(tx, projectId, datasetId, input, ifAbsent);
      const key = { datasetRunId_datasetItemId: { datasetRunId: run.id, datasetItemId: input.datasetItemId } };
      const data = { traceId, observationId: input.observationId ?? null, datasetVersion: input.datasetVersion ?? null };
      const create = { projectId, datasetRunId: run.id, datasetItemId: input.datasetItemId, ...data, ...(input.createdAt ? { createdAt: input.createdAt } : {}) };
      if (ifAbsent) {
        if (await tx.datasetRunItem.findUnique({ where: key, select: { id: true } })) return null;
        // A link committing meanwhile makes this create fail (a unique violation): the retry then finds it.
        return runItemView(await tx.datasetRunItem.create({ data: create }), run.name);
      }
      return runItemView(await tx.datasetRunItem.upsert({ where: key, update: data, create }), run.name);
    });
  let view: RunItemView | null;
  try {
    view = await attempt();
  } catch (err) {
    // Two first links of one run (or one item) at once: the loser finds the winner's row.
    if (!isUniqueViolation(err)) throw err;
    view = await attempt();
  }
  // Committed: the dataset's evaluators score it soon, off this request (an in-memory nudge).
  if (view) nudgeEvaluators(projectId);
  return view;
}

/**
 * Link one run item. Linking the same item in the same run again points the
 * run item at the new trace (the latest attempt is the run's answer).
 */
export async function linkRunItem(client: Db, projectId: string, input: LinkRunItemInput): Promise<RunItemView> {
  return (await link(client, projectId, input, false))!;
}

/**
 * Link one run item only if the run does not hold the item yet, never
 * updating an existing run item or run (null then): the link made from an
 * experiment trace, which must not overwrite the SDK's own link, even one
 * committing at the same moment.
 */
export function linkRunItemIfAbsent(client: Db, projectId: string, input: LinkRunItemInput): Promise<RunItemView | null> {
  return link(client, projectId, input, true);
}
