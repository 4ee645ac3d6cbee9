// Experiment reads for the workbench pages (the process-wide client). The work
// is in the lib/experiments modules, which take the client so tests reach them.
import "server-only";
import { db } from "../db/client";
import { isDomainNotFound } from "../errors";
import { listRunRows } from "./run-list";
import { runHeader, runPageItems } from "./run-page";

export const runsListPage = (projectId: string, datasetId: string, q: Parameters<typeof listRunRows>[3]) => listRunRows(db, projectId, datasetId, q);

/** A run of this dataset with a page of its items, or null when there is no such run here. */
export async function runPageData(projectId: string, datasetId: string, runId: string, page: { page: number; limit: number }) {
  try {
    const header = await runHeader(db, projectId, datasetId, runId);
    const items = await runPageItems(db, projectId, header.id, page);
    return { header, items };
  } catch (err) {
    if (isDomainNotFound(err)) return null;
    throw err;
  }
}
