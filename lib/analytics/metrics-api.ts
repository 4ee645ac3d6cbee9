// The metrics endpoints' one call into the engine: Langfuse's v2 row cap, and
// the engine's refusals (unknown view field, measure, aggregation, filter
// column...) answered as Langfuse does, a 400, naming the field from the
// `query` parameter down (`query.metrics[0].measure`).
import "server-only";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { ApiError, describeDetails } from "../http/errors";
import { V2_DEFAULT_ROW_LIMIT } from "./api-schemas";
import { runMetricsQuery } from "./execute";
import type { MetricsQuery, MetricsRow } from "./query-schema";

/** A path inside the query object, from the parameter: "metrics[0].measure" → "query.metrics[0].measure". */
export function underQuery(path: string): string {
  if (!path || path === "(root)") return "query";
  return path.startsWith("[") ? `query${path}` : `query.${path}`;
}

export async function metricsApi(projectId: string, query: MetricsQuery, version: "v1" | "v2"): Promise<{ data: MetricsRow[] }> {
  const q = version === "v2" ? { ...query, config: { ...query.config, row_limit: query.config?.row_limit ?? V2_DEFAULT_ROW_LIMIT } } : query;
  try {
    return { data: await runMetricsQuery(db, projectId, q) };
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== "invalid") throw err;
    const details = err.details().map((d) => ({ path: underQuery(d.path), issue: d.issue }));
    const message = details.length ? `Invalid query: ${describeDetails(details)}` : `Invalid query: ${err.message}`;
    throw new ApiError("bad_request", message, details.length ? details : [{ path: "query", issue: err.message }]);
  }
}
