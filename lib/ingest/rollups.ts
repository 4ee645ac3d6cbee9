// Trace rollups (start, end, latency, counts, tokens, cost, models) kept on the
// trace row so the traces table sorts and filters without scanning observations.
import { sql } from "../db/sql";
import type { WriteStore } from "./store";

export async function refreshRollups(store: WriteStore, projectId: string, traceIds: string[]): Promise<void> {
  const d = store.dialect;
  for (let i = 0; i < traceIds.length; i += 500) {
    const ids = traceIds.slice(i, i + 500);
    await store.exec(sql`
      UPDATE "Trace" SET
        "startTime" = a.start_time,
        "endTime" = a.end_time,
        "latencyMs" = ${d.msBetween(sql`a.end_time`, sql`a.start_time`)},
        "observationCount" = a.n,
        "errorCount" = a.errors,
        "warningCount" = a.warnings,
        "inputTokens" = a.input_tokens,
        "outputTokens" = a.output_tokens,
        "totalTokens" = a.total_tokens,
        "totalCost" = a.total_cost,
        "models" = a.models
      FROM (
        SELECT "traceId" AS trace_id,
          MIN("startTime") AS start_time,
          MAX(COALESCE("endTime", "startTime")) AS end_time,
          COUNT(*) AS n,
          SUM(CASE WHEN "level" = 'ERROR' THEN 1 ELSE 0 END) AS errors,
          SUM(CASE WHEN "level" = 'WARNING' THEN 1 ELSE 0 END) AS warnings,
          COALESCE(SUM("inputTokens"), 0) AS input_tokens,
          COALESCE(SUM("outputTokens"), 0) AS output_tokens,
          COALESCE(SUM("totalTokens"), 0) AS total_tokens,
          SUM("totalCost") AS total_cost,
          ${d.jsonArrayAggDistinct(sql`"model"`)} AS models
        FROM "Observation"
        WHERE "projectId" = ${projectId} AND ${d.inList(sql`"traceId"`, ids)}
        GROUP BY "traceId"
      ) AS a
      WHERE "Trace"."projectId" = ${projectId} AND "Trace"."id" = a.trace_id`);
  }
}
