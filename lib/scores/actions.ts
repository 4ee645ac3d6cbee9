"use server";
// Score and score-config actions, made with the one action builder: the work is in lib/scores.
import { projectAction, projectFormAction } from "../auth/action-guard";
import { can } from "../auth/roles";
import { DomainError, unwrap } from "../errors";
import { deleteAnnotationScore } from "./annotate";
import { clearCorrection, saveCorrection } from "./corrections";
import { createConfig, setConfigArchived } from "./configs";
import { saveScoreText, updateScoreText } from "./reviewer";
import { annotationScoreSchema, archiveConfigSchema, clearCorrectionSchema, createConfigSchema, saveCorrectionSchema, scoreRefSchema, updateScoreSchema } from "./schemas";

export const createScoreConfig = projectFormAction({ input: createConfigSchema, permission: "manageSettings", refresh: "project" }, async ({ input, db }) => {
  unwrap(await createConfig(db, input));
});

export const archiveScoreConfig = projectAction({ input: archiveConfigSchema, permission: "manageSettings", refresh: "project" }, async ({ input, db }) => {
  if (!(await setConfigArchived(db, input.projectId, input.configId, input.archived))) throw new DomainError("not_found", "That score config does not exist.");
});

export const saveScore = projectFormAction({ input: annotationScoreSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const { projectId, objectType, objectId, ...value } = input;
  await saveScoreText(db, projectId, access.user.id, { objectType, objectId }, value);
});

export const updateScore = projectAction({ input: updateScoreSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  await updateScoreText(db, input.projectId, access.user.id, input, can(access.role, "manageSettings"));
});

export const deleteScore = projectAction({ input: scoreRefSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) =>
  unwrap(await deleteAnnotationScore(db, input.projectId, access.user.id, input.scoreId, can(access.role, "manageSettings"))),
);

/** The reviewer's correction of a trace's or an observation's output (lib/scores/corrections.ts). */
export const saveCorrectionAction = projectAction({ input: saveCorrectionSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const { projectId, objectType, objectId, value, queueId } = input;
  return saveCorrection(db, projectId, access.user.id, { objectType, objectId }, value, { queueId });
});

export const clearCorrectionAction = projectAction({ input: clearCorrectionSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const { projectId, objectType, objectId } = input;
  return { cleared: await clearCorrection(db, projectId, access.user.id, { objectType, objectId }) };
});
