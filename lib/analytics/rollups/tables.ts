// The rollup tables' shapes, in one place: per rollup, its table and sketch
// table, the dimension columns of its key and the measures it sums (each with a
// <measure>Sum and a <measure>N column) and sketches. The writer (deltas.ts),
// the backfill and the reader (serve.ts) all build their SQL from these.
// Pure: no server imports.
export type RollupKind = "trace" | "observation" | "score";

export interface RollupTable {
  table: string;
  sketchTable: string;
  /** The alias reads use: the same as the rows view's, so its filter builders (the traces "model") apply as they are. */
  alias: string;
  /** The key's dimension columns, in key order. */
  dims: readonly string[];
  /** Measures with a sum and a count of non-null values. */
  measures: readonly string[];
  /** Measures with a sketch (a subset of measures). */
  sketched: readonly string[];
}

export const ROLLUP_TABLES: Record<RollupKind, RollupTable> = {
  trace: {
    table: "TraceMetricHour",
    sketchTable: "TraceSketchHour",
    alias: "t",
    dims: ["name", "environment", "release", "version", "models", "worstLevel"],
    measures: ["latency", "observationsCount", "totalTokens", "totalCost"],
    sketched: ["latency"],
  },
  observation: {
    table: "ObservationMetricHour",
    sketchTable: "ObservationSketchHour",
    alias: "o",
    dims: ["traceName", "type", "name", "model", "level", "environment"],
    measures: ["latency", "timeToFirstToken", "inputTokens", "outputTokens", "totalTokens", "inputCost", "outputCost", "totalCost"],
    sketched: ["latency", "timeToFirstToken"],
  },
  score: {
    table: "ScoreMetricHour",
    sketchTable: "ScoreSketchHour",
    alias: "s",
    dims: ["name", "source", "dataType", "stringValue", "traceName", "traceRelease", "environment"],
    measures: ["value"],
    sketched: ["value"],
  },
};

export const ROLLUP_KINDS: readonly RollupKind[] = ["trace", "observation", "score"];
/** The score types the scores views read (text scores and corrections are in none). */
export const ROLLED_SCORE_TYPES: ReadonlySet<string> = new Set(["NUMERIC", "BOOLEAN", "CATEGORICAL"]);
export const HOUR_MS = 3_600_000;
