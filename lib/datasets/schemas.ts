// Datasets and their items: the shapes forms, server actions and the public
// API share. No server imports (client forms use these too).
import { z } from "zod";
import { depthProblem } from "../ingest/storable";

export const ITEM_STATUSES = ["ACTIVE", "ARCHIVED"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** How an item came in; the items table filters on it. */
export const ITEM_ORIGINS = ["API", "MANUAL", "PROMOTION", "RULE", "IMPORT"] as const;
export type ItemOrigin = (typeof ITEM_ORIGINS)[number];

/** What each stored version records as its change. */
export const ITEM_CHANGES = ["CREATE", "UPDATE", "ARCHIVE", "RESTORE", "DELETE"] as const;
export type ItemChange = (typeof ITEM_CHANGES)[number];

export const MAX_NAME = 200;
/** Dataset and item ids are client-chosen strings, as Langfuse's. */
export const itemIdSchema = z.string().trim().min(1, "must not be empty").max(800, "must be at most 800 characters");

/** Any JSON value a payload may hold, within the ingestion depth limit. */
export const jsonValueSchema = z.unknown().superRefine((v, ctx) => {
  const problem = depthProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A JSON Schema given for a dataset: an object (or boolean) — compiled on the server (lib/datasets/json-schema.ts). */
export const jsonSchemaSchema = z.union([z.record(z.string(), z.unknown()), z.boolean()], { message: "must be a JSON Schema (an object)" });

// Not trimmed: Langfuse keeps a name as sent, and an SDK that created "x " must find it
// again by that name. The workbench's forms trim what a person types (datasetFormSchema).
export const datasetNameSchema = z
  .string({ message: "must be a string" })
  .refine((s) => s.trim().length > 0, "Enter a name")
  .max(MAX_NAME, `Names are at most ${MAX_NAME} characters`);

/** A name a person typed in a form: trimmed first. */
export const typedDatasetNameSchema = z.string({ message: "must be a string" }).trim().pipe(datasetNameSchema);

/** Create or update a dataset by name (the API's POST /datasets and the UI's create form). */
export const datasetInputSchema = z.strictObject({
  name: datasetNameSchema,
  description: z.string().max(5000, "must be at most 5000 characters").nullish(),
  metadata: jsonValueSchema.nullish(),
  inputSchema: jsonSchemaSchema.nullish(),
  expectedOutputSchema: jsonSchemaSchema.nullish(),
});
export type DatasetInput = z.infer<typeof datasetInputSchema>;

/**
 * One item to create or update. With an `id` that exists, the omitted fields
 * keep their stored values (Langfuse's merge); `null` clears a field.
 */
export const itemInputSchema = z.strictObject({
  id: itemIdSchema.optional(),
  input: jsonValueSchema.optional(),
  expectedOutput: jsonValueSchema.optional(),
  metadata: jsonValueSchema.optional(),
  sourceTraceId: z.string().min(1).max(800).nullish(),
  sourceObservationId: z.string().min(1).max(800).nullish(),
  status: z.enum(ITEM_STATUSES, { message: "must be ACTIVE or ARCHIVED" }).optional(),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

/** What a page or client sees of a dataset. */
export interface DatasetView {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  metadata: unknown;
  inputSchema: unknown;
  expectedOutputSchema: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface DatasetSummary extends DatasetView {
  itemCount: number;
  runCount: number;
  lastRunAt: string | null;
}

/** What a page or client sees of an item (the API shape adds datasetName). */
export interface ItemView {
  id: string;
  datasetId: string;
  status: ItemStatus;
  input: unknown;
  expectedOutput: unknown;
  metadata: unknown;
  sourceTraceId: string | null;
  sourceObservationId: string | null;
  origin: ItemOrigin;
  ruleId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ItemVersionView {
  version: number;
  change: ItemChange;
  status: ItemStatus | "DELETED";
  input: unknown;
  expectedOutput: unknown;
  metadata: unknown;
  changedBy: string | null;
  validFrom: string;
}

// ---- The workbench's dataset and item forms (lib/datasets/actions.ts) ----

/**
 * A JSON value typed into a textarea: empty means none (null); anything else
 * must parse, and the message names what is wrong where it is typed.
 */
export const jsonTextSchema = z
  .string({ message: "must be text" })
  .max(5_000_000, "must be at most 5,000,000 characters")
  .optional()
  .transform((text, ctx): unknown => {
    if (!text?.trim()) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `is not valid JSON: ${(err as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(jsonValueSchema);

/** A JSON Schema typed into a textarea: empty means none; else JSON that is an object (or boolean). */
export const jsonSchemaTextSchema = jsonTextSchema.pipe(z.union([jsonSchemaSchema, z.null()], { message: "must be a JSON Schema (an object)" }));

const projectRef = { projectId: z.string().min(1) };

/** The create and edit forms of the datasets list (metadata and the schemas typed as JSON). */
export const datasetFormSchema = z.object({
  ...projectRef,
  datasetId: z.string().min(1).optional(),
  name: typedDatasetNameSchema,
  description: z.string().trim().max(5000, "must be at most 5000 characters").optional().transform((v) => v || null),
  metadata: jsonTextSchema,
  inputSchema: jsonSchemaTextSchema,
  expectedOutputSchema: jsonSchemaTextSchema,
});

export const datasetRefSchema = z.object({ ...projectRef, datasetId: z.string().min(1) });

/** "Add item" on a dataset's page and the item page's editor: the three payloads as JSON text. */
export const itemFormSchema = z.object({
  ...projectRef,
  datasetId: z.string().min(1),
  /** absent when adding: the server picks an id (a chosen one may be typed) */
  itemId: z.string().trim().max(800, "must be at most 800 characters").optional().transform((v) => v || undefined),
  input: jsonTextSchema,
  expectedOutput: jsonTextSchema,
  metadata: jsonTextSchema,
});

export const itemRefSchema = z.object({ ...projectRef, itemId: z.string().min(1).max(800) });
export const itemStatusInputSchema = itemRefSchema.extend({ status: z.enum(ITEM_STATUSES, { message: "must be ACTIVE or ARCHIVED" }) });
/** "Use the new correction": the score the page offered, so a correction changed again since is not taken blindly. */
export const takeCorrectionSchema = itemRefSchema.extend({ scoreId: z.string().min(1).max(800) });

/** The items table's filters, read from the URL (lib/datasets/queries.ts) and carried to the export links. */
export const ITEM_FILTER_PARAMS = ["q", "status", "origin"] as const;
/** "all" shows archived items beside active ones; the table starts on active ones. */
export const ITEM_STATUS_FILTERS = ["active", "archived", "all"] as const;
export type ItemStatusFilter = (typeof ITEM_STATUS_FILTERS)[number];

/** One row of the items table: bounded previews as text, never the whole payload. */
export interface ItemRowView {
  id: string;
  inputPreview: string | null;
  expectedOutputPreview: string | null;
  metadataPreview: string | null;
  status: ItemStatus;
  origin: ItemOrigin;
  sourceTraceId: string | null;
  sourceObservationId: string | null;
  updatedAt: string;
}

/** What deleting a dataset loses (the confirmation names each). */
export interface DatasetFootprint {
  items: number;
  runs: number;
  rules: number;
}

/** The reviewer's correction changed after the item took it: the item page offers the new one. */
export interface CorrectionFollowUp {
  scoreId: string;
  /** "edited": the same score changed; "newer": another correction replaced it */
  reason: "edited" | "newer";
  current: unknown;
  next: string;
  changedAt: string;
}
