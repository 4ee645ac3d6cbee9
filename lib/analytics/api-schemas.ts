// The query strings of Langfuse's metrics endpoints
// (web/src/features/public-api/types/metrics.ts): `?query=<JSON>` for
// GET /api/public/metrics and /api/public/v2/metrics, and the daily
// endpoint's params. Pure (no server imports). A wrong field is named by its
// path from the parameter: `query` for JSON that does not parse,
// `query.metrics[0].aggregation` inside it.
import { z } from "zod";
import { formatPath, type FieldPath } from "../errors";
import { metricsQuerySchema, metricsQueryV2Schema } from "./query-schema";

/** The `query` parameter: a string holding JSON, then the query object. */
function queryParam<S extends z.ZodType>(schema: S) {
  return z.object({
    query: z
      .string({ message: "required: the query object as JSON" })
      .transform((text, ctx): unknown => {
        try {
          return JSON.parse(text);
        } catch {
          ctx.addIssue({ code: "custom", message: "must be JSON (the query object, URL-encoded)" });
          return z.NEVER;
        }
      })
      .pipe(schema),
  });
}

/** GET /api/public/metrics (Langfuse's "v1" query API): every view, traces included. */
export const metricsV1Params = queryParam(metricsQuerySchema);
/** GET /api/public/v2/metrics: the same object without the traces view. */
export const metricsV2Params = queryParam(metricsQueryV2Schema);

/**
 * A path inside the query object, from the parameter: "metrics[0].measure" →
 * "query.metrics[0].measure". The engine names a field with a path already
 * written out (one string), or as zod does (["metrics", 0, "measure"]).
 */
export function underQuery(path: FieldPath | string | undefined): string {
  const inner = typeof path === "string" ? path : !path?.length ? "" : path.length === 1 && typeof path[0] === "string" ? path[0] : formatPath(path);
  if (!inner) return "query";
  return inner.startsWith("[") ? `query${inner}` : `query.${inner}`;
}

/** Langfuse's v2 endpoint caps the rows it answers at 100 unless config.row_limit says otherwise. */
export const V2_DEFAULT_ROW_LIMIT = 100;

const isoInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).transform((s) => new Date(s));
// Repeated (tags=a&tags=b) or comma-separated (tags=a,b), as Langfuse splits a single value.
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean));
// Langfuse's publicApiPaginationZod: page from 1, limit 1..100, default 50; an empty value is absent.
const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);

/** GET /api/public/metrics/daily. */
// As Langfuse, a range with from ≥ to is no error: it holds no day.
export const dailyMetricsParams = z.object({
    page: z.preprocess(blankIsAbsent, z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").default(1)),
    limit: z.preprocess(blankIsAbsent, z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").max(100, "must be at most 100").default(50)),
    traceName: z.string().optional(),
    userId: z.string().optional(),
    tags: list.optional(),
    environment: list.optional(),
    fromTimestamp: isoInstant.optional(),
    toTimestamp: isoInstant.optional(),
});

export type DailyMetricsQuery = z.output<typeof dailyMetricsParams>;
