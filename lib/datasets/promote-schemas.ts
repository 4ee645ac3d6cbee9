// What the promote dialog sends and gets back: the promotion (target datasets,
// mapping, what to do with a source already there), the sources, and the
// outcome, direct or as a background job. No server imports (the dialog uses these).
import { z } from "zod";
import type { JobView } from "../jobs/schemas";
import { mappingSchema } from "./mapping";
import { typedDatasetNameSchema } from "./schemas";

/** More sources than this run as a background job (PROMOTE); fewer in the request. */
export const DIRECT_PROMOTION_LIMIT = 200;

export const sourceRefSchema = z.object({
  traceId: z.string().min(1).max(800),
  observationId: z.string().min(1).max(800).nullish(),
});

export type SourceRefInput = z.infer<typeof sourceRefSchema>;

export const promotionSpecSchema = z.object({
  datasetIds: z.array(z.string().min(1).max(200)).min(1, "pick at least one dataset").max(20, "pick at most 20 datasets"),
  mapping: mappingSchema,
  onExisting: z.enum(["skip", "update"]).default("skip"),
});
export type PromotionSpec = z.input<typeof promotionSpecSchema>;

/** Promote the sources named (one trace, one observation, the rows ticked). */
export const promoteSourcesSchema = z.object({
  projectId: z.string().min(1),
  promotion: promotionSpecSchema,
  sources: z.array(sourceRefSchema).min(1, "nothing to promote").max(1000, "select at most 1000 sources, or all matching"),
});

/** Every observation matching an observations-list view (its query string, re-read on the server). */
export const promoteObservationViewSchema = z.object({
  projectId: z.string().min(1),
  promotion: promotionSpecSchema,
  view: z.string().max(8000),
});

/** The source the dialog previews: one named, or the first trace matching a traces-table view. */
export const previewSourceSchema = z.object({
  projectId: z.string().min(1),
  source: z.union([sourceRefSchema, z.object({ traceView: z.string().max(8000) }), z.object({ observationView: z.string().max(8000) })]),
});

export const inlineDatasetSchema = z.object({
  projectId: z.string().min(1),
  name: typedDatasetNameSchema,
  description: z.string().trim().max(5000, "must be at most 5000 characters").optional(),
});

export interface PromotionResultView {
  added: number;
  updated: number;
  skipped: number;
  /** per source and dataset, why it was not written */
  failures: { source: string; reason: string }[];
}

/** A promotion that ran in the request, or the job that runs it. */
export type PromotionStart = { kind: "done"; result: PromotionResultView } | { kind: "job"; job: JobView };

/** "12 added, 3 updated, 40 skipped" (the job page's outcome line too). */
export function describePromotion(result: unknown): string | null {
  if (!result || typeof result !== "object") return null;
  const r = result as Partial<PromotionResultView>;
  if (typeof r.added !== "number") return null;
  return `${r.added.toLocaleString("en-US")} added, ${(r.updated ?? 0).toLocaleString("en-US")} updated, ${(r.skipped ?? 0).toLocaleString("en-US")} skipped`;
}

/** How a failure names its source: "trace abc" or "observation xyz (trace abc)". */
export function sourceLabel(ref: { traceId: string; observationId?: string | null }): string {
  return ref.observationId ? `observation ${ref.observationId} (trace ${ref.traceId})` : `trace ${ref.traceId}`;
}
