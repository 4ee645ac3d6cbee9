// Dataset reads for the workbench pages (the process-wide client). The work is
// in the lib/datasets modules, which take the client so tests reach them.
import "server-only";
import { db } from "../db/client";
import { isDomainNotFound } from "../errors";
import { correctionFollowUp } from "./correction";
import { listDatasets, requireDataset } from "./datasets";
import { listItemRows } from "./item-table";
import { getItem } from "./items";
import type { DatasetView, ItemStatus } from "./schemas";
import { listVersions } from "./versions";

export const datasetsOfProject = (projectId: string) => listDatasets(db, projectId);

export async function datasetOrNull(projectId: string, datasetId: string): Promise<DatasetView | null> {
  try {
    return await requireDataset(db, projectId, datasetId);
  } catch (err) {
    if (isDomainNotFound(err)) return null;
    throw err;
  }
}

/**
 * The dataset page's header: items by status and runs. For a dataset the page
 * already found in this project: datasetId alone lets the (datasetId, status,
 * createdAt) index answer without reading 100,000 rows.
 */
export async function datasetCounts(projectId: string, datasetId: string) {
  const [byStatus, runs] = await Promise.all([
    db.datasetItem.groupBy({ by: ["status"], where: { datasetId }, _count: { _all: true } }),
    db.datasetRun.count({ where: { projectId, datasetId } }),
  ]);
  const n = (s: ItemStatus) => byStatus.find((r) => r.status === s)?._count._all ?? 0;
  return { active: n("ACTIVE"), archived: n("ARCHIVED"), runs };
}

export { readItemFilter } from "./item-filter";

export const itemsTablePage = (projectId: string, datasetId: string, q: Parameters<typeof listItemRows>[3]) => listItemRows(db, projectId, datasetId, q);

/** Everything the item page shows, or null when the item (or its dataset) is not in this project. */
export async function itemPageData(projectId: string, datasetId: string, itemId: string) {
  const item = await getItem(db, projectId, itemId);
  if (!item || item.datasetId !== datasetId) return null;
  const [dataset, versions, correction] = await Promise.all([
    requireDataset(db, projectId, datasetId),
    listVersions(db, projectId, itemId),
    correctionFollowUp(db, projectId, itemId),
  ]);
  return { item, dataset, versions, correction };
}
