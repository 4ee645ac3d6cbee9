// Reads for promotion: the datasets a picker offers, the datasets that hold
// items from a trace (the trace view's "In datasets"), and the source a
// promote dialog previews.
import "server-only";
import { db as processDb, type Db } from "../db/client";
import { loadSources, type SourceRef } from "./promote";
import { selectionPage } from "./promote-select";
import type { PromotionSource } from "./mapping";
import { promotionKey } from "./items";

export interface DatasetOption {
  id: string;
  name: string;
}

export async function datasetOptions(projectId: string, client: Db = processDb): Promise<DatasetOption[]> {
  return client.dataset.findMany({ where: { projectId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export interface DatasetHolding {
  datasetId: string;
  name: string;
  items: number;
}

/** The datasets holding an item whose source is this trace (or one of its observations), by name. */
export async function datasetsOfTrace(projectId: string, traceId: string, client: Db = processDb): Promise<DatasetHolding[]> {
  // DatasetItem(projectId, sourceTraceId) serves this.
  const groups = await client.datasetItem.groupBy({ by: ["datasetId"], where: { projectId, sourceTraceId: traceId }, _count: { _all: true } });
  if (!groups.length) return [];
  const names = await client.dataset.findMany({ where: { projectId, id: { in: groups.map((g) => g.datasetId) } }, select: { id: true, name: true } });
  const nameOf = new Map(names.map((d) => [d.id, d.name]));
  return groups
    .filter((g) => nameOf.has(g.datasetId))
    .map((g) => ({ datasetId: g.datasetId, name: nameOf.get(g.datasetId)!, items: g._count._all }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The source as promotion reads it, for the dialog's preview; for a view, its first matching trace. Null when there is none. */
export async function previewSource(client: Db, projectId: string, source: SourceRef | { traceView: string } | { observationView: string }): Promise<PromotionSource | null> {
  const now = new Date().toISOString();
  let ref: SourceRef | undefined;
  if ("traceView" in source) ref = (await selectionPage(client, projectId, { traceView: source.traceView, now }, {}, 1)).refs[0];
  else if ("observationView" in source) ref = (await selectionPage(client, projectId, { observationView: source.observationView, now }, {}, 1)).refs[0];
  else ref = source;
  if (!ref) return null;
  const sources = await loadSources(client, projectId, [ref]);
  return sources.get(promotionKey(ref.traceId, ref.observationId)) ?? null;
}
