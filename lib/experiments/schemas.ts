// Experiments (dataset runs and their items): the shapes shared by the API,
// the pages and the actions. No server imports.
import { z } from "zod";
import { jsonValueSchema } from "../datasets/schemas";

const idString = z.string({ message: "must be a string" }).min(1, "must not be empty").max(800, "must be at most 800 characters");

/** A run name: what `item.link(trace, runName)` and `runExperiment({ runName })` send. */
export const runNameSchema = z.string({ message: "must be a string" }).trim().min(1, "must not be empty").max(300, "must be at most 300 characters");

/**
 * POST /api/public/dataset-run-items, in Langfuse's names
 * (web/src/features/public-api/types/datasets.ts: PostDatasetRunItemsV1Body).
 * Strict: an unknown key is refused by name.
 */
export const linkRunItemBody = z
  .strictObject({
    runName: runNameSchema,
    runDescription: z.string({ message: "must be a string" }).max(10_000).nullish(),
    metadata: jsonValueSchema.nullish(),
    datasetItemId: idString,
    traceId: idString.nullish(),
    observationId: idString.nullish(),
    datasetVersion: z.coerce.date({ message: "must be an ISO 8601 timestamp" }).nullish(),
    createdAt: z.coerce.date({ message: "must be an ISO 8601 timestamp" }).nullish(),
  })
  .superRefine((b, ctx) => {
    if (!b.traceId && !b.observationId) ctx.addIssue({ code: "custom", path: ["traceId"], message: "give traceId or observationId" });
  });
export type LinkRunItemInput = z.infer<typeof linkRunItemBody>;

/** A run as the pages and the API read it. */
export interface RunView {
  id: string;
  name: string;
  description: string | null;
  metadata: unknown;
  datasetId: string;
  datasetName: string;
  createdAt: string;
  updatedAt: string;
}

/** A run item as the API returns it (Langfuse's APIDatasetRunItem). */
export interface RunItemView {
  id: string;
  datasetRunId: string;
  datasetRunName: string;
  datasetItemId: string;
  traceId: string;
  observationId: string | null;
  createdAt: string;
  updatedAt: string;
}
