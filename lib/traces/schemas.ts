// The traces table's sort, selection and bulk-action schemas (the filter is the
// one filter model, lib/query/filter.ts; see lib/traces/filter.ts). No server imports.
import { z } from "zod";
import { promotionSpecSchema } from "../datasets/promote-schemas";

/**
 * A shorthand for the common trace conditions, for code that builds a filter
 * by hand (the public read API, tests). It is not a second model:
 * `traceConditions` (lib/traces/filter.ts) turns it into the one filter
 * (lib/query/filter.ts), which is what the where-builder reads.
 */
export interface TraceFilter {
  from?: Date;
  to?: Date;
  name?: string[];
  userId?: string;
  sessionId?: string;
  tags?: string[];
  environment?: string[];
  release?: string;
  version?: string;
  level?: "error" | "warning";
  model?: string;
  minLatency?: number;
  maxLatency?: number;
  minCost?: number;
  maxCost?: number;
  bookmarked?: boolean;
  search?: string;
  ids?: string[];
}

export const TRACE_SORT_COLUMNS = ["timestamp", "latency", "cost", "tokens", "observations", "errors", "name"] as const;
export type TraceSortColumn = (typeof TRACE_SORT_COLUMNS)[number];

/** Sort ids for score columns: `score:<name>`, the trace's own score (lib/traces/score-value.ts). */
export const SCORE_COLUMN = "score:";
export type ScoreSortColumn = `score:${string}`;
export const isScoreSortColumn = (c: string): c is ScoreSortColumn => c.startsWith(SCORE_COLUMN) && c.length > SCORE_COLUMN.length;

export const sortSchema = z
  .string()
  .regex(/^[a-zA-Z]+\.(asc|desc)$/, "must look like timestamp.desc")
  .transform((s) => {
    const [column, dir] = s.split(".");
    return { column, dir: dir as "asc" | "desc" };
  });

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1, "must be 1 or more").default(1),
  limit: z.coerce.number().int().min(1, "must be 1 or more").max(1000, "must be at most 1000").default(50),
});

/**
 * Which traces a bulk action touches: the ids ticked on the page, or every
 * trace matching the table view (its query string, re-read on the server).
 */
export const traceSelectionSchema = z.object({
  ids: z.array(z.string().min(1).max(500)).max(1000, "select at most 1000 rows, or all matching"),
  allMatching: z.boolean(),
  view: z.string().max(8000).default(""),
});
export type TraceSelection = z.input<typeof traceSelectionSchema>;

export const bulkTraceActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("bookmark"), value: z.boolean() }),
  z.object({ action: z.literal("delete") }),
  z.object({ action: z.literal("queue"), queueId: z.string().min(1, "pick a queue") }),
  // Add to dataset: promoted in the request when few, else as a PROMOTE job (lib/datasets/promote-run.ts).
  z.object({ action: z.literal("dataset"), promotion: promotionSpecSchema }),
]);
export type BulkTraceAction = z.infer<typeof bulkTraceActionSchema>;

export const bulkTraceInputSchema = z.object({ projectId: z.string().min(1), selection: traceSelectionSchema, action: bulkTraceActionSchema });

export const traceBookmarkSchema = z.object({ projectId: z.string().min(1), traceId: z.string().min(1).max(500), value: z.boolean() });
