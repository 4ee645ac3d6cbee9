// Evaluators on runs: an evaluator attached to a dataset scores every run item
// of that dataset's runs, comparing what the run item produced (the one loader,
// lib/experiments/results.ts) with the item's expected output (at the run's
// dataset version when the link named one). The trace may arrive after the
// link: a run item is scored once its trace is there, and again when the
// trace changes. The cursor (Evaluator.runCursor) is over run items changed
// since (DatasetRunItem.updatedAt) and traces changed since that belong to a
// run item (joined through its (projectId, traceId) index). Off the request
// path (lib/evals/nudge.ts), and on demand (job.ts).
import "server-only";
import { dialectOf, type Db } from "../db/client";
import { decode, join } from "../db/sql";
import { RULE_LAG_MS } from "../datasets/rules/evaluate";
import { itemAsRunKey, itemsAsRun } from "../experiments/item-as-run";
import { loadRunItemResultsByIds } from "../experiments/results";
import { compileEvaluator, runOn, type CompiledEvaluator } from "./evaluate";
import { alreadySeen, markSeen, recordVerdicts, type Verdict } from "./record";
import { evaluatorConfig, type EvaluatorRow } from "./store";

const PG_LAG_MS = 10_000;
/** Changed rows read per source per look; when cut short, the cursor stops at the last row read. */
const MAX_CANDIDATES = 20_000;
/** Run items loaded and scored at once. */
const PAGE = 200;

export const lagOf = (client: Db) => (dialectOf(client).provider === "postgresql" ? PG_LAG_MS : RULE_LAG_MS);

export interface RunItemRef {
  id: string;
  datasetRunId: string;
  datasetItemId: string;
  datasetVersion: Date | null;
}

export interface ScoringSummary {
  items: number;
  scored: number;
  errors: number;
  /** run items whose trace has not arrived (scored when it does) */
  waiting: number;
  failures: { runItemId: string; evaluator: string; error: string }[];
}

const emptySummary = (): ScoringSummary => ({ items: 0, scored: 0, errors: 0, waiting: 0, failures: [] });

/** Each item's expected output as the run item ran it (lib/experiments/item-as-run.ts). */
async function expectedOutputs(client: Db, projectId: string, refs: RunItemRef[]): Promise<Map<string, unknown>> {
  const items = await itemsAsRun(client, projectId, refs.map((r) => ({ itemId: r.datasetItemId, version: r.datasetVersion })));
  return new Map([...items].map(([k, v]) => [k, v.expectedOutput]));
}

interface RunPlan {
  row: EvaluatorRow;
  evaluate: CompiledEvaluator;
  /** the run items this evaluator scores (the others on a page are another evaluator's); null: all of them */
  only: Set<string> | null;
}

/** The evaluator ready to run, or null (a config that no longer reads or compiles is skipped). */
function compiled(e: EvaluatorRow): Omit<RunPlan, "only"> | null {
  const config = evaluatorConfig(e);
  if (!config) return null;
  try {
    return { row: e, evaluate: compileEvaluator(config) };
  } catch (err) {
    console.warn(`evaluator ${e.id} (${e.name}) cannot run: ${(err as Error).message}`);
    return null;
  }
}

/**
 * Scores run items with several evaluators in one pass: each page of run
 * items (exactly those, by id) and their expected outputs read once, every
 * evaluator's verdicts on it written together (one score write, one results
 * write). An evaluator that throws on an item records an ERROR for that item;
 * the other items are scored.
 */
async function scorePlans(client: Db, projectId: string, plans: RunPlan[], refs: RunItemRef[], evaluatedAt: Date, opts: { touch?: boolean }): Promise<ScoringSummary> {
  const summary = emptySummary();
  for (let i = 0; i < refs.length; i += PAGE) {
    const page = refs.slice(i, i + PAGE);
    const results = await loadRunItemResultsByIds(client, projectId, page.map((r) => r.id));
    const refById = new Map(page.map((r) => [r.id, r]));
    const [expected, envs] = await Promise.all([
      expectedOutputs(client, projectId, page),
      client.trace.findMany({ where: { projectId, id: { in: [...new Set(results.map((r) => r.traceId))] } }, select: { id: true, environment: true } }),
    ]);
    const envOf = new Map(envs.map((t) => [t.id, t.environment]));
    summary.items += page.length;
    const arrived = results.filter((r) => r.traceArrived);
    summary.waiting += page.length - arrived.length;
    const verdicts: Verdict[] = [];
    for (const { row, evaluate, only } of plans) {
      const evaluator = { id: row.id, name: row.name };
      for (const r of arrived) {
        if (only && !only.has(r.runItemId)) continue;
        const ref = refById.get(r.runItemId)!;
        const outcome = runOn(evaluate, {
          output: r.output,
          expected: expected.get(itemAsRunKey(r.datasetItemId, ref.datasetVersion)) ?? null,
          latencyMs: r.latencyMs,
          totalCost: r.totalCost,
          totalTokens: r.totalTokens,
        });
        if (!outcome.ok) summary.failures.push({ runItemId: r.runItemId, evaluator: row.name, error: outcome.error });
        const target = { type: "RUN_ITEM" as const, id: r.runItemId, traceId: r.traceId, observationId: r.observationId, datasetRunId: r.runId, environment: envOf.get(r.traceId) ?? null };
        verdicts.push(outcome.ok ? { evaluator, target, ok: true, outcome: outcome.outcome } : { evaluator, target, ok: false, error: outcome.error });
      }
    }
    const n = await recordVerdicts(client, projectId, verdicts, evaluatedAt, opts);
    summary.scored += n.scored;
    summary.errors += n.errors;
    // Requests waiting on this thread get their turn between pages.
    await new Promise<void>((r) => setImmediate(r));
  }
  return summary;
}

/** Scores the given run items with each evaluator (all of one dataset's runs: "Evaluate this run again"). */
export async function scoreRunItems(client: Db, projectId: string, evaluators: EvaluatorRow[], refs: RunItemRef[], evaluatedAt: Date = new Date(), opts: { touch?: boolean } = {}): Promise<ScoringSummary> {
  const plans = evaluators.flatMap((e) => {
    const c = compiled(e);
    return c ? [{ ...c, only: null }] : [];
  });
  if (!plans.length || !refs.length) return emptySummary();
  return scorePlans(client, projectId, plans, refs, evaluatedAt, opts);
}

interface Changed extends RunItemRef {
  datasetId: string;
  changedAt: number;
}

/** Run items of these datasets whose link or trace changed after `since`. */
async function changedRunItems(client: Db, projectId: string, datasetIds: string[], since: Date): Promise<{ changed: Map<string, Changed>; cutAt: Date | null }> {
  const [links, traced] = await Promise.all([
    client.datasetRunItem.findMany({
      where: { projectId, updatedAt: { gt: since }, run: { datasetId: { in: datasetIds } } },
      select: { id: true, datasetRunId: true, datasetItemId: true, datasetVersion: true, updatedAt: true, run: { select: { datasetId: true } } },
      orderBy: { updatedAt: "asc" },
      take: MAX_CANDIDATES,
    }),
    client.$queryRaw<{ id: string; datasetRunId: string; datasetItemId: string; datasetVersion: unknown; datasetId: string; changedAt: unknown }[]>`
      SELECT "ri"."id", "ri"."datasetRunId", "ri"."datasetItemId", "ri"."datasetVersion", "r"."datasetId", "t"."updatedAt" AS "changedAt"
      FROM "Trace" AS "t"
      JOIN "DatasetRunItem" AS "ri" ON "ri"."projectId" = "t"."projectId" AND "ri"."traceId" = "t"."id"
      JOIN "DatasetRun" AS "r" ON "r"."id" = "ri"."datasetRunId"
      WHERE "t"."projectId" = ${projectId} AND "t"."updatedAt" > ${since} AND "r"."datasetId" IN (${join(datasetIds)})
      ORDER BY "t"."updatedAt" LIMIT ${MAX_CANDIDATES}`,
  ]);
  const changed = new Map<string, Changed>();
  const note = (c: Changed) => {
    const prev = changed.get(c.id);
    if (!prev || prev.changedAt < c.changedAt) changed.set(c.id, c);
  };
  for (const l of links) note({ id: l.id, datasetRunId: l.datasetRunId, datasetItemId: l.datasetItemId, datasetVersion: l.datasetVersion, datasetId: l.run.datasetId, changedAt: l.updatedAt.getTime() });
  for (const t of traced) {
    note({ id: String(t.id), datasetRunId: String(t.datasetRunId), datasetItemId: String(t.datasetItemId), datasetVersion: decode.dateOrNull(t.datasetVersion), datasetId: String(t.datasetId), changedAt: decode.date(t.changedAt).getTime() });
  }
  const cuts = [links.length === MAX_CANDIDATES ? links.at(-1)!.updatedAt : null, traced.length === MAX_CANDIDATES ? decode.date(traced.at(-1)!.changedAt) : null].filter((d): d is Date => !!d);
  return { changed, cutAt: cuts.length ? new Date(Math.min(...cuts.map((d) => d.getTime()))) : null };
}

/**
 * Scores what changed since each enabled, dataset-attached evaluator's run
 * cursor, all evaluators in one pass (a run item changed for several is read
 * once). When the pass fails it is logged and the evaluators that had work
 * keep their cursors, so the next look takes it again.
 */
export async function evaluateRunsOfProject(client: Db, projectId: string, now: Date = new Date()): Promise<ScoringSummary> {
  const evaluators = await client.evaluator.findMany({ where: { projectId, enabled: true, datasetId: { not: null } } });
  if (!evaluators.length) return emptySummary();
  const lag = lagOf(client);
  const sinceOf = (e: EvaluatorRow) => (e.runCursor ?? e.createdAt).getTime() - lag;
  const oldest = new Date(Math.min(...evaluators.map(sinceOf)));
  const { changed, cutAt } = await changedRunItems(client, projectId, [...new Set(evaluators.map((e) => e.datasetId!))], oldest);
  const cursor = cutAt ?? now;
  const plans: (RunPlan & { versions: Map<string, number> })[] = [];
  const refs = new Map<string, Changed>();
  // Nothing changed for one: its cursor still moves now and then, without a write per look.
  const looked = evaluators.filter((e) => now.getTime() - (e.runCursor?.getTime() ?? 0) > 60_000);
  for (const e of evaluators) {
    const since = sinceOf(e);
    const mine = [...changed.values()].filter((c) => c.datasetId === e.datasetId && c.changedAt > since);
    if (!mine.length) continue;
    if (!looked.includes(e)) looked.push(e);
    const seen = alreadySeen(e.id, "RUN_ITEM", new Map(mine.map((c) => [c.id, c.changedAt])));
    const fresh = mine.filter((c) => !seen.has(c.id));
    const c = fresh.length ? compiled(e) : null;
    if (!c) continue;
    plans.push({ ...c, only: new Set(fresh.map((f) => f.id)), versions: new Map(fresh.map((f) => [f.id, f.changedAt])) });
    for (const f of fresh) refs.set(f.id, f);
  }
  let summary = emptySummary();
  if (plans.length) {
    try {
      summary = await scorePlans(client, projectId, plans, [...refs.values()], now, {});
      // Waiting items (no trace yet) are seen too: their trace's arrival is a new change.
      for (const p of plans) markSeen(p.row.id, "RUN_ITEM", p.versions);
    } catch (err) {
      for (const p of plans) looked.splice(looked.indexOf(p.row), 1);
      console.error(`evaluators of project ${projectId} on runs failed; what changed is looked at again next time`, err);
    }
  }
  if (looked.length) await client.evaluator.updateMany({ where: { id: { in: looked.map((e) => e.id) } }, data: { runCursor: cursor } });
  return summary;
}
