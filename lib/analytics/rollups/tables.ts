// The rollup tables' shapes, in one place: per rollup, its table, the
// dimension columns of its key, the measures it sums (each with a <measure>Sum
// and a <measure>N column) and those it sketches (a <measure>Sketch column).
// Every table holds two grains, an hour and a day (the sum of its hours). The
// writer (apply.ts), the backfill (rebuild.ts) and the reader (serve.ts) all
// build their SQL from these.
// Pure: no server imports.
export type RollupKind = "trace" | "observation" | "score";

export interface RollupTable {
  table: string;
  /** The alias reads use: the same as the rows view's, so its filter builders (the traces "model") apply as they are. */
  alias: string;
  /** The key's dimension columns, in key order. */
  dims: readonly string[];
  /** Measures with a sum and a count of non-null values. */
  measures: readonly string[];
  /** Measures with a sketch column (a subset of measures). */
  sketched: readonly string[];
}

export const ROLLUP_TABLES: Record<RollupKind, RollupTable> = {
  trace: {
    table: "TraceRollup",
    alias: "t",
    dims: ["name", "environment", "release", "version", "models", "worstLevel"],
    measures: ["latency", "observationsCount", "totalTokens", "totalCost"],
    sketched: ["latency"],
  },
  observation: {
    table: "ObservationRollup",
    alias: "o",
    dims: ["traceName", "type", "name", "model", "level", "environment"],
    measures: ["latency", "timeToFirstToken", "inputTokens", "outputTokens", "totalTokens", "inputCost", "outputCost", "totalCost"],
    sketched: ["latency", "timeToFirstToken"],
  },
  score: {
    table: "ScoreRollup",
    alias: "s",
    // traceModels: the trace's sorted model set (the dashboard's score average by model counts a trace score under each).
    dims: ["name", "source", "dataType", "stringValue", "traceName", "traceRelease", "environment", "observationModel", "traceModels"],
    measures: ["value"],
    sketched: ["value"],
  },
};

export const ROLLUP_KINDS: readonly RollupKind[] = ["trace", "observation", "score"];
/** The score types the scores views read (text scores and corrections are in none). */
export const ROLLED_SCORE_TYPES: ReadonlySet<string> = new Set(["NUMERIC", "BOOLEAN", "CATEGORICAL"]);
export type Grain = "hour" | "day";
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const GRAIN_MS: Record<Grain, number> = { hour: HOUR_MS, day: DAY_MS };
export const sketchColumn = (measure: string) => `${measure}Sketch`;
