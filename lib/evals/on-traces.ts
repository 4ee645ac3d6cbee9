// Evaluators on live traces, like promotion rules: per project the traces
// that changed since the oldest evaluator cursor (the trace row, or a score on
// it), then per enabled evaluator with a filter: the filter on just those ids
// (the traces where-builder), the sample (a stable hash of evaluator and
// trace), and the evaluation of each trace's output and figures. A trace
// whose last change that evaluator already saw is skipped. Off the request
// path (lib/evals/nudge.ts).
import "server-only";
import type { Db } from "../db/client";
import { changedSince, matchingAmong } from "../datasets/rules/evaluate";
import { sampled } from "../query/sample";
import { compileEvaluator, runOn, type CompiledEvaluator } from "./evaluate";
import { lagOf } from "./on-runs";
import { alreadySeen, EVAL_SCORE_PREFIX, markSeen, recordVerdicts, type Verdict } from "./record";
import { evaluatorConfig, evaluatorFilter, type EvaluatorRow } from "./store";

/** Traces read and scored at once: small enough that ingestion's writes and requests get their turn in between. */
const CHUNK = 200;
const yieldToRequests = () => new Promise<void>((r) => setImmediate(r));

export interface LiveSummary {
  evaluators: number;
  candidates: number;
  matched: number;
  scored: number;
  errors: number;
}

interface Plan {
  row: EvaluatorRow;
  evaluate: CompiledEvaluator;
  /** the matched, sampled traces this evaluator has not seen at their current version */
  fresh: Set<string>;
}

/**
 * Scores traces with several evaluators: each trace read once, every
 * evaluator's verdicts on a chunk written together.
 */
async function scoreTraces(client: Db, projectId: string, plans: Plan[], evaluatedAt: Date): Promise<{ scored: number; errors: number }> {
  const ids = [...new Set(plans.flatMap((p) => [...p.fresh]))];
  let scored = 0;
  let errors = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const traces = await client.trace.findMany({
      where: { projectId, id: { in: ids.slice(i, i + CHUNK) } },
      select: { id: true, output: true, latencyMs: true, totalCost: true, totalTokens: true, environment: true },
    });
    const verdicts: Verdict[] = [];
    for (const p of plans) {
      const evaluator = { id: p.row.id, name: p.row.name };
      for (const t of traces) {
        if (!p.fresh.has(t.id)) continue;
        const outcome = runOn(p.evaluate, { output: t.output, latencyMs: t.latencyMs, totalCost: t.totalCost, totalTokens: t.totalTokens });
        const target = { type: "TRACE" as const, id: t.id, traceId: t.id, observationId: null, datasetRunId: null, environment: t.environment };
        verdicts.push(outcome.ok ? { evaluator, target, ok: true, outcome: outcome.outcome } : { evaluator, target, ok: false, error: outcome.error });
      }
    }
    const n = await recordVerdicts(client, projectId, verdicts, evaluatedAt);
    scored += n.scored;
    errors += n.errors;
    await yieldToRequests();
  }
  return { scored, errors };
}

/** Evaluates every enabled live evaluator of a project on what changed since its cursor. */
export async function evaluateLiveTraces(client: Db, projectId: string, now: Date = new Date()): Promise<LiveSummary> {
  const summary: LiveSummary = { evaluators: 0, candidates: 0, matched: 0, scored: 0, errors: 0 };
  const evaluators = (await client.evaluator.findMany({ where: { projectId, enabled: true } })).filter((e) => evaluatorFilter(e) && evaluatorConfig(e));
  if (!evaluators.length) return summary;
  const lag = lagOf(client);
  const sinceOf = (e: EvaluatorRow) => (e.cursor ?? e.createdAt).getTime() - lag;
  // Evaluators' own scores (ids "eval-…") are not a change to look at again.
  const { changedAt, cutAt } = await changedSince(client, projectId, new Date(Math.min(...evaluators.map(sinceOf))), { ignoreScoreIds: EVAL_SCORE_PREFIX });
  summary.candidates = changedAt.size;
  const cursor = cutAt ?? now;
  const plans: Plan[] = [];
  const looked: EvaluatorRow[] = [];
  for (const e of evaluators) {
    try {
      summary.evaluators++;
      const since = sinceOf(e);
      const ids = [...changedAt].filter(([, at]) => at > since).map(([id]) => id);
      if (ids.length || now.getTime() - (e.cursor?.getTime() ?? 0) > 60_000) looked.push(e);
      if (!ids.length) continue;
      const matched = (await matchingAmong(client, projectId, evaluatorFilter(e)!, ids)).filter((id) => sampled(e.id, id, e.sampleRate));
      const seen = alreadySeen(e.id, "TRACE", new Map(matched.map((id) => [id, changedAt.get(id)!])));
      const fresh = matched.filter((id) => !seen.has(id));
      summary.matched += fresh.length;
      if (fresh.length) plans.push({ row: e, evaluate: compileEvaluator(evaluatorConfig(e)!), fresh: new Set(fresh) });
    } catch (err) {
      // This evaluator is left out of this look (its cursor stays); the others go on.
      if (looked.includes(e)) looked.splice(looked.indexOf(e), 1);
      console.error(`evaluator ${e.id} (${e.name}) on live traces failed; it is looked at again next time`, err);
    }
  }
  if (plans.length) {
    const n = await scoreTraces(client, projectId, plans, now);
    summary.scored += n.scored;
    summary.errors += n.errors;
    for (const p of plans) markSeen(p.row.id, "TRACE", new Map([...p.fresh].map((id) => [id, changedAt.get(id)!])));
  }
  // Nothing changed for one: its cursor still moves now and then, without a write per look.
  if (looked.length) await client.evaluator.updateMany({ where: { id: { in: looked.map((e) => e.id) } }, data: { cursor } });
  return summary;
}
