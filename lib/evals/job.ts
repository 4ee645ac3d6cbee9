// "Evaluate this run again": an EVAL_RUN job over a run's items, in pages by a
// keyset on the run item id, scoring each with every enabled evaluator of the
// run's dataset (scores replaced, not duplicated: their ids are fixed per
// evaluator and item). The cursor holds the last id and the counts, so a
// resumed job goes on where it stopped.
import "server-only";
import { dialectOf, type Db } from "../db/client";
import { sql } from "../db/sql";
import { DomainError } from "../errors";
import { requireRun } from "../experiments/runs";
import { enqueueJob, jobView, registerJobHandler } from "../jobs/runner";
import type { JobView } from "../jobs/schemas";
import { scoreRunItems } from "./on-runs";
import type { RunEvaluationResult } from "./schemas";
import { evaluatorsOfDataset } from "./store";

const PAGE = 200;

export interface EvalRunParams {
  runId: string;
}

interface EvalRunCursor extends RunEvaluationResult {
  after: string | null;
}

export async function startRunEvaluation(client: Db, projectId: string, runId: string, actorUserId: string | null, opts: { start?: boolean } = {}): Promise<JobView> {
  const run = await requireRun(client, projectId, runId);
  const evaluators = await evaluatorsOfDataset(client, projectId, run.datasetId);
  if (!evaluators.length) throw new DomainError("invalid", "No evaluator is switched on for this run's dataset: attach one on the Evaluators page first.", { path: "runId" });
  const total = await client.datasetRunItem.count({ where: { projectId, datasetRunId: run.id } });
  return enqueueJob(client, { projectId, kind: "EVAL_RUN", label: `Evaluate run "${run.name}" again`, params: { runId: run.id } satisfies EvalRunParams, createdByUserId: actorUserId, total }, opts);
}

registerJobHandler<EvalRunParams>("EVAL_RUN", async (ctx) => {
  const { client, job } = ctx;
  const run = await requireRun(client, job.projectId, job.params.runId);
  const evaluators = await evaluatorsOfDataset(client, job.projectId, run.datasetId);
  const state: EvalRunCursor = job.cursor ? (JSON.parse(job.cursor) as EvalRunCursor) : { after: null, items: 0, scored: 0, errors: 0, waiting: 0 };
  const total = await client.datasetRunItem.count({ where: { projectId: job.projectId, datasetRunId: run.id } });
  await ctx.progress({ done: state.items, total });
  for (;;) {
    const page = await client.datasetRunItem.findMany({
      where: { projectId: job.projectId, datasetRunId: run.id, ...(state.after ? { id: { gt: state.after } } : {}) },
      select: { id: true, datasetRunId: true, datasetItemId: true, datasetVersion: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (!page.length) break;
    const s = await scoreRunItems(client, job.projectId, evaluators, page, new Date(), { touch: true });
    state.after = page.at(-1)!.id;
    state.items += page.length;
    state.scored += s.scored;
    state.errors += s.errors;
    state.waiting += s.waiting;
    const { after: _after, ...result } = state;
    await ctx.progress({
      done: state.items,
      total: Math.max(total, state.items),
      failed: state.errors,
      cursor: JSON.stringify(state),
      result,
      failures: s.failures.map((f) => ({ source: `run item ${f.runItemId} (${f.evaluator})`, reason: f.error })),
    });
    if (page.length < PAGE) break;
  }
  const { after: _after, ...result } = state;
  return result;
});

/** The run's own latest EVAL_RUN job, by its params' runId (however many other jobs the project ran since). */
export async function latestRunEvaluationJob(client: Db, projectId: string, runId: string): Promise<JobView | null> {
  const d = dialectOf(client);
  const [hit] = await client.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Job"
    WHERE "projectId" = ${projectId} AND "kind" = 'EVAL_RUN' AND ${d.jsonText(sql`"params"`, "runId")} = ${runId}
    ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`;
  const job = hit ? await client.job.findUnique({ where: { id: hit.id } }) : null;
  return job ? jobView(job) : null;
}
