// Query and body schemas of the Langfuse-compatible dataset API, in Langfuse's
// parameter names (web/src/features/public-api/types/datasets.ts). Bodies are
// strict (an unknown key is refused with its name); both SDKs send only these.
// No server imports.
import { z } from "zod";
import { datasetInputSchema, datasetNameSchema, itemIdSchema, ITEM_STATUSES, jsonValueSchema } from "../datasets/schemas";
import { pageSchema } from "../traces/schemas";

/** Langfuse's publicApiPaginationZod: page ≥ 1, limit 1–100, default 50. */
export const datasetPageQuery = pageSchema.extend({
  limit: z.coerce.number().int().min(1, "must be 1 or more").max(100, "must be at most 100").default(50),
});

/**
 * Langfuse reads a null as "not given" (`x ?? undefined`): an SDK that sends
 * every field, unset ones as null (Fern's Python client does), keeps the stored
 * values on an update instead of clearing them.
 */
const nullIsOmitted = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => (v === null ? undefined : v) as Exclude<z.output<T>, null>);

/** POST /api/public/datasets and /api/public/v2/datasets: create, or update the dataset of that name. */
export const postDatasetBody = datasetInputSchema.transform((b) => ({
  ...b,
  // A null description or metadata keeps the stored one, as in Langfuse; a null schema removes the schema.
  description: b.description ?? undefined,
  metadata: b.metadata ?? undefined,
}));

/** POST /api/public/dataset-items: create, or update the item with that id (omitted fields keep their stored values). */
export const postDatasetItemBody = z.strictObject({
  datasetName: datasetNameSchema,
  id: nullIsOmitted(itemIdSchema),
  input: nullIsOmitted(jsonValueSchema),
  expectedOutput: nullIsOmitted(jsonValueSchema),
  metadata: nullIsOmitted(jsonValueSchema),
  sourceTraceId: nullIsOmitted(z.string({ message: "must be a string" }).min(1, "must not be empty").max(800)),
  sourceObservationId: nullIsOmitted(z.string({ message: "must be a string" }).min(1, "must not be empty").max(800)),
  status: nullIsOmitted(z.enum(ITEM_STATUSES, { message: "must be ACTIVE or ARCHIVED" })),
});
export type PostDatasetItemBody = z.infer<typeof postDatasetItemBody>;

/** GET /api/public/dataset-items: active items, optionally of one dataset, one source, as of a time. */
export const datasetItemListQuery = datasetPageQuery
  .extend({
    datasetName: z.string().min(1, "must not be empty").optional(),
    sourceTraceId: z.string().min(1, "must not be empty").optional(),
    sourceObservationId: z.string().min(1, "must not be empty").optional(),
    // As Langfuse (and the read API's dates): an ISO 8601 timestamp, e.g. 2026-01-21T14:35:42Z.
    version: z.coerce.date({ message: "must be an ISO 8601 timestamp" }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.version && !q.datasetName) ctx.addIssue({ code: "custom", path: ["datasetName"], message: "is required when version is given" });
  });
export type DatasetItemListQuery = z.infer<typeof datasetItemListQuery>;
