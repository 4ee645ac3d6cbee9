// Langfuse's APIDatasetRun and APIDatasetRunItem, field for field
// (web/src/features/public-api/types/datasets.ts), and the query of the run
// items list. Fields are picked one by one so a field Loupe adds to its views
// never leaks into the API. No server imports.
import { z } from "zod";
import type { RunItemView, RunView } from "../experiments/schemas";
import { datasetPageQuery } from "./dataset-schemas";

export function runToApi(r: RunView) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    metadata: r.metadata,
    datasetId: r.datasetId,
    datasetName: r.datasetName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function runItemToApi(i: RunItemView) {
  return {
    id: i.id,
    datasetRunId: i.datasetRunId,
    datasetRunName: i.datasetRunName,
    datasetItemId: i.datasetItemId,
    traceId: i.traceId,
    observationId: i.observationId,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

const required = z.string({ message: "is required" }).min(1, "must not be empty");

/** GET /api/public/dataset-run-items: a run's items by dataset id and run name, paged as the dataset API is. */
export const runItemListQuery = datasetPageQuery.extend({ datasetId: required, runName: required });
