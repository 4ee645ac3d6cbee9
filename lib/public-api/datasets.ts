// The Langfuse-compatible dataset API over lib/datasets: datasets created or
// updated by name, items through the one item writer, the items list (with
// `version`, the dataset as of a time) through the one list query. Every read
// and write is scoped to the API key's project.
import "server-only";
import type { Db } from "../db/client";
import { datasetView, requireDatasetByName, upsertDatasetByName } from "../datasets/datasets";
import { listItems } from "../datasets/item-list";
import { deleteItems, getItem, upsertItem } from "../datasets/items";
import type { DatasetInput } from "../datasets/schemas";
import { DomainError } from "../errors";
import { ApiError } from "../http/errors";
import type { DatasetItemListQuery, PostDatasetItemBody } from "./dataset-schemas";
import { datasetToApi, itemToApi } from "./dataset-shapes";
import { pageMeta } from "./shapes";

type Page = { page: number; limit: number };

/**
 * Langfuse answers a payload that does not fit (a JSON Schema misfit, a schema
 * that is not one) with 400; Loupe's domain calls it `invalid` (422 elsewhere).
 */
async function badRequestOnInvalid<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DomainError && err.code === "invalid") throw new ApiError("bad_request", err.describe(), err.details());
    throw err;
  }
}

/** POST /datasets (v1 adds empty `items` and `runs`, as Langfuse does even on an update) and POST /v2/datasets. */
export async function upsertDatasetApi(client: Db, projectId: string, body: DatasetInput, opts: { v1: boolean }) {
  const ds = datasetToApi(await badRequestOnInvalid(upsertDatasetByName(client, projectId, body)));
  return opts.v1 ? { ...ds, items: [], runs: [] } : ds;
}

async function datasetPage(client: Db, projectId: string, q: Page) {
  const [rows, totalItems] = await Promise.all([
    client.dataset.findMany({ where: { projectId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: q.limit, skip: (q.page - 1) * q.limit }),
    client.dataset.count({ where: { projectId } }),
  ]);
  return { datasets: rows.map((r) => datasetToApi(datasetView(r))), meta: pageMeta(q.page, q.limit, totalItems) };
}

/** GET /v2/datasets. */
export async function listDatasetsApi(client: Db, projectId: string, q: Page) {
  const { datasets, meta } = await datasetPage(client, projectId, q);
  return { data: datasets, meta };
}

/** GET /v2/datasets/{datasetName}. */
export async function getDatasetApi(client: Db, projectId: string, name: string) {
  return datasetToApi(await requireDatasetByName(client, projectId, name));
}

/** Run names per dataset, newest first. */
async function runNames(client: Db, projectId: string, datasetIds: string[]): Promise<Map<string, string[]>> {
  const runs = await client.datasetRun.findMany({
    where: { projectId, datasetId: { in: datasetIds } },
    select: { datasetId: true, name: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const out = new Map<string, string[]>();
  for (const r of runs) out.set(r.datasetId, [...(out.get(r.datasetId) ?? []), r.name]);
  return out;
}

/** GET /datasets (v1): each dataset with its active item ids and its run names. */
export async function listDatasetsV1Api(client: Db, projectId: string, q: Page) {
  const { datasets, meta } = await datasetPage(client, projectId, q);
  const ids = datasets.map((d) => d.id);
  const [items, runs] = await Promise.all([
    client.datasetItem.findMany({
      where: { projectId, datasetId: { in: ids }, status: "ACTIVE" },
      select: { id: true, datasetId: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    runNames(client, projectId, ids),
  ]);
  const itemIds = new Map<string, string[]>();
  for (const i of items) itemIds.set(i.datasetId, [...(itemIds.get(i.datasetId) ?? []), i.id]);
  return { data: datasets.map((d) => ({ ...d, items: itemIds.get(d.id) ?? [], runs: runs.get(d.id) ?? [] })), meta };
}

const ALL_PAGE = 1000;

/** GET /datasets/{name} (v1, older SDKs): the dataset with every active item whole, and its run names. */
export async function getDatasetV1Api(client: Db, projectId: string, name: string) {
  const ds = await requireDatasetByName(client, projectId, name);
  const items = [];
  for (let page = 1; ; page++) {
    const batch = await listItems(client, projectId, ds.id, { page, limit: ALL_PAGE, status: "ACTIVE" });
    items.push(...batch.items.map((i) => itemToApi(i, ds.name)));
    if (batch.items.length < ALL_PAGE) break;
  }
  const runs = await runNames(client, projectId, [ds.id]);
  return { ...datasetToApi(ds), items, runs: runs.get(ds.id) ?? [] };
}

/**
 * POST /dataset-items: creates the item, or updates the one with that `id`
 * (omitted fields keep their stored values). An unknown dataset is a 404, an
 * id held by another dataset a 409, a JSON Schema misfit a 400 with the path.
 */
export async function upsertItemApi(client: Db, projectId: string, body: PostDatasetItemBody) {
  const { datasetName, ...input } = body;
  const ds = await requireDatasetByName(client, projectId, datasetName);
  const { item } = await badRequestOnInvalid(upsertItem(client, ds, input, null, "API"));
  return itemToApi(item, ds.name);
}

/** GET /dataset-items: active items only, newest first; `version` answers the dataset as it was then. */
export async function listItemsApi(client: Db, projectId: string, q: DatasetItemListQuery) {
  const ds = q.datasetName === undefined ? null : await requireDatasetByName(client, projectId, q.datasetName);
  const page = await listItems(client, projectId, ds?.id ?? null, {
    page: q.page,
    limit: q.limit,
    status: "ACTIVE",
    sourceTraceId: q.sourceTraceId,
    sourceObservationId: q.sourceObservationId,
    version: q.version,
  });
  const names = ds ? new Map([[ds.id, ds.name]]) : await datasetNames(client, projectId, page.items.map((i) => i.datasetId));
  return {
    data: page.items.map((i) => itemToApi(i, names.get(i.datasetId) ?? "")),
    meta: pageMeta(q.page, q.limit, page.totalItems),
  };
}

async function datasetNames(client: Db, projectId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await client.dataset.findMany({ where: { projectId, id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** GET /dataset-items/{id}: the item whatever its status. */
export async function getItemApi(client: Db, projectId: string, id: string) {
  const item = await getItem(client, projectId, id);
  if (!item) throw new DomainError("not_found", `Dataset item "${id}" not found.`, { path: "datasetItemId" });
  const names = await datasetNames(client, projectId, [item.datasetId]);
  return itemToApi(item, names.get(item.datasetId) ?? "");
}

/** DELETE /dataset-items/{id}: the item goes; its history stays, so the dataset as of earlier still holds it. */
export async function deleteItemApi(client: Db, projectId: string, id: string) {
  const n = await deleteItems(client, projectId, [id], null);
  if (!n) throw new DomainError("not_found", `Dataset item "${id}" not found.`, { path: "datasetItemId" });
  return { message: "Dataset item successfully deleted" as const };
}
