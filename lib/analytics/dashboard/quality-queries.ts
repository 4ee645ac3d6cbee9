// The dashboard's quality section: what the scores say over the range and
// filter. Each figure is one engine query (lib/analytics/execute.ts) except the
// average by model, whose trace scores need the trace's models rollup (no
// view has it as a dimension). What is a score's model:
//   - an observation score: its observation's model (observationModelName);
//   - a trace score (or an observation score on an observation without a
//     model): every model the trace's generations used (Trace.models), so a
//     trace that called two models counts its score under both;
//   - neither (a trace without generations): "no model".
// Session scores belong to no trace and have no model: they are left out there.
// The rollups answer it when the filter is only the trace's name or release
// (lib/analytics/rollups/scores-by-model.ts); else the one statement below does.
import "server-only";
import type { Db, Tx } from "../../db/client";
import { db, dialectOf } from "../../db/client";
import { decode, empty, raw, sql, type Sql } from "../../db/sql";
import type { Filter } from "../../query/filter";
import { traceWhere } from "../../traces/where";
import { traceFirstFrom } from "../views/shared";
import { booleanCountsFromRollups, type BooleanCount } from "../rollups/boolean-counts";
import { scoreSumsByModelFromRollups, type ModelScoreSum } from "../rollups/scores-by-model";
import type { MetricsRow } from "../query-schema";
import { viewFilter, type NotApplicable } from "./filter";
import { rowsOf, runSection, type SectionParams, type SectionQuery, type SectionRows } from "./run-section";

/** The rows the quality preparers (lib/analytics/prepare/quality.ts) shape. */
export interface QualityRows {
  /** Conditions of the filter the scores views cannot take: then every list is empty and the section says so. */
  notApplicable: NotApplicable[];
  /** scores-numeric, NUMERIC only: name × time_dimension → avg_value, count_count. */
  overTime: MetricsRow[];
  /** scores-numeric, NUMERIC only: name → histogram_value, count_count. */
  histograms: MetricsRow[];
  /** scores-categorical: name × stringValue → count_count. */
  categorical: MetricsRow[];
  /** Boolean scores: name × booleanValue → count_count. */
  boolean: MetricsRow[];
  /** scores-numeric (NUMERIC and BOOLEAN): name × dataType × traceRelease → avg_value, count_count. */
  byRelease: MetricsRow[];
  /** name × dataType × model → avg_value, count_count (see the header for what the model is). */
  byModel: MetricsRow[];
}

export const HISTOGRAM_BINS = 10;

const avgAndCount = [
  { measure: "value", aggregation: "avg" as const },
  { measure: "count", aggregation: "count" as const },
];

/**
 * The section's engine queries (the average by model is scoresByModel's own statement), by figure.
 * The benchmark (scripts/bench/dashboard.ts) runs these same specs.
 */
export function qualityQueries(granularity: SectionParams["granularity"]) {
  return {
    overTime: { view: "scores-numeric", dimensions: [{ field: "name" }, { field: "dataType" }], metrics: avgAndCount, timeDimension: { granularity } },
    histograms: {
      view: "scores-numeric",
      dimensions: [{ field: "name" }, { field: "dataType" }],
      metrics: [{ measure: "value", aggregation: "histogram" }, { measure: "count", aggregation: "count" }],
      config: { bins: HISTOGRAM_BINS },
    },
    categorical: { view: "scores-categorical", dimensions: [{ field: "name" }, { field: "stringValue" }], metrics: [{ measure: "count", aggregation: "count" }] },
    // Booleans counted on scores-numeric by their 0/1 value (the same rows as scores-boolean's booleanValue), on
    // the rows; the rollups answer them without the value (booleanCounts).
    // The data type is a dimension, picked in JS, not a filter: on SQLite a dataType condition beside a userId
    // filter made these queries ~10-40x slower (5,000 demo traces: about 1.3 s for the section against ~50 ms).
    boolean: { view: "scores-numeric", dimensions: [{ field: "name" }, { field: "dataType" }, { field: "value" }], metrics: [{ measure: "count", aggregation: "count" }] },
    byRelease: { view: "scores-numeric", dimensions: [{ field: "name" }, { field: "dataType" }, { field: "traceRelease" }], metrics: avgAndCount },
  } satisfies Record<string, SectionQuery>;
}

export async function loadQuality(client: Db | Tx, projectId: string, p: SectionParams): Promise<QualityRows> {
  const mapped = viewFilter(p.filter, "scores-numeric");
  if (!mapped.ok) return { notApplicable: mapped.notApplicable, overTime: [], histograms: [], categorical: [], boolean: [], byRelease: [], byModel: [] };
  const q = qualityQueries(p.granularity);
  const [overTime, histograms, categorical, boolean, byRelease, byModel] = await Promise.all([
    runSection(client, projectId, p, q.overTime),
    runSection(client, projectId, p, q.histograms),
    runSection(client, projectId, p, q.categorical),
    booleanCounts(client, projectId, p),
    runSection(client, projectId, p, q.byRelease),
    scoresByModel(client, projectId, p),
  ]);
  const numeric = (r: SectionRows) => rowsOf(r).filter((row) => row.dataType === "NUMERIC");
  return { notApplicable: [], overTime: numeric(overTime), histograms: numeric(histograms), categorical: rowsOf(categorical), boolean, byRelease: rowsOf(byRelease), byModel };
}

/** Boolean scores: name × booleanValue → count_count; from the rollups when they hold the filter, else the rows. */
export async function booleanCounts(client: Db | Tx, projectId: string, p: SectionParams): Promise<MetricsRow[]> {
  const mapped = viewFilter(p.filter, "scores-numeric");
  if (!mapped.ok) return [];
  const onRows = async (from: Date, to: Date): Promise<BooleanCount[]> =>
    rowsOf(await runSection(client, projectId, { ...p, from, to }, qualityQueries(p.granularity).boolean))
      .filter((row) => row.dataType === "BOOLEAN")
      .map((row) => ({ name: row.name === null ? null : String(row.name), booleanValue: row.value === null || row.value === undefined ? null : Number(row.value) === 1, count: Number(row.count_count) }));
  const counts = (await booleanCountsFromRollups(client, projectId, p.from, p.to, mapped.filters, onRows)) ?? (await onRows(p.from, p.to));
  return counts.map((c) => ({ name: c.name, dataType: "BOOLEAN", booleanValue: c.booleanValue, count_count: c.count }));
}

/** Whether the filter pins the trace's user or session to given values (then only those traces can match). */
const traceFirst = (filter: Filter) =>
  filter.some((c) => (c.column === "userId" || c.column === "sessionId") && ((c.type === "string" && c.operator === "=") || (c.type === "stringOptions" && c.operator === "any of")));

/** Average of each numeric and boolean score by model (see the header): from the rollups when they hold the filter, else the rows. */
export async function scoresByModel(client: Db | Tx, projectId: string, p: SectionParams): Promise<MetricsRow[]> {
  const mapped = viewFilter(p.filter, "scores-numeric");
  const onRows = (from: Date, to: Date) => scoreSumsByModelOnRows(client, projectId, { ...p, from, to });
  const sums = (mapped.ok ? await scoreSumsByModelFromRollups(client, projectId, p.from, p.to, mapped.filters, onRows) : null) ?? (await onRows(p.from, p.to));
  return sums.map((g) => ({ name: g.name, dataType: g.dataType, model: g.model, avg_value: g.n > 0 ? g.sum / g.n : null, count_count: g.n }));
}

/**
 * The sums behind the average by model, on the rows. One grouped statement: the score, its trace (the traces
 * table's own where-builder for the shared filter), its observation's model, else the trace's models.
 */
async function scoreSumsByModelOnRows(client: Db | Tx, projectId: string, p: Pick<SectionParams, "from" | "to" | "filter">): Promise<ModelScoreSum[]> {
  const d = dialectOf(client);
  // One model per row: the observation's, else each element of the trace's models list (none: one NULL row).
  const models: Sql =
    d.provider === "sqlite"
      ? sql`LEFT JOIN json_each(CASE WHEN "o"."model" IS NOT NULL THEN json_array("o"."model") ELSE "t"."models" END) AS "m" ON 1 = 1`
      : sql`LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN "o"."model" IS NOT NULL THEN jsonb_build_array("o"."model") ELSE "t"."models" END) AS "m"("value") ON true`;
  // The traces table's own where-builder takes every condition of the dashboard's filter.
  const traceFilter = p.filter.filter((c) => !(c.type === "datetime" && c.column === "timestamp"));
  // A user's or a session's scores: its traces by their index, then each trace's scores (as the engine's
  // views read them, views/shared.ts), not every score of the range joined to its trace (2M traces: ~1-2 s).
  // Else the scores of the range by the time index: SQLite otherwise picks (projectId, name, timestamp) for the
  // GROUP BY's order and reads every score of the project (2M traces: ~150-200 ms for the minutes at a range's end).
  const byTime = d.provider === "sqlite" ? raw(` INDEXED BY "Score_projectId_timestamp_idx"`) : empty;
  const from = traceFirst(traceFilter)
    ? traceFirstFrom(d, "Score", "s", "Score_projectId_traceId_timestamp_idx")
    : sql`"Score" AS "s"${byTime} JOIN "Trace" AS "t" ON "t"."projectId" = "s"."projectId" AND "t"."id" = "s"."traceId"`;
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "s"."name" AS "name", "s"."dataType" AS "dataType", "m"."value" AS "model",
      CAST(SUM("s"."value") AS DOUBLE PRECISION) AS "sum", COUNT(*) AS "n"
    FROM ${from}
    LEFT JOIN "Observation" AS "o" ON "o"."projectId" = "s"."projectId" AND "o"."id" = "s"."observationId"
    ${models}
    WHERE "s"."projectId" = ${projectId} AND "t"."projectId" = "s"."projectId" AND "t"."id" = "s"."traceId" AND "s"."dataType" IN ('NUMERIC', 'BOOLEAN') AND "s"."value" IS NOT NULL
      AND "s"."timestamp" >= ${p.from} AND "s"."timestamp" < ${p.to}
      AND ${traceWhere(client, projectId, traceFilter)}
    GROUP BY "s"."name", "s"."dataType", "m"."value"`;
  return rows.map((r) => ({
    name: r.name === null ? null : String(r.name),
    dataType: String(r.dataType),
    model: r.model === null || r.model === undefined ? null : String(r.model),
    sum: decode.number(r.sum),
    n: decode.number(r.n),
  }));
}

/** The quality section's read on the app's database. */
export function qualityRows(projectId: string, p: SectionParams): Promise<QualityRows> {
  return loadQuality(db, projectId, p);
}
