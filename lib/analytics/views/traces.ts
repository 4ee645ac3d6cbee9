// The traces view (Langfuse's traceView): one row per trace. Its measures read
// the trace row's rollups (latencyMs, observationCount, tokens, cost, kept
// current on every ingestion write), so a query never scans observations.
import { sql, type Dialect } from "../../db/sql";
import { TRACE_COLUMNS } from "../../traces/where";
import { col, dimensionFilters, type DimensionDef, type ViewDecl } from "./types";
import { monthDimension, tagsDimension } from "./shared";

const t = (name: string) => col("t", name);

export function tracesView(d: Dialect): ViewDecl {
  const dimensions: Record<string, DimensionDef> = {
    id: { expr: t("id"), type: "string" },
    name: { expr: t("name"), type: "string" },
    tags: tagsDimension(d, t("tags")),
    userId: { expr: t("userId"), type: "string" },
    sessionId: { expr: t("sessionId"), type: "string" },
    release: { expr: t("release"), type: "string" },
    version: { expr: t("version"), type: "string" },
    environment: { expr: t("environment"), type: "string" },
    timestampMonth: monthDimension(d, t("timestamp")),
  };
  const { filters, filterJoins } = dimensionFilters(dimensions);
  return {
    name: "traces",
    from: sql`"Trace" AS "t"`,
    joins: {},
    projectColumn: t("projectId"),
    timeColumn: t("timestamp"),
    segments: [],
    dimensions,
    measures: {
      count: { expr: sql`1`, type: "integer" },
      observationsCount: { expr: t("observationCount"), type: "integer" },
      // A trace's scores (not corrections), one index look-up per trace on Score(projectId, traceId).
      scoresCount: {
        expr: sql`(SELECT COUNT(*) FROM "Score" AS "sc" WHERE "sc"."projectId" = "t"."projectId" AND "sc"."traceId" = "t"."id" AND "sc"."dataType" <> 'CORRECTION')`,
        type: "integer",
      },
      uniqueUserIds: { expr: t("userId"), type: "integer", distinctCount: true },
      uniqueSessionIds: { expr: t("sessionId"), type: "integer", distinctCount: true },
      latency: { expr: t("latencyMs"), type: "integer" },
      totalTokens: { expr: t("totalTokens"), type: "integer" },
      totalCost: { expr: t("totalCost"), type: "decimal" },
    },
    filters: {
      ...filters,
      // The traces table's own builders: the tags test that skips json_each, level by the error/warning rollups, model by the models rollup.
      tags: TRACE_COLUMNS.tags,
      level: TRACE_COLUMNS.level,
      model: TRACE_COLUMNS.model,
      metadata: TRACE_COLUMNS.metadata,
      timestamp: TRACE_COLUMNS.timestamp,
    },
    filterJoins,
  };
}
