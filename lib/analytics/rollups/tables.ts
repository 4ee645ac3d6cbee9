// The rollup tables' shapes, in one place: per rollup, its table, the
// dimension columns of its key, the measures it sums (each with a <measure>Sum
// and a <measure>N column) and those it sketches (a <measure>Sketch column).
// Every table holds two grains, an hour and a day (the sum of its hours), but
// the subject rollup (per user and per session: too many keys for hours),
// which holds days only and has no grain column. The
// writer (apply.ts), the backfill (rebuild.ts) and the reader (serve.ts) all
// build their SQL from these.
// Pure: no server imports.
export type RollupKind = "trace" | "observation" | "score" | "subject";

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
  /** Day rows only (no "grain" column): the writer drops its hour deltas, the rebuild recomputes whole days. */
  dayOnly?: boolean;
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
  // The traces view by user and by session (top users, top sessions, cost by user): a trace counts once under
  // "user" (subjectId: its userId) and once under "session" (its sessionId); a null id is the group without one.
  // The trace name is the one other key part: a session's traces may have several users (the bench's have 2-3
  // per session), so a user in the session key held 2.7 rows per session-day; a model set would split most.
  subject: {
    table: "SubjectRollup",
    alias: "t",
    dims: ["subject", "subjectId", "name"],
    measures: ["totalTokens", "totalCost"],
    sketched: [],
    dayOnly: true,
  },
};

export const ROLLUP_KINDS: readonly RollupKind[] = ["trace", "observation", "score", "subject"];
/** The columns before a rollup row's dimensions: the project, its bucket, the shard and the dimensions' hash. */
export const bucketColumns = (t: RollupTable): string[] => (t.dayOnly ? ["projectId", "start", "shard", "key"] : ["projectId", "grain", "start", "shard", "key"]);
/**
 * A rollup row's primary key (the upsert's conflict target). The subject rollup's leads with the kind, so
 * top users read the user rows of a range alone, not the session rows beside them.
 */
export const primaryKey = (t: RollupTable): string[] => (t.dayOnly ? ["projectId", "subject", "start", "shard", "key"] : bucketColumns(t));
/** The score types the scores views read (text scores and corrections are in none). */
export const ROLLED_SCORE_TYPES: ReadonlySet<string> = new Set(["NUMERIC", "BOOLEAN", "CATEGORICAL"]);
export type Grain = "hour" | "day";
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const GRAIN_MS: Record<Grain, number> = { hour: HOUR_MS, day: DAY_MS };
export const sketchColumn = (measure: string) => `${measure}Sketch`;
