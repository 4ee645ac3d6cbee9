// Reading stored rows back for merging, from either driver: better-sqlite3
// gives epoch-ms integers, JSON text and 0/1; PostgreSQL gives Dates, parsed
// JSON and booleans. One decoder makes both the same merge input.
import { ident, join, sql } from "../db/sql";
import type { ObservationRow, ScoreRow, TraceRow } from "./merge";
import { ROLLUP_COLS, type Rollup } from "./rollups";
import type { Row, WriteStore } from "./store";

export const TRACE_COLS = ["name", "timestamp", "userId", "sessionId", "release", "version", "environment", "tags", "metadata", "input", "output", "public"] as const;
export const OBS_COLS = [
  "traceId", "parentObservationId", "type", "name", "startTime", "endTime", "completionStartTime", "level",
  "statusMessage", "version", "environment", "input", "output", "metadata", "model", "modelParameters",
  "promptName", "promptVersion", "inputTokens", "outputTokens", "totalTokens", "usageDetails", "inputCost",
  "outputCost", "totalCost", "costDetails", "costProvided",
] as const;
export const SCORE_COLS = [
  "traceId", "observationId", "sessionId", "datasetRunId", "name", "value", "stringValue", "dataType", "source",
  "comment", "authorUserId", "configId", "queueId", "environment", "metadata", "timestamp",
] as const;

export const JSON_COLS = new Set(["tags", "metadata", "input", "output", "modelParameters", "usageDetails", "costDetails", "models"]);
const DATE_COLS = new Set(["timestamp", "startTime", "endTime", "completionStartTime"]);
const BOOL_COLS = new Set(["public", "costProvided"]);

/** `jsonIsText`: SQLite hands JSON columns back as text; PostgreSQL (jsonb) already parsed — a JSON string stays a string. */
function decode(row: Row, jsonIsText: boolean): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) out[k] = null;
    else if (DATE_COLS.has(k)) out[k] = v instanceof Date ? v : new Date(typeof v === "string" && !/^\d+$/.test(v) ? v : Number(v));
    else if (JSON_COLS.has(k)) out[k] = jsonIsText && typeof v === "string" ? JSON.parse(v) : v;
    else if (BOOL_COLS.has(k)) out[k] = v === true || v === 1 || v === BigInt(1);
    else if (typeof v === "bigint") out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

async function load<T>(store: WriteStore, table: string, cols: readonly string[], projectId: string, ids: string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  if (!ids.length) return out;
  const rows = await store.query(
    sql`SELECT ${join(["id", ...cols].map(ident))} FROM ${ident(table)}
        WHERE "projectId" = ${projectId} AND ${store.dialect.inList(sql`"id"`, ids)}`,
  );
  const jsonIsText = store.dialect.provider === "sqlite";
  for (const r of rows) out.set(String(r.id), decode(r, jsonIsText) as T);
  return out;
}

/** Stored traces with their rollups (the writer updates those in memory). */
export const loadTraces = (s: WriteStore, p: string, ids: string[]) =>
  load<TraceRow & Rollup>(s, "Trace", [...TRACE_COLS, ...ROLLUP_COLS], p, ids);
export const loadObservations = (s: WriteStore, p: string, ids: string[]) => load<ObservationRow>(s, "Observation", OBS_COLS, p, ids);
export const loadScores = (s: WriteStore, p: string, ids: string[]) => load<ScoreRow>(s, "Score", SCORE_COLS, p, ids);
