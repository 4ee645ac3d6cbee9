// The Langfuse-compatible runs API over lib/experiments: link a run item
// (POST /dataset-run-items), list a run's items, list a dataset's runs, get one
// run with its items, delete it. Runs are found by (dataset name, run name), as
// the SDKs address them; every read and write is scoped to the API key's project.
import "server-only";
import type { Db } from "../db/client";
import { requireDatasetByName } from "../datasets/datasets";
import { DomainError } from "../errors";
import { linkRunItem } from "../experiments/link";
import { deleteRun, listRunItems, listRuns, requireRunByName, runItemView, runView } from "../experiments/runs";
import type { LinkRunItemInput } from "../experiments/schemas";
import { runItemToApi, runToApi } from "./dataset-runs-shapes";
import { pageMeta } from "./shapes";

type Page = { page: number; limit: number };

/** POST /dataset-run-items: the run made or updated by (dataset, runName), the item linked to the trace. */
export async function linkRunItemApi(client: Db, projectId: string, body: LinkRunItemInput) {
  return runItemToApi(await linkRunItem(client, projectId, body));
}

/** GET /dataset-run-items?datasetId&runName: the run's items in link order, paged. */
export async function listRunItemsApi(client: Db, projectId: string, q: Page & { datasetId: string; runName: string }) {
  const ds = await client.dataset.findFirst({ where: { projectId, id: q.datasetId }, select: { id: true } });
  if (!ds) throw new DomainError("not_found", `Dataset "${q.datasetId}" not found.`, { path: "datasetId" });
  const run = await requireRunByName(client, projectId, ds.id, q.runName);
  const { rows, total } = await listRunItems(client, projectId, run.id, q);
  return { data: rows.map((r) => runItemToApi(runItemView(r, run.name))), meta: pageMeta(q.page, q.limit, total) };
}

/** GET /datasets/{name}/runs: newest first, paged. */
export async function listRunsApi(client: Db, projectId: string, datasetName: string, q: Page) {
  const ds = await requireDatasetByName(client, projectId, datasetName);
  const { rows, total } = await listRuns(client, projectId, ds.id, q);
  return { data: rows.map((r) => runToApi(runView(r, ds.name))), meta: pageMeta(q.page, q.limit, total) };
}

// Runs of thousands of items are read in pages of this size (one query each).
const ITEM_PAGE = 1000;

/** GET /datasets/{name}/runs/{runName}: the run with every run item, in link order. */
export async function getRunApi(client: Db, projectId: string, datasetName: string, runName: string) {
  const ds = await requireDatasetByName(client, projectId, datasetName);
  const run = await requireRunByName(client, projectId, ds.id, runName);
  const datasetRunItems = [];
  for (let page = 1; ; page++) {
    const { rows } = await listRunItems(client, projectId, run.id, { page, limit: ITEM_PAGE });
    datasetRunItems.push(...rows.map((r) => runItemToApi(runItemView(r, run.name))));
    if (rows.length < ITEM_PAGE) break;
  }
  return { ...runToApi(runView(run, ds.name)), datasetRunItems };
}

/** DELETE /datasets/{name}/runs/{runName}: the run, its items and its run-level scores; the traces stay. */
export async function deleteRunApi(client: Db, projectId: string, datasetName: string, runName: string) {
  const ds = await requireDatasetByName(client, projectId, datasetName);
  const run = await requireRunByName(client, projectId, ds.id, runName);
  await deleteRun(client, projectId, run.id);
  return { message: "Dataset run successfully deleted" as const };
}
