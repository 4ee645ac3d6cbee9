// The observations view (Langfuse's observationsView): one row per observation,
// the trace's fields through a LEFT JOIN on the trace's primary key, added only
// when a field of the query reads the trace.
import { sql, type Dialect } from "../../db/sql";
import { TRACE_COLUMNS } from "../../traces/where";
import { col, dimensionFilters, type DimensionDef, type ViewDecl } from "./types";
import { monthDimension, tagsDimension, traceFirstFrom } from "./shared";

const o = (name: string) => col("o", name);
const t = (name: string) => col("t", name);
const TRACE = ["trace"] as const;

export function observationsView(d: Dialect): ViewDecl {
  const fromTrace = (name: string): DimensionDef => ({ expr: t(name), type: "string", joins: TRACE });
  const dimensions: Record<string, DimensionDef> = {
    id: { expr: o("id"), type: "string" },
    traceId: { expr: o("traceId"), type: "string" },
    traceName: fromTrace("name"),
    environment: { expr: o("environment"), type: "string" },
    parentObservationId: { expr: o("parentObservationId"), type: "string" },
    type: { expr: o("type"), type: "string" },
    name: { expr: o("name"), type: "string" },
    level: { expr: o("level"), type: "string" },
    version: { expr: o("version"), type: "string" },
    tags: tagsDimension(d, t("tags"), TRACE),
    providedModelName: { expr: o("model"), type: "string" },
    promptName: { expr: o("promptName"), type: "string" },
    promptVersion: { expr: o("promptVersion"), type: "number" },
    userId: fromTrace("userId"),
    sessionId: fromTrace("sessionId"),
    traceRelease: fromTrace("release"),
    traceVersion: fromTrace("version"),
    startTimeMonth: monthDimension(d, o("startTime")),
  };
  const { filters, filterJoins } = dimensionFilters(dimensions);
  const latency = d.msBetween(o("endTime"), o("startTime"));
  // Per second from milliseconds, in floating point (SQLite would divide integers as integers).
  const perSecond = (tokens: ReturnType<typeof o>, ms: ReturnType<typeof sql>) => sql`(CAST(${tokens} AS DOUBLE PRECISION) * 1000 / NULLIF(${ms}, 0))`;
  return {
    name: "observations",
    from: sql`"Observation" AS "o"`,
    joins: { trace: sql`LEFT JOIN "Trace" AS "t" ON "t"."projectId" = "o"."projectId" AND "t"."id" = "o"."traceId"` },
    projectColumn: o("projectId"),
    timeColumn: o("startTime"),
    segments: [],
    dimensions,
    measures: {
      count: { expr: sql`1`, type: "integer" },
      latency: { expr: latency, type: "integer" },
      streamingLatency: { expr: d.msBetween(o("endTime"), o("completionStartTime")), type: "integer" },
      inputTokens: { expr: o("inputTokens"), type: "integer" },
      outputTokens: { expr: o("outputTokens"), type: "integer" },
      totalTokens: { expr: o("totalTokens"), type: "integer" },
      outputTokensPerSecond: { expr: perSecond(o("outputTokens"), d.msBetween(o("endTime"), o("completionStartTime"))), type: "decimal" },
      tokensPerSecond: { expr: perSecond(o("totalTokens"), latency), type: "decimal" },
      inputCost: { expr: o("inputCost"), type: "decimal" },
      outputCost: { expr: o("outputCost"), type: "decimal" },
      totalCost: { expr: o("totalCost"), type: "decimal" },
      timeToFirstToken: { expr: d.msBetween(o("completionStartTime"), o("startTime")), type: "integer" },
      // The observation's scores (not corrections), one index look-up per row on Score(projectId, observationId).
      countScores: {
        expr: sql`(SELECT COUNT(*) FROM "Score" AS "sc" WHERE "sc"."projectId" = "o"."projectId" AND "sc"."observationId" = "o"."id" AND "sc"."dataType" <> 'CORRECTION')`,
        type: "integer",
      },
    },
    filters: {
      ...filters,
      tags: TRACE_COLUMNS.tags,
      // The dashboard's metadata filter is the traces table's: the trace's metadata.
      metadata: TRACE_COLUMNS.metadata,
      startTime: { types: ["datetime"], expr: o("startTime") },
    },
    filterJoins: { ...filterJoins, tags: TRACE, metadata: TRACE },
    // The trace's index, then each trace's observations (shared.ts says why the form differs per database).
    traceFirst: {
      columns: ["userId", "sessionId"],
      from: traceFirstFrom(d, "Observation", "o", "Observation_projectId_traceId_startTime_idx"),
      on: [sql`"o"."projectId" = "t"."projectId"`, sql`"o"."traceId" = "t"."id"`],
    },
  };
}
