"use server";
// Evaluator actions, made with the one action builder: the work is in
// lib/evals (store.ts, job.ts).
import { projectAction } from "../auth/action-guard";
import { conditionsFilter } from "../traces/conditions";
import { startRunEvaluation } from "./job";
import { evaluateRunSchema, evaluatorFormSchema, evaluatorRefSchema, evaluatorToggleSchema } from "./schemas";
import { createEvaluator, deleteEvaluator, setEvaluatorEnabled, updateEvaluator, type EvaluatorWrite } from "./store";

/** Create (no evaluatorId) or edit an evaluator; a bad configuration is refused, naming its field. */
export const saveEvaluatorAction = projectAction({ input: evaluatorFormSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  let filter = null;
  if (input.live) {
    filter = conditionsFilter(input.conditions);
  }
  const write: EvaluatorWrite = { name: input.name, config: input.config, datasetId: input.datasetId || null, filter, sampleRate: input.samplePercent / 100, enabled: input.enabled };
  const saved = input.evaluatorId ? await updateEvaluator(db, input.projectId, input.evaluatorId, write) : await createEvaluator(db, input.projectId, write, access.user.id);
  return { id: saved.id };
});

export const setEvaluatorEnabledAction = projectAction({ input: evaluatorToggleSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) =>
  setEvaluatorEnabled(db, input.projectId, input.evaluatorId, input.enabled),
);

export const deleteEvaluatorAction = projectAction({ input: evaluatorRefSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) =>
  deleteEvaluator(db, input.projectId, input.evaluatorId),
);

/** "Evaluate this run again": a background job; the button shows its progress. */
export const evaluateRunAction = projectAction({ input: evaluateRunSchema, permission: "annotate" }, async ({ input, access, db }) =>
  startRunEvaluation(db, input.projectId, input.runId, access.user.id),
);
