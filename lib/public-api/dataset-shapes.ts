// Langfuse's APIDataset and APIDatasetItem, field for field
// (web/src/features/public-api/types/datasets.ts): fields are picked one by one
// so a field Loupe adds to its own views never leaks into the API.
import type { DatasetView, ItemView } from "../datasets/schemas";

export function datasetToApi(d: DatasetView) {
  return {
    id: d.id,
    projectId: d.projectId,
    name: d.name,
    description: d.description,
    metadata: d.metadata,
    inputSchema: d.inputSchema,
    expectedOutputSchema: d.expectedOutputSchema,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export type ApiDataset = ReturnType<typeof datasetToApi>;

export function itemToApi(i: ItemView, datasetName: string) {
  return {
    id: i.id,
    datasetId: i.datasetId,
    datasetName,
    status: i.status,
    input: i.input,
    expectedOutput: i.expectedOutput,
    metadata: i.metadata,
    sourceTraceId: i.sourceTraceId,
    sourceObservationId: i.sourceObservationId,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    // Langfuse lists the media its payloads reference; Loupe stores no media, so there are none.
    mediaReferences: [] as never[],
  };
}

export type ApiDatasetItem = ReturnType<typeof itemToApi>;
