// Writing what evaluators found: scores through the one write path
// (ingestEvents, source EVAL, named by the evaluator) with an id fixed per
// (evaluator, target), so evaluating again replaces the score; and one
// EvaluatorResult per (evaluator, target) — the score, or the error hit there.
// A score whose value and comment did not change is not written again: the
// live evaluator reads scores changed since its cursor, and rewriting its own
// would make it look at the same traces forever.
import "server-only";
import { createHash } from "node:crypto";
import { transaction, type Db } from "../db/client";
import { removeFromRollups } from "../analytics/rollups/remove";
import { isUniqueViolation } from "../errors";
import type { ScoreEvent } from "../ingest/events";
import { ingestEvents } from "../ingest/service";
import type { Outcome } from "./schemas";

export type TargetType = "RUN_ITEM" | "TRACE";

export interface EvalTargetRef {
  type: TargetType;
  /** the run item id, or the trace id */
  id: string;
  traceId: string;
  observationId: string | null;
  datasetRunId: string | null;
  environment?: string | null;
}

/** One evaluator's outcome on one target. */
export type Verdict = { evaluator: { id: string; name: string }; target: EvalTargetRef } & ({ ok: true; outcome: Outcome } | { ok: false; error: string });

const CHUNK = 400;

/** What every evaluator score id starts with (live evaluators do not treat these scores as a change). */
export const EVAL_SCORE_PREFIX = "eval-";

/** The score id of an evaluator on a target: the same every time, so a new evaluation replaces the old score. */
export function evalScoreId(evaluatorId: string, type: TargetType, targetId: string): string {
  const id = `${EVAL_SCORE_PREFIX}${evaluatorId}-${type === "RUN_ITEM" ? "ri" : "t"}-${targetId}`;
  return id.length <= 200 ? id : `${EVAL_SCORE_PREFIX}${evaluatorId}-${createHash("sha256").update(`${type}\u0000${targetId}`).digest("hex")}`;
}

const scoreValue = (o: Outcome) => (typeof o.value === "number" ? o.value : null);

/**
 * Records verdicts (of one evaluator or several: one score write and one
 * results write per chunk, whoever gave them); results are stamped
 * `evaluatedAt`. A result whose outcome did not change is left as it is unless
 * `touch` (an explicit "evaluate again", which dates them).
 */
export async function recordVerdicts(client: Db, projectId: string, verdicts: Verdict[], evaluatedAt: Date, opts: { touch?: boolean } = {}): Promise<{ scored: number; errors: number }> {
  let scored = 0;
  let errors = 0;
  for (let i = 0; i < verdicts.length; i += CHUNK) {
    const chunk = verdicts.slice(i, i + CHUNK);
    const ids = chunk.map((v) => evalScoreId(v.evaluator.id, v.target.type, v.target.id));
    const prev = new Map(
      (await client.score.findMany({ where: { projectId, id: { in: ids } }, select: { id: true, value: true, comment: true, traceId: true, observationId: true, name: true } })).map((s) => [s.id, s]),
    );
    const events: ScoreEvent[] = [];
    const stale: string[] = [];
    chunk.forEach((v, k) => {
      const id = ids[k];
      const p = prev.get(id);
      if (!v.ok) {
        errors++;
        // An error now: the score of an earlier evaluation no longer says anything.
        if (p) stale.push(id);
        return;
      }
      scored++;
      const value = scoreValue(v.outcome);
      if (p && p.value === value && p.comment === v.outcome.comment && p.traceId === v.target.traceId && p.observationId === v.target.observationId && p.name === v.evaluator.name) return;
      events.push({
        kind: "score",
        id,
        name: v.evaluator.name,
        value: v.outcome.value,
        dataType: v.outcome.dataType,
        traceId: v.target.traceId,
        observationId: v.target.observationId,
        source: "EVAL",
        comment: v.outcome.comment,
        environment: v.target.environment ?? null,
        metadata: { evaluatorId: v.evaluator.id, ...(v.target.type === "RUN_ITEM" ? { runItemId: v.target.id, datasetRunId: v.target.datasetRunId } : {}) },
        timestamp: new Date(),
      });
    });
    if (events.length) await ingestEvents(projectId, events, client);
    if (stale.length)
      await transaction(client, async (tx) => {
        await removeFromRollups(tx, projectId, { scoreIds: stale });
        await tx.score.deleteMany({ where: { projectId, id: { in: stale } } });
      });
    await upsertResults(client, projectId, chunk, ids, evaluatedAt, opts.touch ?? false);
  }
  return { scored, errors };
}

type ResultRow = { projectId: string; evaluatorId: string; targetType: TargetType; targetId: string; datasetRunId: string | null; status: string; scoreId: string | null; error: string | null; updatedAt: Date };

/**
 * Writes a chunk's results in a fixed number of statements: one read per
 * (evaluator, target type), then the new and changed rows together — the
 * changed ones replaced (deleted and created again with their id and
 * createdAt, in one transaction), since each carries its own score id and
 * error and no single update fits them all.
 */
async function upsertResults(client: Db, projectId: string, chunk: Verdict[], scoreIds: string[], at: Date, touch: boolean): Promise<void> {
  const rows: ResultRow[] = chunk.map((v, k) => ({
    projectId,
    evaluatorId: v.evaluator.id,
    targetType: v.target.type,
    targetId: v.target.id,
    datasetRunId: v.target.datasetRunId,
    status: v.ok ? "OK" : "ERROR",
    scoreId: v.ok ? scoreIds[k] : null,
    error: v.ok ? null : v.error,
    updatedAt: at,
  }));
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const key = `${r.evaluatorId}\u0000${r.targetType}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const fresh: ResultRow[] = [];
  const changed: (ResultRow & { id: string; createdAt: Date })[] = [];
  const same: string[] = [];
  for (const list of groups.values()) {
    const { evaluatorId, targetType } = list[0];
    const existing = new Map(
      (
        await client.evaluatorResult.findMany({
          where: { evaluatorId, targetType, targetId: { in: list.map((r) => r.targetId) } },
          select: { id: true, targetId: true, status: true, scoreId: true, error: true, datasetRunId: true, createdAt: true },
        })
      ).map((r) => [r.targetId, r]),
    );
    for (const r of list) {
      const e = existing.get(r.targetId);
      if (!e) fresh.push(r);
      else if (e.status === r.status && e.scoreId === r.scoreId && e.error === r.error && e.datasetRunId === r.datasetRunId) same.push(e.id);
      else changed.push({ ...r, id: e.id, createdAt: e.createdAt });
    }
  }
  // Unchanged outcomes are not written again by the background looks; an explicit run ("evaluate again") dates them.
  if (same.length && touch) await client.evaluatorResult.updateMany({ where: { id: { in: same } }, data: { updatedAt: at } });
  if (!fresh.length && !changed.length) return;
  try {
    await client.$transaction([
      ...(changed.length ? [client.evaluatorResult.deleteMany({ where: { id: { in: changed.map((c) => c.id) } } })] : []),
      ...(changed.length ? [client.evaluatorResult.createMany({ data: changed })] : []),
      ...(fresh.length ? [client.evaluatorResult.createMany({ data: fresh })] : []),
    ]);
  } catch (err) {
    // Another look (the background loop and an "evaluate again" job) wrote some in between: one by one.
    if (!isUniqueViolation(err)) throw err;
    for (const r of [...fresh, ...changed]) {
      const { evaluatorId, targetType, targetId } = r;
      const data = { datasetRunId: r.datasetRunId, status: r.status, scoreId: r.scoreId, error: r.error, updatedAt: r.updatedAt };
      await client.evaluatorResult.upsert({ where: { evaluatorId_targetType_targetId: { evaluatorId, targetType, targetId } }, update: data, create: { projectId, evaluatorId, targetType, targetId, ...data } });
    }
  }
}

// Which version of each target this process last evaluated (its change time),
// so the looks that re-read the last seconds (late commits) skip what they have
// already seen instead of reading and comparing it again. Exact equality: a
// write stamped earlier than the one evaluated (PostgreSQL writers stamp before
// they wait for a lock) still counts as new. In memory, bounded: after a
// restart a target is simply evaluated once more. On globalThis: Next may
// evaluate this module once per bundle layer.
const MAX_SEEN = 200_000;
const seen = ((globalThis as unknown as { loupeEvalSeen?: Map<string, number> }).loupeEvalSeen ??= new Map());

const seenKey = (evaluatorId: string, type: TargetType, id: string) => `${evaluatorId}\u0000${type}\u0000${id}`;

/** The targets whose change (by id → change time) this process has already evaluated. */
export function alreadySeen(evaluatorId: string, type: TargetType, changedAt: Map<string, number>): Set<string> {
  const out = new Set<string>();
  for (const [id, at] of changedAt) if (seen.get(seenKey(evaluatorId, type, id)) === at) out.add(id);
  return out;
}

/** Notes the versions just evaluated. */
export function markSeen(evaluatorId: string, type: TargetType, changedAt: Map<string, number>): void {
  for (const [id, at] of changedAt) {
    const key = seenKey(evaluatorId, type, id);
    seen.delete(key);
    seen.set(key, at);
  }
  // Oldest first out: only the last few seconds' versions are ever looked up again.
  for (const key of seen.keys()) {
    if (seen.size <= MAX_SEEN) break;
    seen.delete(key);
  }
}
