// One ingestion write's work inside its transaction, over a WriteStore (so the
// same code runs on PostgreSQL's Prisma transaction, on this process's SQLite
// writer and on the writer thread's: writer-thread/): read the stored rows the
// events touch, fold and merge in memory (fold.ts, merge.ts), upsert, then
// refresh the touched traces' rollups and the analytics rollups.
// No database client import: the writer thread loads this without Prisma.
import { sql } from "../db/sql";
import type { IngestEvent } from "./events";
import { DomainError, type Issue } from "../errors";
import { loadHeld, releaseHeld, saveHeld } from "./held";
import { foldEvents } from "./fold";
import { mergeObservation, mergeTrace, scoreRow, type PriceFn } from "./merge";
import { aggregateRollups, emptyRollup, rollUp } from "./rollups";
import { loadObservations, loadScores, loadTraces, OBS_COLS, type ObservationRow, ROLLUP_COLS, type Rollup, SCORE_COLS, type ScoreRow, storedValue, TRACE_COLS } from "./rows";
import type { WriteStore } from "./store";
import { maintainRollups } from "../analytics/rollups/maintain";
import { indexTraceSearch } from "../traces/search-index";

export interface WriteResult {
  traces: number;
  observations: number;
  scores: number;
}

export interface BatchOptions {
  /**
   * Refuse (409, nothing written) an event that puts a stored observation in
   * another trace, naming the field of that id (`paths`, else `fallback`).
   * Without it the observation silently stays in its trace (Langfuse batches).
   * Data, not a function: it crosses to the writer thread.
   */
  refuseMoves?: { paths: ReadonlyMap<string, string>; fallback: string };
}

export async function writeBatch(store: WriteStore, projectId: string, events: IngestEvent[], price: PriceFn, options: BatchOptions = {}): Promise<WriteResult> {
  // Stamped once the write lock is held (on SQLite, the one writer's turn): rows'
  // updatedAt then follows commit order, which promotion rules read as a cursor.
  const now = new Date();
  const obsIds = [...new Set(events.flatMap((e) => (e.kind === "observation" ? [e.id] : [])))];
  const pg = store.dialect.provider === "postgresql";
  // Serialise concurrent writers of the same observations, then of the same
  // traces, before reading what is stored. Observations always first: the
  // traces of stored ones are known only after reading them.
  if (pg) await lockKeys(store, projectId, obsIds.map((id) => `obs:${id}`));
  const prevObs = obsIds.length ? await loadObservations(store, projectId, obsIds) : new Map<string, ObservationRow>();
  if (options.refuseMoves) refuseMoves(events, prevObs, options.refuseMoves);
  const unseen = obsIds.filter((id) => !prevObs.has(id));
  const held = unseen.length ? await loadHeld(store, projectId, unseen) : undefined;
  const batch = foldEvents(events, { storedTraceOf: (id) => prevObs.get(id)?.traceId, held, now });
  if (pg) await lockKeys(store, projectId, [...batch.traces.keys()].map((id) => `trace:${id}`));

  const prevTraces = await loadTraces(store, projectId, [...batch.traces.keys()]);

  // Observations first: a trace that must be aggregated again reads them.
  const changes = new Map<string, { prev?: ObservationRow; next: ObservationRow }[]>();
  if (batch.observations.size) {
    const rows = [...batch.observations.values()].map(({ event, times }) => {
      const prev = prevObs.get(event.id);
      const next = mergeObservation(prev, event, now, price, times);
      const list = changes.get(next.traceId) ?? [];
      list.push({ prev, next });
      changes.set(next.traceId, list);
      return next;
    });
    await upsert(store, "Observation", projectId, OBS_COLS, rows, now);
  }
  if (batch.held.size) await saveHeld(store, projectId, batch.held, now);
  if (batch.released.size) await releaseHeld(store, projectId, batch.released);
  const scoreChanges: { prev?: ScoreRow; next: ScoreRow }[] = [];
  if (batch.scores.size) {
    const prevScores = await loadScores(store, projectId, [...batch.scores.keys()]);
    const rows = [...batch.scores.values()].map((e) => {
      const next = scoreRow(prevScores.get(e.id), e, now);
      scoreChanges.push({ prev: prevScores.get(e.id), next });
      return next;
    });
    await upsert(store, "Score", projectId, SCORE_COLS, rows, now);
  }

  const rollups = new Map<string, Rollup | undefined>();
  for (const id of batch.traces.keys()) rollups.set(id, rollUp(prevTraces.get(id), changes.get(id) ?? []));
  const inexact = [...rollups].filter(([, r]) => !r).map(([id]) => id);
  if (inexact.length) for (const [id, r] of await aggregateRollups(store, projectId, inexact)) rollups.set(id, r);

  const traceRows = [...batch.traces.values()].map(({ event, times }) => ({
    ...mergeTrace(prevTraces.get(event.id), event, batch.inferredStart.get(event.id), now, times),
    ...(rollups.get(event.id) ?? emptyRollup()),
  }));
  await upsert(store, "Trace", projectId, [...TRACE_COLS, ...ROLLUP_COLS], traceRows, now);
  // The search index, for the traces whose name, input, output or timestamp changed (lib/traces/search-index.ts).
  if (process.env.LOUPE_BENCH_NO_SEARCH_INDEX !== "1") await indexTraceSearch(store, projectId, prevTraces, traceRows);
  // The analytics rollups, last: one upsert per rollup table (lib/analytics/rollups).
  await maintainRollups(store, projectId, { prevTraces, nextTraces: traceRows, observations: [...changes.values()].flat(), scores: scoreChanges });

  const sessionIds = new Set(traceRows.map((t) => t.sessionId).filter((s): s is string => !!s));
  for (const s of batch.scores.values()) if (s.sessionId) sessionIds.add(s.sessionId);
  await ensureSessions(store, projectId, [...sessionIds], now);
  return { traces: batch.traces.size, observations: batch.observations.size + batch.held.size, scores: batch.scores.size };
}

function refuseMoves(events: IngestEvent[], stored: ReadonlyMap<string, ObservationRow>, refuse: NonNullable<BatchOptions["refuseMoves"]>) {
  const issues: Issue[] = [];
  for (const e of events) {
    if (e.kind !== "observation" || !e.traceId) continue;
    const owner = stored.get(e.id)?.traceId;
    if (owner !== undefined && owner !== e.traceId) {
      issues.push({ path: refuse.paths.get(e.id) ?? refuse.fallback, message: `observation ${e.id} belongs to another trace (${owner}); an observation never moves` });
    }
  }
  if (issues.length) throw new DomainError("conflict", issues[0].message, { issues });
}

async function lockKeys(store: WriteStore, projectId: string, keys: string[]) {
  if (!keys.length) return;
  const sorted = [...new Set(keys)].sort().map((k) => `${projectId}/${k}`);
  await store.exec(sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${sorted}::text[]) AS k ORDER BY k`);
}

/** INSERT ... ON CONFLICT ("projectId","id") DO UPDATE: rows are already merged, so the update takes them whole. */
async function upsert<R extends { id: string }>(
  store: WriteStore,
  table: "Trace" | "Observation" | "Score",
  projectId: string,
  cols: readonly (keyof R & string)[],
  rows: R[],
  now: Date,
) {
  const allCols = ["projectId", "id", ...cols, "createdAt", "updatedAt"];
  const conflict = `ON CONFLICT ("projectId", "id") DO UPDATE SET ${[...cols, "updatedAt"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}`;
  await store.insertRows(table, allCols, rows.map((r) => [projectId, r.id, ...cols.map((c) => storedValue(c, r[c])), now, now]), conflict);
}

// One statement for the batch's sessions (PostgreSQL paid a round trip per session), in id order: two
// transactions inserting the same new sessions wait for each other rather than deadlock.
async function ensureSessions(store: WriteStore, projectId: string, ids: string[], now: Date) {
  const rows = [...ids].sort().map((id) => [projectId, id, now]);
  await store.insertRows("Session", ["projectId", "id", "createdAt"], rows, `ON CONFLICT ("projectId", "id") DO NOTHING`);
}
