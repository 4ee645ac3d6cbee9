// The one write path: every protocol's events land here. One transaction per
// call: read the stored rows the events touch, merge in memory (merge.ts),
// upsert, then refresh the touched traces' rollups. The caller acknowledges
// only after this resolves (acknowledged = committed).
import type { Db } from "../db/client";
import { ident, join, sql, type Sql } from "../db/sql";
import type { IngestEvent } from "./events";
import { foldEvents, mergeObservation, mergeTrace, scoreRow, type ObservationRow, type PriceFn } from "./merge";
import { refreshRollups } from "./rollups";
import { JSON_COLS, loadObservations, loadScores, loadTraces, OBS_COLS, SCORE_COLS, TRACE_COLS } from "./rows";
import { withWriteStore, type WriteStore } from "./store";

export interface WriteResult {
  traces: number;
  observations: number;
  scores: number;
}

export async function writeEvents(
  client: Db,
  projectId: string,
  events: IngestEvent[],
  price: PriceFn = () => undefined,
): Promise<WriteResult> {
  if (!events.length) return { traces: 0, observations: 0, scores: 0 };
  const now = new Date();
  return withWriteStore(client, async (store) => {
    const obsIds = [...new Set(events.flatMap((e) => (e.kind === "observation" ? [e.id] : [])))];
    if (store.dialect.provider === "postgresql") {
      // Serialise concurrent writers of the same trace (and observation) before reading what is stored.
      const named = events.flatMap((e) => (e.kind === "trace" ? [e.id] : e.kind === "observation" ? [e.traceId] : []));
      await lockKeys(store, projectId, [...named, ...obsIds.map((id) => `obs:${id}`)]);
    }
    const prevObs = obsIds.length ? await loadObservations(store, projectId, obsIds) : new Map<string, ObservationRow>();
    const batch = foldEvents(events, (id) => prevObs.get(id)?.traceId);

    const prevTraces = await loadTraces(store, projectId, [...batch.traces.keys()]);
    const traceRows = [...batch.traces.values()].map((e) =>
      mergeTrace(prevTraces.get(e.id), e, batch.inferredStart.get(e.id), now),
    );
    await upsert(store, "Trace", projectId, TRACE_COLS, traceRows, now);

    if (batch.observations.size) {
      const rows = [...batch.observations.values()].map((e) => mergeObservation(prevObs.get(e.id), e, now, price));
      await upsert(store, "Observation", projectId, OBS_COLS, rows, now);
    }
    if (batch.scores.size) {
      const prevScores = await loadScores(store, projectId, [...batch.scores.keys()]);
      const rows = [...batch.scores.values()].map((e) => scoreRow(prevScores.get(e.id), e, now));
      await upsert(store, "Score", projectId, SCORE_COLS, rows, now);
    }
    const sessionIds = new Set(traceRows.map((t) => t.sessionId).filter((s): s is string => !!s));
    for (const s of batch.scores.values()) if (s.sessionId) sessionIds.add(s.sessionId);
    await ensureSessions(store, projectId, [...sessionIds], now);
    await refreshRollups(store, projectId, [...batch.traces.keys()]);
    return { traces: batch.traces.size, observations: batch.observations.size, scores: batch.scores.size };
  });
}

async function lockKeys(store: WriteStore, projectId: string, keys: string[]) {
  const sorted = [...new Set(keys)].sort().map((k) => `${projectId}/${k}`);
  await store.exec(sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${sorted}::text[]) AS k ORDER BY k`);
}

/**
 * INSERT ... ON CONFLICT ("projectId","id") DO UPDATE: rows are already merged,
 * so the update takes them whole. PostgreSQL gets multi-row statements (fewer
 * round trips); SQLite one cached single-row statement per table (no network,
 * and one prepared text beats re-preparing a new text per row count).
 */
async function upsert<R extends { id: string }>(
  store: WriteStore,
  table: "Trace" | "Observation" | "Score",
  projectId: string,
  cols: readonly (keyof R & string)[],
  rows: R[],
  now: Date,
) {
  const pg = store.dialect.provider === "postgresql";
  const colList = join([ident("projectId"), ident("id"), ...cols.map(ident), ident("createdAt"), ident("updatedAt")]);
  const updates = join([...cols, "updatedAt"].map((c) => sql`${ident(c)} = excluded.${ident(c)}`));
  const value = (c: string, v: unknown): Sql => {
    if (v === undefined || v === null) return sql`NULL`;
    if (JSON_COLS.has(c)) return pg ? sql`${JSON.stringify(v)}::jsonb` : sql`${JSON.stringify(v)}`;
    return sql`${v}`;
  };
  const tuple = (r: R) => sql`(${join([sql`${projectId}`, sql`${r.id}`, ...cols.map((c) => value(c, r[c])), sql`${now}`, sql`${now}`])})`;
  // SQLite caps bound parameters at 32,766; observations have ~30 columns.
  const size = pg ? 400 : 1;
  for (let i = 0; i < rows.length; i += size) {
    const values = join(rows.slice(i, i + size).map(tuple));
    await store.exec(sql`INSERT INTO ${ident(table)} (${colList}) VALUES ${values} ON CONFLICT ("projectId", "id") DO UPDATE SET ${updates}`);
  }
}

async function ensureSessions(store: WriteStore, projectId: string, ids: string[], now: Date) {
  for (const id of ids) {
    await store.exec(sql`INSERT INTO "Session" ("projectId", "id", "createdAt") VALUES (${projectId}, ${id}, ${now}) ON CONFLICT ("projectId", "id") DO NOTHING`);
  }
}
