// The rows the ingestion writer reads and writes: every row type and column
// list of lib/ingest lives here (tests/unit/ingest-rows-drift.test.ts checks
// them against prisma/models.prisma), and the reading back for merging, from
// either driver: better-sqlite3 gives epoch-ms integers, JSON text and 0/1;
// PostgreSQL gives Dates, parsed JSON and booleans. One decoder makes both the
// same merge input. This module imports no other ingest module but the event
// types and the field-stamp codec, so merge, rollups and write all build on it.
import { ident, join, sql } from "../db/sql";
import type { Json, JsonObject } from "./events";
import { decodeFieldTimes, encodeFieldTimes, type FieldTimes } from "./field-times";
import type { Row, WriteStore } from "./store";

export type { FieldTimes };

/** The stored shapes the writer merges into (payload columns parsed). */
export interface TraceRow {
  id: string;
  timestamp: Date;
  name: string | null;
  userId: string | null;
  sessionId: string | null;
  release: string | null;
  version: string | null;
  environment: string;
  tags: string[] | null;
  metadata: JsonObject | null;
  input: Json | null;
  output: Json | null;
  public: boolean;
  fieldTimes: FieldTimes | null;
}

export interface ObservationRow {
  id: string;
  traceId: string;
  parentObservationId: string | null;
  type: string;
  name: string | null;
  startTime: Date;
  endTime: Date | null;
  completionStartTime: Date | null;
  level: string;
  statusMessage: string | null;
  version: string | null;
  environment: string;
  input: Json | null;
  output: Json | null;
  metadata: JsonObject | null;
  model: string | null;
  modelParameters: JsonObject | null;
  promptName: string | null;
  promptVersion: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  usageDetails: Record<string, number> | null;
  inputCost: number | null;
  outputCost: number | null;
  totalCost: number | null;
  costDetails: Record<string, number> | null;
  costProvided: boolean;
  fieldTimes: FieldTimes | null;
}

export interface ScoreRow {
  id: string;
  traceId: string | null;
  observationId: string | null;
  sessionId: string | null;
  datasetRunId: string | null;
  name: string;
  value: number | null;
  stringValue: string | null;
  dataType: string;
  source: string;
  comment: string | null;
  authorUserId: string | null;
  configId: string | null;
  queueId: string | null;
  environment: string;
  metadata: JsonObject | null;
  timestamp: Date;
}

/** The trace rollups (rollups.ts) kept on the trace row, written with it. */
export interface Rollup {
  startTime: Date | null;
  endTime: Date | null;
  latencyMs: number | null;
  observationCount: number;
  errorCount: number;
  warningCount: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  totalCost: number | null;
  models: string[] | null;
}

// The columns the writer sets, besides "projectId", "id" (the key) and
// "createdAt", "updatedAt" (set by upsert in write.ts). Columns of these
// tables the writer leaves alone are named in the drift test, with why.
export const TRACE_COLS = ["name", "timestamp", "userId", "sessionId", "release", "version", "environment", "tags", "metadata", "input", "output", "public", "fieldTimes"] as const;
export const OBS_COLS = [
  "traceId", "parentObservationId", "type", "name", "startTime", "endTime", "completionStartTime", "level",
  "statusMessage", "version", "environment", "input", "output", "metadata", "model", "modelParameters",
  "promptName", "promptVersion", "inputTokens", "outputTokens", "totalTokens", "usageDetails", "inputCost",
  "outputCost", "totalCost", "costDetails", "costProvided", "fieldTimes",
] as const;
export const SCORE_COLS = [
  "traceId", "observationId", "sessionId", "datasetRunId", "name", "value", "stringValue", "dataType", "source",
  "comment", "authorUserId", "configId", "queueId", "environment", "metadata", "timestamp",
] as const;
export const ROLLUP_COLS = [
  "startTime", "endTime", "latencyMs", "observationCount", "errorCount", "warningCount",
  "inputTokens", "outputTokens", "totalTokens", "totalCost", "models",
] as const;

export const JSON_COLS = new Set(["tags", "metadata", "input", "output", "modelParameters", "usageDetails", "costDetails", "models", "fieldTimes"]);
export const DATE_COLS = new Set(["timestamp", "startTime", "endTime", "completionStartTime"]);
export const BOOL_COLS = new Set(["public", "costProvided"]);

/** A column value as the database stores it (JSON columns as text; field stamps compacted). */
export function storedValue(col: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (col === "fieldTimes") {
    const enc = encodeFieldTimes(v as FieldTimes);
    return enc ? JSON.stringify(enc) : null;
  }
  return JSON_COLS.has(col) ? JSON.stringify(v) : v;
}

/** `jsonIsText`: SQLite hands JSON columns back as text; PostgreSQL (jsonb) already parsed — a JSON string stays a string. */
function decode(row: Row, jsonIsText: boolean): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) out[k] = null;
    else if (DATE_COLS.has(k)) out[k] = v instanceof Date ? v : new Date(typeof v === "string" && !/^\d+$/.test(v) ? v : Number(v));
    else if (k === "fieldTimes") out[k] = decodeFieldTimes(jsonIsText && typeof v === "string" ? JSON.parse(v) : v);
    else if (JSON_COLS.has(k)) out[k] = jsonIsText && typeof v === "string" ? JSON.parse(v) : v;
    else if (BOOL_COLS.has(k)) out[k] = v === true || v === 1 || v === BigInt(1);
    else if (typeof v === "bigint") out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

async function load<T>(store: WriteStore, table: string, cols: readonly string[], projectId: string, ids: string[], by = "id"): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  if (!ids.length) return out;
  const rows = await store.query(store.dialect.rowsByKeys(join([...new Set(["id", ...cols])].map(ident)), ident(table), projectId, ident(by), ids));
  const jsonIsText = store.dialect.provider === "sqlite";
  for (const r of rows) out.set(String(r.id), decode(r, jsonIsText) as T);
  return out;
}

/** Stored traces with their rollups (the writer updates those in memory). */
export const loadTraces = (s: WriteStore, p: string, ids: string[]) =>
  load<TraceRow & Rollup>(s, "Trace", [...TRACE_COLS, ...ROLLUP_COLS], p, ids);
export const loadObservations = (s: WriteStore, p: string, ids: string[]) => load<ObservationRow>(s, "Observation", OBS_COLS, p, ids);
export const loadScores = (s: WriteStore, p: string, ids: string[]) => load<ScoreRow>(s, "Score", SCORE_COLS, p, ids);
/** The stored observations and scores of some traces (the analytics rollups re-key them when their trace's name changes). */
export const loadObservationsOfTraces = (s: WriteStore, p: string, traceIds: string[]) => load<ObservationRow>(s, "Observation", OBS_COLS, p, traceIds, "traceId");
/** What a score's rollup contribution reads of it (not its comment or metadata, which are parsed to be read). */
export const SCORE_FACT_COLS = ["traceId", "observationId", "name", "value", "stringValue", "dataType", "source", "environment", "timestamp"] as const;
export type ScoreFactsRow = Pick<ScoreRow, "id" | (typeof SCORE_FACT_COLS)[number]>;
/**
 * The stored scores of some traces or observations, their rollup facts only. The writer asks after writing
 * the batch's own scores, which come back too: reading their comments and metadata was most of the read's cost.
 */
export const loadScoreFactsOfTraces = (s: WriteStore, p: string, traceIds: string[]) => load<ScoreFactsRow>(s, "Score", SCORE_FACT_COLS, p, traceIds, "traceId");
export const loadScoreFactsOfObservations = (s: WriteStore, p: string, observationIds: string[]) => load<ScoreFactsRow>(s, "Score", SCORE_FACT_COLS, p, observationIds, "observationId");
/** How many stored scores some traces or observations have (an index's count: no row is read). */
export async function countScoresOf(store: WriteStore, projectId: string, ids: string[], by: "traceId" | "observationId"): Promise<number> {
  if (!ids.length) return 0;
  const [r] = await store.query(sql`SELECT COUNT(*) AS "n" FROM (${store.dialect.rowsByKeys(sql`"id"`, sql`"Score"`, projectId, ident(by), ids)}) AS "s"`);
  return Number(r.n);
}
/** Just the observation field a score's rollup reads. */
export const loadObservationModels = (s: WriteStore, p: string, ids: string[]) => load<{ id: string; model: string | null }>(s, "Observation", ["model"], p, ids);
/** Just the trace fields a score's rollup reads. */
export const loadTraceNames = (s: WriteStore, p: string, ids: string[]) =>
  load<{ id: string; name: string | null; release: string | null; models: string[] | null }>(s, "Trace", ["name", "release", "models"], p, ids);
