// The metrics endpoints' one call into the engine: Langfuse's v2 row cap, and
// the engine's refusals (unknown view field, measure, aggregation, filter
// column...) answered as Langfuse does, a 400, naming the field from the
// `query` parameter down (`query.metrics[0].measure`).
import "server-only";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { ApiError, describeDetails } from "../http/errors";
import { underQuery, V2_DEFAULT_ROW_LIMIT } from "./api-schemas";
import { runMetricsQuery } from "./execute";
import type { MetricsQuery, MetricsRow } from "./query-schema";

function queryDetails(err: DomainError): { path: string; issue: string }[] {
  if (err.issues?.length) return err.issues.map((i) => ({ path: underQuery(i.path), issue: i.message }));
  return [{ path: underQuery(err.path), issue: err.issue ?? err.message }];
}

export async function metricsApi(projectId: string, query: MetricsQuery, version: "v1" | "v2"): Promise<{ data: MetricsRow[] }> {
  const q = version === "v2" ? { ...query, config: { ...query.config, row_limit: query.config?.row_limit ?? V2_DEFAULT_ROW_LIMIT } } : query;
  try {
    return { data: await runMetricsQuery(db, projectId, q) };
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== "invalid") throw err;
    const details = queryDetails(err);
    throw new ApiError("bad_request", `Invalid query: ${describeDetails(details)}`, details);
  }
}
