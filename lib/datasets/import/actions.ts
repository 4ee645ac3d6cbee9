"use server";
// The import page's preview: the start of the file (read in the browser, so a
// big file is not sent twice) parsed, mapped and checked as the import will.
// The file itself goes to the upload route handler (an action's body is capped).
import { z } from "zod";
import { projectAction } from "../../auth/action-guard";
import { requireDataset } from "../datasets";
import { previewImport } from "./run";
import { IMPORT_FORMATS, importMappingSchema } from "./schemas";

const previewSchema = z.object({
  projectId: z.string().min(1),
  datasetId: z.string().min(1),
  format: z.enum(IMPORT_FORMATS),
  /** the file's first bytes as text (the page sends at most 64 KB) */
  text: z.string().max(256 * 1024, "send at most the first 256 KB"),
  truncated: z.boolean().default(false),
  mapping: importMappingSchema.optional(),
});

export const previewImportAction = projectAction({ input: previewSchema, permission: "annotate" }, async ({ input, db }) => {
  const dataset = await requireDataset(db, input.projectId, input.datasetId);
  return previewImport(db, dataset, input.text, input.format, input.mapping, input.truncated);
});
