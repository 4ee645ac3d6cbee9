// The rollup deltas of one ingestion write, in its transaction: every trace,
// observation and score the batch touched counts out with its before-state and
// in with its after-state. An observation's and a score's key holds its
// trace's name (a score's also the release, the trace's model set and its
// observation's model), so when a trace gets a name or release (an observation
// or score arrived before it, or the trace was renamed) or a new model (a
// generation of another model arrived), or an observation gets a model, its
// stored observations and scores outside the batch move keys too.
import { sql } from "../../db/sql";
import type { WriteStore } from "../../ingest/store";
import { countScoresOf, loadObservationModels, loadObservationsOfTraces, loadScoreFactsOfObservations, loadScoreFactsOfTraces, loadTraceNames, type ObservationRow, type Rollup, type ScoreFactsRow, type ScoreRow, type TraceRow } from "../../ingest/rows";
import { applyRollupDeltas } from "./apply";
import { observationContribution, scoreContribution, subjectContributions, traceContribution, traceModelsKey, type ScoreTraceFacts } from "./contrib";
import { RollupDeltas } from "./deltas";

type TraceState = TraceRow & Rollup;
type TraceInfo = ScoreTraceFacts | null;

export interface WriteChanges {
  prevTraces: ReadonlyMap<string, TraceState>;
  nextTraces: readonly TraceState[];
  observations: readonly { prev?: ObservationRow; next: ObservationRow }[];
  scores: readonly { prev?: ScoreRow; next: ScoreRow }[];
}

/** LOUPE_ROLLUPS=off: neither maintained on writes nor read (the bench's baseline; the rows answer everything). */
export function rollupsEnabled(): boolean {
  return process.env.LOUPE_ROLLUPS !== "off";
}

/**
 * A write the rollups did not follow (LOUPE_ROLLUPS=off) marks its project for a recompute from the start, in
 * the same transaction: a later start with rollups on backfills it and serves it from the rows until then, so
 * switching off and on again never serves a stale figure. A backfill under way restarts (its cursor may be past
 * the hour written).
 */
export async function markRollupsStale(store: WriteStore, projectId: string): Promise<void> {
  const now = new Date();
  await store.exec(
    sql`INSERT INTO "RollupBackfill" ("projectId", "cursor", "updatedAt") VALUES (${projectId}, NULL, ${now}) ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL, "updatedAt" = ${now}`,
  );
}

export async function maintainRollups(store: WriteStore, projectId: string, w: WriteChanges): Promise<void> {
  if (!rollupsEnabled()) return markRollupsStale(store, projectId);
  const deltas = new RollupDeltas();
  const next = new Map(w.nextTraces.map((t) => [t.id, t]));
  const batchObservations = new Map(w.observations.map((c) => [c.next.id, c]));

  // Stored children whose key changes: observations of a renamed trace; scores of a trace renamed,
  // re-released or given a new model, and of an observation whose model changed (one that just arrived changes it from null, the
  // model its earlier scores were stored under; most observations have none, and cost no lookup).
  const renamed: string[] = [];
  const rescored: string[] = [];
  for (const t of w.nextTraces) {
    const prev = w.prevTraces.get(t.id);
    if (prev && prev.name !== t.name) renamed.push(t.id);
    if (!prev || prev.name !== t.name || prev.release !== t.release || traceModelsKey(prev) !== traceModelsKey(t)) rescored.push(t.id);
  }
  const remodelled = w.observations.filter(({ prev, next: o }) => (prev?.model ?? null) !== o.model).map((c) => c.next.id);
  const batchScores = new Set(w.scores.map((c) => c.next.id));
  const storedScores = new Map<string, ScoreFactsRow>();
  // The batch's own scores are stored already: when the index counts no more than those, there is nothing to read
  // (the usual case: a new trace's scores come with it or after it).
  const keep = async (ids: string[], by: "traceId" | "observationId", load: typeof loadScoreFactsOfTraces) => {
    if (!ids.length) return;
    const wanted = new Set(ids);
    let own = 0;
    for (const { next: s } of w.scores) if (s[by] !== null && wanted.has(s[by])) own++;
    if ((await countScoresOf(store, projectId, ids, by)) === own) return;
    for (const s of (await load(store, projectId, ids)).values()) if (!batchScores.has(s.id)) storedScores.set(s.id, s);
  };
  await keep(rescored, "traceId", loadScoreFactsOfTraces);
  await keep(remodelled, "observationId", loadScoreFactsOfObservations);

  // Traces and observations outside the batch that a key reads: the same before and after.
  const scores = [...w.scores.flatMap(({ prev, next: s }) => (prev ? [prev, s] : [s])), ...storedScores.values()];
  const wantedTraces = new Set<string>();
  for (const { prev, next: n } of w.observations) for (const id of [prev?.traceId, n.traceId]) if (id && !next.has(id)) wantedTraces.add(id);
  for (const s of scores) if (s.traceId && !next.has(s.traceId)) wantedTraces.add(s.traceId);
  const wantedObservations = new Set<string>();
  for (const s of scores) if (s.observationId && !batchObservations.has(s.observationId)) wantedObservations.add(s.observationId);
  const outside = await loadTraceNames(store, projectId, [...wantedTraces]);
  const outsideModels = await loadObservationModels(store, projectId, [...wantedObservations]);

  const info = (t: TraceState | undefined): TraceInfo => (t ? { name: t.name, release: t.release, models: t.models } : null);
  const before = (id: string | null): TraceInfo => (id === null ? null : next.has(id) ? info(w.prevTraces.get(id)) : (outside.get(id) ?? null));
  const after = (id: string | null): TraceInfo => (id === null ? null : next.has(id) ? info(next.get(id)) : (outside.get(id) ?? null));
  const modelBefore = (id: string | null): string | null =>
    id === null ? null : batchObservations.has(id) ? (batchObservations.get(id)!.prev?.model ?? null) : (outsideModels.get(id)?.model ?? null);
  const modelAfter = (id: string | null): string | null =>
    id === null ? null : batchObservations.has(id) ? batchObservations.get(id)!.next.model : (outsideModels.get(id)?.model ?? null);
  const scoreBefore = (s: ScoreFactsRow) => scoreContribution(s, before(s.traceId), modelBefore(s.observationId));
  const scoreAfter = (s: ScoreFactsRow) => scoreContribution(s, after(s.traceId), modelAfter(s.observationId));

  for (const t of w.nextTraces) {
    const prev = w.prevTraces.get(t.id);
    if (prev) {
      deltas.add(traceContribution(prev), -1);
      for (const c of subjectContributions(prev)) deltas.add(c, -1);
    }
    deltas.add(traceContribution(t), 1);
    for (const c of subjectContributions(t)) deltas.add(c, 1);
  }
  for (const { prev, next: o } of w.observations) {
    if (prev) deltas.add(observationContribution(prev, before(prev.traceId)?.name ?? null), -1);
    deltas.add(observationContribution(o, after(o.traceId)?.name ?? null), 1);
  }
  for (const { prev, next: s } of w.scores) {
    if (prev) deltas.add(scoreBefore(prev), -1);
    deltas.add(scoreAfter(s), 1);
  }
  if (renamed.length) {
    for (const o of (await loadObservationsOfTraces(store, projectId, renamed)).values()) {
      if (batchObservations.has(o.id)) continue;
      deltas.add(observationContribution(o, before(o.traceId)?.name ?? null), -1);
      deltas.add(observationContribution(o, after(o.traceId)?.name ?? null), 1);
    }
  }
  for (const s of storedScores.values()) {
    deltas.add(scoreBefore(s), -1);
    deltas.add(scoreAfter(s), 1);
  }
  // Under group commit (SQLite) the group sums its writes' deltas and upserts them once before COMMIT.
  if (store.deferRollups) store.deferRollups(projectId, deltas);
  else await applyRollupDeltas(store, projectId, deltas);
}
