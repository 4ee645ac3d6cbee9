// The traces filter set, shared by the traces table (URL search params), the
// public read API and bulk actions. No server imports.
import { z } from "zod";

const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean));

const num = z.coerce.number({ message: "must be a number" }).finite();
const isoDate = z.coerce.date({ message: "must be an ISO 8601 date" });

export const SCORE_OPS = ["=", "!=", "<", "<=", ">", ">="] as const;

/** "helpfulness<0.5", "correct=false", "label=good" */
export const scoreCondition = z.string().transform((raw, ctx) => {
  const m = /^\s*([^<>=!]+?)\s*(<=|>=|!=|=|<|>)\s*(.+?)\s*$/.exec(raw);
  if (!m) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not a score condition like helpfulness<0.5 or correct=false` });
    return z.NEVER;
  }
  const [, name, op, value] = m;
  const lower = value.toLowerCase();
  const numeric = lower === "true" ? 1 : lower === "false" ? 0 : Number(value);
  return { name, op: op as (typeof SCORE_OPS)[number], value: Number.isFinite(numeric) ? numeric : value };
});
export type ScoreCondition = z.infer<typeof scoreCondition>;

/** "key=value" on trace metadata */
export const metadataCondition = z.string().transform((raw, ctx) => {
  const i = raw.indexOf("=");
  if (i < 1) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not a metadata condition like region=eu-west-1` });
    return z.NEVER;
  }
  return { key: raw.slice(0, i).trim(), value: raw.slice(i + 1).trim() };
});

export const TRACE_SORT_COLUMNS = ["timestamp", "latency", "cost", "tokens", "observations", "errors", "name"] as const;
export type TraceSortColumn = (typeof TRACE_SORT_COLUMNS)[number];

/** Sort ids for score columns: `score:<name>`, the trace's own score (lib/traces/score-value.ts). */
export const SCORE_COLUMN = "score:";
export type ScoreSortColumn = `score:${string}`;
export const isScoreSortColumn = (c: string): c is ScoreSortColumn => c.startsWith(SCORE_COLUMN) && c.length > SCORE_COLUMN.length;

export const traceFilterSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  name: csv.optional(),
  userId: z.string().optional(),
  sessionId: z.string().optional(),
  tags: csv.optional(),
  environment: csv.optional(),
  release: z.string().optional(),
  version: z.string().optional(),
  level: z.enum(["error", "warning"], { message: "must be error or warning" }).optional(),
  model: z.string().optional(),
  minLatency: num.optional(),
  maxLatency: num.optional(),
  minCost: num.optional(),
  maxCost: num.optional(),
  score: z.union([scoreCondition, z.array(scoreCondition)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  metadata: z.union([metadataCondition, z.array(metadataCondition)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  bookmarked: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  search: z.string().trim().min(1).max(200).optional(),
  ids: csv.optional(),
});
export type TraceFilter = z.infer<typeof traceFilterSchema>;

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
]);
export type BulkTraceAction = z.infer<typeof bulkTraceActionSchema>;

export const bulkTraceInputSchema = z.object({ projectId: z.string().min(1), selection: traceSelectionSchema, action: bulkTraceActionSchema });

export const traceBookmarkSchema = z.object({ projectId: z.string().min(1), traceId: z.string().min(1).max(500), value: z.boolean() });
