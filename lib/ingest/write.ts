// The one write path: every protocol's events land here. One transaction per
// call: read the stored rows the events touch, merge in memory (merge.ts),
// upsert in multi-row statements, then refresh the touched traces' rollups.
// The caller acknowledges only after this resolves (acknowledged = committed).
import { dialectOf, transaction, type Db, type Tx } from "../db/client";
import { ident, join, sql, type Sql } from "../db/sql";
import type { IngestEvent } from "./events";
import {
  foldEvents,
  mergeObservation,
  mergeTrace,
  scoreRow,
  type ObservationRow,
  type PriceFn,
  type ScoreRow,
  type TraceRow,
} from "./merge";
import { refreshRollups } from "./rollups";

export interface WriteResult {
  traces: number;
  observations: number;
  scores: number;
}

// SQLite allows 32,766 bound parameters per statement; observations have ~30 columns.
const CHUNK = 400;

const TRACE_COLS = ["name", "timestamp", "userId", "sessionId", "release", "version", "environment", "tags", "metadata", "input", "output", "public"] as const;
const OBS_COLS = [
  "traceId", "parentObservationId", "type", "name", "startTime", "endTime", "completionStartTime", "level",
  "statusMessage", "version", "environment", "input", "output", "metadata", "model", "modelParameters",
  "promptName", "promptVersion", "inputTokens", "outputTokens", "totalTokens", "usageDetails", "inputCost",
  "outputCost", "totalCost", "costDetails", "costProvided",
] as const;
const SCORE_COLS = [
  "traceId", "observationId", "sessionId", "datasetRunId", "name", "value", "stringValue", "dataType", "source",
  "comment", "authorUserId", "configId", "queueId", "environment", "metadata", "timestamp",
] as const;
const JSON_COLS = new Set(["tags", "metadata", "input", "output", "modelParameters", "usageDetails", "costDetails"]);

export async function writeEvents(
  client: Db,
  projectId: string,
  events: IngestEvent[],
  price: PriceFn = () => undefined,
): Promise<WriteResult> {
  if (!events.length) return { traces: 0, observations: 0, scores: 0 };
  const now = new Date();
  let result: WriteResult = { traces: 0, observations: 0, scores: 0 };
  await transaction(client, async (tx) => {
    const dialect = dialectOf(tx);
    const obsIds = [...new Set(events.flatMap((e) => (e.kind === "observation" ? [e.id] : [])))];
    if (dialect.provider === "postgresql") {
      // Lock by trace as named in the events (and by observation id) before reading what is stored.
      const named = events.flatMap((e) => (e.kind === "trace" ? [e.id] : e.kind === "observation" ? [e.traceId] : []));
      await lockTraces(tx, projectId, [...named, ...obsIds.map((id) => `obs:${id}`)]);
    }
    const prevObs = obsIds.length ? await loadObservations(tx, projectId, obsIds) : new Map<string, ObservationRow>();
    const batch = foldEvents(events, (id) => prevObs.get(id)?.traceId);
    result = { traces: batch.traces.size, observations: batch.observations.size, scores: batch.scores.size };

    const prevTraces = await loadTraces(tx, projectId, [...batch.traces.keys()]);
    const traceRows = [...batch.traces.values()].map((e) =>
      mergeTrace(prevTraces.get(e.id), e, batch.inferredStart.get(e.id), now),
    );
    await upsert(tx, "Trace", projectId, TRACE_COLS, traceRows, now);

    if (batch.observations.size) {
      const obsRows = [...batch.observations.values()].map((e) => mergeObservation(prevObs.get(e.id), e, now, price));
      await upsert(tx, "Observation", projectId, OBS_COLS, obsRows, now);
    }
    if (batch.scores.size) {
      const prevScores = await loadScores(tx, projectId, [...batch.scores.keys()]);
      const rows = [...batch.scores.values()].map((e) => scoreRow(prevScores.get(e.id), e, now));
      await upsert(tx, "Score", projectId, SCORE_COLS, rows, now);
    }
    const sessionIds = new Set(traceRows.map((t) => t.sessionId).filter((s): s is string => !!s));
    for (const s of batch.scores.values()) if (s.sessionId) sessionIds.add(s.sessionId);
    await ensureSessions(tx, projectId, [...sessionIds], now);
    await refreshRollups(tx, projectId, [...batch.traces.keys()]);
  });
  return result;
}

/** PostgreSQL: serialise concurrent writers of the same trace so read-merge-write never loses an update. */
async function lockTraces(tx: Tx, projectId: string, traceIds: string[]) {
  const keys = [...new Set(traceIds)].sort();
  for (let i = 0; i < keys.length; i += 1000) {
    const part = keys.slice(i, i + 1000).map((id) => `${projectId}/${id}`);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${part}::text[]) AS k ORDER BY k`;
  }
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function loadTraces(tx: Tx, projectId: string, ids: string[]): Promise<Map<string, TraceRow>> {
  const out = new Map<string, TraceRow>();
  for (const part of chunks(ids, 1000)) {
    const rows = await tx.trace.findMany({
      where: { projectId, id: { in: part } },
      select: { id: true, timestamp: true, name: true, userId: true, sessionId: true, release: true, version: true, environment: true, tags: true, metadata: true, input: true, output: true, public: true },
    });
    for (const r of rows) out.set(r.id, r as unknown as TraceRow);
  }
  return out;
}

async function loadObservations(tx: Tx, projectId: string, ids: string[]): Promise<Map<string, ObservationRow>> {
  const out = new Map<string, ObservationRow>();
  for (const part of chunks(ids, 1000)) {
    const rows = await tx.observation.findMany({ where: { projectId, id: { in: part } }, omit: { projectId: true, createdAt: true, updatedAt: true } });
    for (const r of rows) out.set(r.id, r as unknown as ObservationRow);
  }
  return out;
}

async function loadScores(tx: Tx, projectId: string, ids: string[]): Promise<Map<string, ScoreRow>> {
  const out = new Map<string, ScoreRow>();
  for (const part of chunks(ids, 1000)) {
    const rows = await tx.score.findMany({ where: { projectId, id: { in: part } }, omit: { projectId: true, createdAt: true, updatedAt: true } });
    for (const r of rows) out.set(r.id, r as unknown as ScoreRow);
  }
  return out;
}

function param(col: string, value: unknown): Sql {
  if (value === undefined || value === null) return sql`NULL`;
  if (JSON_COLS.has(col)) return sql`${JSON.stringify(value)}`;
  return sql`${value}`;
}

/** INSERT ... ON CONFLICT ("projectId","id") DO UPDATE: rows are already merged, so the update takes them whole. */
async function upsert<R extends { id: string }>(
  tx: Tx,
  table: "Trace" | "Observation" | "Score",
  projectId: string,
  cols: readonly (keyof R & string)[],
  rows: R[],
  now: Date,
) {
  const jsonCast = dialectOf(tx).provider === "postgresql" ? sql`::jsonb` : sql``;
  const colList = join([ident("projectId"), ident("id"), ...cols.map(ident), ident("createdAt"), ident("updatedAt")]);
  const updates = join([...cols, "updatedAt"].map((c) => sql`${ident(c)} = excluded.${ident(c)}`));
  for (const part of chunks(rows)) {
    const values = join(
      part.map(
        (r) =>
          sql`(${join([
            sql`${projectId}`,
            sql`${r.id}`,
            ...cols.map((c) => (JSON_COLS.has(c) && r[c] != null ? sql`${param(c, r[c])}${jsonCast}` : param(c, r[c]))),
            sql`${now}`,
            sql`${now}`,
          ])})`,
      ),
    );
    await tx.$executeRaw`INSERT INTO ${ident(table)} (${colList}) VALUES ${values}
      ON CONFLICT ("projectId", "id") DO UPDATE SET ${updates}`;
  }
}

async function ensureSessions(tx: Tx, projectId: string, ids: string[], now: Date) {
  for (const part of chunks(ids, 1000)) {
    const values = join(part.map((id) => sql`(${projectId}, ${id}, ${now})`));
    await tx.$executeRaw`INSERT INTO "Session" ("projectId", "id", "createdAt") VALUES ${values}
      ON CONFLICT ("projectId", "id") DO NOTHING`;
  }
}
