// What one trace, observation or score adds to the rollups (its contribution:
// an hour, the key's dimension values, its measure values); deltas.ts sums
// them. The same contributions rebuild an hour from rows (rebuild.ts), so the
// write path and a recomputation cannot disagree on what a row counts for.
// Pure.
import { createHash } from "node:crypto";
import { HOUR_MS, ROLLED_SCORE_TYPES, type RollupKind } from "./tables";

export type Dim = string | null;

export interface Contribution {
  kind: RollupKind;
  hour: number;
  /** Values of ROLLUP_TABLES[kind].dims, in order. */
  dims: Dim[];
  /** Values of ROLLUP_TABLES[kind].measures (null: no value, left out of the sum's count). */
  values: Record<string, number | null>;
}

const hourOf = (d: Date) => Math.floor(d.getTime() / HOUR_MS) * HOUR_MS;
const diff = (later: Date | null, earlier: Date | null) => (later && earlier ? later.getTime() - earlier.getTime() : null);

export interface TraceFacts {
  timestamp: Date;
  name: string | null;
  environment: string;
  release: string | null;
  version: string | null;
  models: string[] | null;
  errorCount: number;
  warningCount: number;
  latencyMs: number | null;
  observationCount: number;
  totalTokens: number;
  totalCost: number | null;
}

export function traceContribution(t: TraceFacts): Contribution {
  const models = t.models?.length ? JSON.stringify([...t.models].sort()) : null;
  const worstLevel = t.errorCount > 0 ? "ERROR" : t.warningCount > 0 ? "WARNING" : null;
  return {
    kind: "trace",
    hour: hourOf(t.timestamp),
    dims: [t.name, t.environment, t.release, t.version, models, worstLevel],
    values: { latency: t.latencyMs, observationsCount: t.observationCount, totalTokens: t.totalTokens, totalCost: t.totalCost },
  };
}

export interface SubjectFacts {
  timestamp: Date;
  name: string | null;
  userId: string | null;
  sessionId: string | null;
  totalTokens: number;
  totalCost: number | null;
}

/** A trace's two subject contributions: once under its user, once under its session (a null id: the group without one). */
export function subjectContributions(t: SubjectFacts): [Contribution, Contribution] {
  const values = { totalTokens: t.totalTokens, totalCost: t.totalCost };
  const hour = hourOf(t.timestamp);
  return [
    { kind: "subject", hour, dims: ["user", t.userId, t.name], values },
    { kind: "subject", hour, dims: ["session", t.sessionId, t.name], values },
  ];
}

export interface ObservationFacts {
  type: string;
  name: string | null;
  startTime: Date;
  endTime: Date | null;
  completionStartTime: Date | null;
  level: string;
  environment: string;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  inputCost: number | null;
  outputCost: number | null;
  totalCost: number | null;
}

/** An observation's contribution; traceName is its trace's name (the observations view reads it through the trace). */
export function observationContribution(o: ObservationFacts, traceName: string | null): Contribution {
  return {
    kind: "observation",
    hour: hourOf(o.startTime),
    dims: [traceName, o.type, o.name, o.model, o.level, o.environment],
    values: {
      latency: diff(o.endTime, o.startTime),
      timeToFirstToken: diff(o.completionStartTime, o.startTime),
      inputTokens: o.inputTokens,
      outputTokens: o.outputTokens,
      totalTokens: o.totalTokens,
      inputCost: o.inputCost,
      outputCost: o.outputCost,
      totalCost: o.totalCost,
    },
  };
}

export interface ScoreFacts {
  timestamp: Date;
  name: string;
  source: string;
  dataType: string;
  stringValue: string | null;
  value: number | null;
  environment: string;
}

/** What a score's key reads of its trace. */
export interface ScoreTraceFacts {
  name: string | null;
  release: string | null;
  models: readonly string[] | null;
}

/** A trace's model set as a key column: sorted JSON ("[]" for a trace without models, null for no trace). */
export function traceModelsKey(trace: ScoreTraceFacts | null | undefined): string | null {
  return trace ? JSON.stringify([...(trace.models ?? [])].sort()) : null;
}

/**
 * A score's contribution (null for a type no scores view reads); its trace's name, release and models, when the
 * trace exists, and its observation's model, when it scores an observation that exists.
 */
export function scoreContribution(s: ScoreFacts, trace: ScoreTraceFacts | null | undefined, observationModel: string | null = null): Contribution | null {
  if (!ROLLED_SCORE_TYPES.has(s.dataType)) return null;
  return {
    kind: "score",
    hour: hourOf(s.timestamp),
    dims: [s.name, s.source, s.dataType, s.stringValue, trace?.name ?? null, trace?.release ?? null, s.environment, observationModel, traceModelsKey(trace)],
    values: { value: s.value },
  };
}

/** The key of a dimension tuple: a hash (nullable columns cannot be part of a unique key). */
export function rollupKey(dims: readonly Dim[]): string {
  return createHash("sha1").update(JSON.stringify(dims)).digest("base64url");
}
