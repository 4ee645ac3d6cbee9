// What the rollups can answer, per metrics view: the query dimensions (by the
// view's field name → rollup column), the filter columns (builders over the
// rollup table's alias, the same conditions as the view's: a trace's "model"
// is the traces table's own builder on the rollup's sorted model set) and the
// measures (percentiles and histograms of the sketched ones). Anything else —
// a metadata or user filter, a distinct count, a min or max — is not here, and
// the query runs on the rows.
import { raw, sql, type Sql } from "../../db/sql";
import { FilterError, type ViewColumns } from "../../query/where";
import type { FilterCondition } from "../../query/filter";
import { TRACE_COLUMNS } from "../../traces/where";
import type { MetricView } from "../query-schema";
import { ROLLUP_TABLES, type RollupKind } from "./tables";

export interface ServedView {
  kind: RollupKind;
  /** Query dimension field → rollup dimension column. */
  dims: Record<string, string>;
  filters: ViewColumns;
  /** Served measures: "count" counts rows; the others read <m>Sum / <m>N (and a sketch when listed in the table's `sketched`). */
  measures: ReadonlySet<string>;
  segment?: Sql;
}

const TEXT = ["string", "stringOptions"] as const;

function textFilters(alias: string, dims: Record<string, string>): ViewColumns {
  return Object.fromEntries(Object.entries(dims).map(([field, column]) => [field, { types: TEXT, expr: raw(`"${alias}"."${column}"`) }]));
}

// The traces view's "level": a trace with an error (or, for warning, a warning or an error), from the worst level of its key.
function traceLevel(c: FilterCondition): Sql {
  if (c.type === "string" && c.operator === "=" && c.value === "error") return sql`"t"."worstLevel" = 'ERROR'`;
  if (c.type === "string" && c.operator === "=" && c.value === "warning") return sql`"t"."worstLevel" IN ('ERROR', 'WARNING')`;
  throw new FilterError("level is error or warning (=)", "value");
}

const TRACE_DIMS = { name: "name", environment: "environment", release: "release", version: "version" };
const OBS_DIMS = { traceName: "traceName", type: "type", name: "name", level: "level", environment: "environment", providedModelName: "model" };
const SCORE_DIMS = { name: "name", source: "source", dataType: "dataType", traceName: "traceName", traceRelease: "traceRelease", environment: "environment", observationModelName: "observationModel" };

const SCORE_SEGMENT: Record<string, Sql> = {
  "scores-numeric": sql`"s"."dataType" IN ('NUMERIC', 'BOOLEAN')`,
  "scores-categorical": sql`"s"."dataType" = 'CATEGORICAL'`,
  "scores-boolean": sql`"s"."dataType" = 'BOOLEAN'`,
};

export function servedView(view: MetricView): ServedView {
  switch (view) {
    case "traces":
      return {
        kind: "trace",
        dims: TRACE_DIMS,
        filters: { ...textFilters("t", TRACE_DIMS), model: TRACE_COLUMNS.model, level: { types: ["string"], build: traceLevel } },
        measures: new Set(["count", ...ROLLUP_TABLES.trace.measures]),
      };
    case "observations":
      return { kind: "observation", dims: OBS_DIMS, filters: textFilters("o", OBS_DIMS), measures: new Set(["count", ...ROLLUP_TABLES.observation.measures]) };
    case "scores-numeric":
      return { kind: "score", dims: SCORE_DIMS, filters: textFilters("s", SCORE_DIMS), measures: new Set(["count", "value"]), segment: SCORE_SEGMENT[view] };
    case "scores-boolean": {
      const dims = { ...SCORE_DIMS, stringValue: "stringValue" };
      return { kind: "score", dims, filters: textFilters("s", dims), measures: new Set(["count", "value"]), segment: SCORE_SEGMENT[view] };
    }
    case "scores-categorical": {
      const dims = { ...SCORE_DIMS, stringValue: "stringValue" };
      return { kind: "score", dims, filters: textFilters("s", dims), measures: new Set(["count"]), segment: SCORE_SEGMENT[view] };
    }
  }
}
