// The one internal event every protocol adapter produces (Langfuse batch,
// OTLP, the plain HTTP API, the demo generator) and the writer consumes.
//
// Merge rule: a field that is undefined (or null) was not provided and keeps
// what is stored. A provided field replaces it when its event is the latest
// to state that field: events are ordered by `eventTime` (an update beats a
// create of the same millisecond), not by when they arrive, so creates and
// updates may come in any order and in separate requests (merge-rule.ts).

export const OBSERVATION_TYPES = [
  "SPAN",
  "GENERATION",
  "EVENT",
  "AGENT",
  "TOOL",
  "CHAIN",
  "RETRIEVER",
  "EMBEDDING",
  "EVALUATOR",
  "GUARDRAIL",
] as const;
export type ObservationType = (typeof OBSERVATION_TYPES)[number];

export const LEVELS = ["DEBUG", "DEFAULT", "WARNING", "ERROR"] as const;
export type Level = (typeof LEVELS)[number];

export const SCORE_DATA_TYPES = ["NUMERIC", "CATEGORICAL", "BOOLEAN", "TEXT", "CORRECTION"] as const;
export type ScoreDataType = (typeof SCORE_DATA_TYPES)[number];

/**
 * Langfuse's CORRECTION: a reviewer's corrected output of a trace or an
 * observation, the text in `stringValue`, always named "output". It is not a
 * judgement, so no aggregation, score column or score filter counts it.
 */
export const CORRECTION_NAME = "output";

/** Whether a stored score takes part in aggregations, score columns and score filters (everything but CORRECTION). */
export const isAggregatableScore = (dataType: string): boolean => dataType !== "CORRECTION";

export const SCORE_SOURCES = ["API", "ANNOTATION", "EVAL"] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

/** Any JSON value (payloads are stored as given). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Token counts; `details` holds counts by usage type (input, output, cache_read, reasoning, ...). */
export interface Usage {
  input?: number;
  output?: number;
  total?: number;
  details?: Record<string, number>;
}

/** Cost in USD; `details` by usage type. */
export interface Cost {
  input?: number;
  output?: number;
  total?: number;
  details?: Record<string, number>;
}

/**
 * When the client made the event (Langfuse: the batch envelope's timestamp)
 * and whether it is an update. Absent: the writer's clock at receipt, as a
 * create (OTLP spans and native traces are final statements, so the latest
 * received wins).
 */
export interface EventTime {
  eventTime?: Date | null;
  isUpdate?: boolean;
}

export interface TraceEvent extends EventTime {
  kind: "trace";
  id: string;
  timestamp?: Date;
  name?: string | null;
  userId?: string | null;
  sessionId?: string | null;
  release?: string | null;
  version?: string | null;
  environment?: string | null;
  tags?: string[] | null;
  metadata?: JsonObject | null;
  input?: Json;
  output?: Json;
  public?: boolean | null;
}

export interface ObservationEvent extends EventTime {
  kind: "observation";
  id: string;
  /**
   * Absent only on an update that does not name its trace: it joins the trace
   * of the stored observation, or is held until its create names one.
   */
  traceId?: string | null;
  type?: ObservationType | null;
  parentObservationId?: string | null;
  name?: string | null;
  startTime?: Date | null;
  endTime?: Date | null;
  completionStartTime?: Date | null;
  level?: Level | null;
  statusMessage?: string | null;
  version?: string | null;
  environment?: string | null;
  input?: Json;
  output?: Json;
  metadata?: JsonObject | null;
  model?: string | null;
  modelParameters?: JsonObject | null;
  promptName?: string | null;
  promptVersion?: number | null;
  usage?: Usage | null;
  cost?: Cost | null;
}

export interface ScoreEvent {
  kind: "score";
  id: string;
  name: string;
  /** numeric for NUMERIC/BOOLEAN (0/1), a string for CATEGORICAL/TEXT/CORRECTION (a numeric category value is kept too) */
  value: number | string;
  /** a CATEGORICAL score's label when `value` is its category's number (from the score config) */
  stringValue?: string | null;
  dataType?: ScoreDataType | null;
  traceId?: string | null;
  observationId?: string | null;
  sessionId?: string | null;
  datasetRunId?: string | null;
  comment?: string | null;
  source?: ScoreSource | null;
  configId?: string | null;
  queueId?: string | null;
  authorUserId?: string | null;
  environment?: string | null;
  metadata?: JsonObject | null;
  timestamp?: Date | null;
}

export type IngestEvent = TraceEvent | ObservationEvent | ScoreEvent;
