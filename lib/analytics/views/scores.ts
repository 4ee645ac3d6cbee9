// The scores views (Langfuse's scores-numeric, scores-categorical and
// scores-boolean, v1): one row per score of the view's data types, with the
// trace's and the observation's fields through LEFT JOINs on their primary
// keys, added only when a field of the query reads them. Corrections and text
// scores are in no view (they are not judgements a chart aggregates).
import { sql, type Dialect } from "../../db/sql";
import { TRACE_COLUMNS } from "../../traces/where";
import type { MetricView } from "../query-schema";
import { col, dimensionFilters, type DimensionDef, type MeasureDef, type ViewDecl } from "./types";
import { dayDimension, monthDimension, tagsDimension, traceFirstFrom } from "./shared";

const s = (name: string) => col("s", name);
const t = (name: string) => col("t", name);
const o = (name: string) => col("o", name);
const TRACE = ["trace"] as const;
const OBSERVATION = ["observation"] as const;

type ScoreView = Extract<MetricView, `scores-${string}`>;

const SEGMENT: Record<ScoreView, ReturnType<typeof sql>> = {
  // Booleans are numeric too (0/1), as in Langfuse.
  "scores-numeric": sql`"s"."dataType" IN ('NUMERIC', 'BOOLEAN')`,
  "scores-categorical": sql`"s"."dataType" = 'CATEGORICAL'`,
  "scores-boolean": sql`"s"."dataType" = 'BOOLEAN'`,
};

export function scoresView(view: ScoreView, d: Dialect): ViewDecl {
  const str = (expr: ReturnType<typeof s>, joins?: readonly string[]): DimensionDef => ({ expr, type: "string", ...(joins ? { joins } : {}) });
  const dimensions: Record<string, DimensionDef> = {
    id: str(s("id")),
    environment: str(s("environment")),
    name: str(s("name")),
    source: str(s("source")),
    dataType: str(s("dataType")),
    traceId: str(s("traceId")),
    observationId: str(s("observationId")),
    configId: str(s("configId")),
    datasetRunId: str(s("datasetRunId")),
    timestampMonth: monthDimension(d, s("timestamp")),
    timestampDay: dayDimension(d, s("timestamp")),
    traceName: str(t("name"), TRACE),
    tags: tagsDimension(d, t("tags"), TRACE),
    userId: str(t("userId"), TRACE),
    // A session score has its own session; a trace score belongs to its trace's.
    sessionId: str(sql`COALESCE(${s("sessionId")}, ${t("sessionId")})`, TRACE),
    traceRelease: str(t("release"), TRACE),
    traceVersion: str(t("version"), TRACE),
    observationName: str(o("name"), OBSERVATION),
    observationModelName: str(o("model"), OBSERVATION),
    observationPromptName: str(o("promptName"), OBSERVATION),
    observationPromptVersion: { expr: o("promptVersion"), type: "number", joins: OBSERVATION },
  };
  const measures: Record<string, MeasureDef> = { count: { expr: sql`1`, type: "integer" } };
  if (view === "scores-numeric") {
    dimensions.value = { expr: s("value"), type: "number" };
    measures.value = { expr: s("value"), type: "decimal" };
  } else if (view === "scores-categorical") {
    dimensions.stringValue = str(s("stringValue"));
  } else {
    dimensions.booleanValue = { expr: sql`(${s("value")} = 1)`, type: "boolean", decode: (v) => (v == null ? null : d.decode.boolean(v)) };
    dimensions.stringValue = str(s("stringValue"));
    // 0/1: its average is the share of true.
    measures.value = { expr: s("value"), type: "decimal" };
  }
  const { filters, filterJoins } = dimensionFilters(dimensions);
  return {
    name: view,
    from: sql`"Score" AS "s"`,
    joins: {
      trace: sql`LEFT JOIN "Trace" AS "t" ON "t"."projectId" = "s"."projectId" AND "t"."id" = "s"."traceId"`,
      observation: sql`LEFT JOIN "Observation" AS "o" ON "o"."projectId" = "s"."projectId" AND "o"."id" = "s"."observationId"`,
    },
    projectColumn: s("projectId"),
    timeColumn: s("timestamp"),
    segments: [SEGMENT[view]],
    dimensions,
    measures,
    filters: {
      ...filters,
      ...(view === "scores-boolean" ? { booleanValue: { types: ["boolean"], expr: sql`(${s("value")} = 1)` } } : {}),
      tags: TRACE_COLUMNS.tags,
      // The dashboard's metadata filter is the traces table's: the trace's metadata.
      metadata: TRACE_COLUMNS.metadata,
      timestamp: { types: ["datetime"], expr: s("timestamp") },
    },
    filterJoins: { ...filterJoins, tags: TRACE, metadata: TRACE },
    // A score's sessionId may be its own (not the trace's): only userId pins the trace.
    // The trace's index, then each trace's scores (shared.ts says why the form differs per database).
    traceFirst: {
      columns: ["userId"],
      from: traceFirstFrom(d, "Score", "s", "Score_projectId_traceId_timestamp_idx"),
      on: [sql`"s"."projectId" = "t"."projectId"`, sql`"s"."traceId" = "t"."id"`],
    },
  };
}
