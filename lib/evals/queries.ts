// Evaluator reads for pages (the process-wide client).
import "server-only";
import { db } from "../db/client";
import { isoAlways as iso } from "../iso";
import type { JobView } from "../jobs/schemas";
import { datasetOptions } from "../datasets/rules/queries";
import type { EvaluatorResultView } from "./schemas";
import { latestRunEvaluationJob } from "./job";
import { getEvaluator, listEvaluators } from "./store";

export const evaluatorsOfProject = (projectId: string) => listEvaluators(db, projectId);
export const evaluatorById = (projectId: string, evaluatorId: string) => getEvaluator(db, projectId, evaluatorId);
export const evaluatorDatasetOptions = datasetOptions;

/** The evaluator's latest outcomes, errors first when `errorsFirst`, each with its score's value. */
export async function recentResults(projectId: string, evaluatorId: string, opts: { status?: "OK" | "ERROR"; limit?: number } = {}): Promise<EvaluatorResultView[]> {
  const rows = await db.evaluatorResult.findMany({
    where: { projectId, evaluatorId, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: { updatedAt: "desc" },
    take: opts.limit ?? 20,
  });
  const scoreIds = rows.map((r) => r.scoreId).filter((id): id is string => !!id);
  const scores = scoreIds.length
    ? new Map((await db.score.findMany({ where: { projectId, id: { in: scoreIds } }, select: { id: true, value: true, stringValue: true, comment: true, traceId: true } })).map((s) => [s.id, s]))
    : new Map();
  const runItems = rows.filter((r) => r.targetType === "RUN_ITEM").map((r) => r.targetId);
  const traceOfRunItem = runItems.length
    ? new Map((await db.datasetRunItem.findMany({ where: { projectId, id: { in: runItems } }, select: { id: true, traceId: true } })).map((r) => [r.id, r.traceId]))
    : new Map<string, string>();
  return rows.map((r) => {
    const s = r.scoreId ? scores.get(r.scoreId) : undefined;
    return {
      targetType: r.targetType as EvaluatorResultView["targetType"],
      targetId: r.targetId,
      traceId: r.targetType === "TRACE" ? r.targetId : (traceOfRunItem.get(r.targetId) ?? null),
      datasetRunId: r.datasetRunId,
      status: r.status as EvaluatorResultView["status"],
      error: r.error,
      value: s?.value ?? null,
      stringValue: s?.stringValue ?? null,
      comment: s?.comment ?? null,
      updatedAt: iso(r.updatedAt),
    };
  });
}

/** The run's latest "evaluate again" job, if any (the button shows its progress again when the page is reopened). */
export async function latestRunEvaluation(projectId: string, runId: string): Promise<JobView | null> {
  return latestRunEvaluationJob(db, projectId, runId);
}

export interface RunEvaluationError {
  evaluatorId: string;
  evaluatorName: string;
  runItemId: string;
  datasetItemId: string | null;
  traceId: string | null;
  error: string;
  at: string;
}

/** The evaluation errors on a run's items (the run page lists them: an error never loses the rest of the run). */
export async function runEvaluationErrors(projectId: string, runId: string, limit = 50): Promise<RunEvaluationError[]> {
  const rows = await db.evaluatorResult.findMany({
    where: { projectId, datasetRunId: runId, status: "ERROR" },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: { evaluatorId: true, targetId: true, error: true, updatedAt: true, evaluator: { select: { name: true } } },
  });
  if (!rows.length) return [];
  const items = new Map(
    (await db.datasetRunItem.findMany({ where: { projectId, id: { in: rows.map((r) => r.targetId) } }, select: { id: true, datasetItemId: true, traceId: true } })).map((r) => [r.id, r]),
  );
  return rows.map((r) => ({
    evaluatorId: r.evaluatorId,
    evaluatorName: r.evaluator.name,
    runItemId: r.targetId,
    datasetItemId: items.get(r.targetId)?.datasetItemId ?? null,
    traceId: items.get(r.targetId)?.traceId ?? null,
    error: r.error ?? "unknown error",
    at: iso(r.updatedAt),
  }));
}
