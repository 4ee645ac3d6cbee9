"use server";
// Promotion rule actions, made with the one action builder: the work is in
// lib/datasets/rules (store.ts, backfill-job.ts).
import { projectAction } from "../../auth/action-guard";
import { DomainError } from "../../errors";
import { createDataset, deleteDataset } from "../datasets";
import { typedDatasetNameSchema } from "../schemas";
import { startBackfill } from "./backfill-job";
import { conditionsFilter } from "../../traces/conditions";
import { NEW_DATASET, ruleFormSchema, ruleRefSchema, ruleToggleSchema } from "./schemas";
import { checkRule, createRule, deleteRule, setRuleEnabled, updateRule, type RuleWrite } from "./store";

/** Create (no ruleId) or edit a rule; a condition that does not read is refused, naming it. */
export const saveRuleAction = projectAction({ input: ruleFormSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const filter = conditionsFilter(input.conditions);
  const write: RuleWrite = { name: input.name, datasetId: input.datasetId, filter, mapping: input.mapping, sampleRate: input.samplePercent / 100, enabled: input.enabled };
  if (input.datasetId !== NEW_DATASET) {
    const rule = input.ruleId ? await updateRule(db, input.projectId, input.ruleId, write) : await createRule(db, input.projectId, write, access.user.id);
    return { id: rule.id };
  }
  // A dataset made inline: everything else is checked first, and the dataset is removed again if the rule is refused.
  const name = typedDatasetNameSchema.safeParse(input.newDatasetName ?? "");
  if (!name.success) throw new DomainError("invalid", name.error.issues[0]?.message ?? "Enter a name", { path: "newDatasetName" });
  await checkRule(db, input.projectId, write, input.ruleId ?? null);
  const ds = await createDataset(db, input.projectId, { name: name.data }).catch((err) => {
    throw err instanceof DomainError && err.path?.[0] === "name" ? new DomainError(err.code, err.message, { path: "newDatasetName" }) : err;
  });
  try {
    const next = { ...write, datasetId: ds.id };
    const rule = input.ruleId ? await updateRule(db, input.projectId, input.ruleId, next) : await createRule(db, input.projectId, next, access.user.id);
    return { id: rule.id };
  } catch (err) {
    await deleteDataset(db, input.projectId, ds.id);
    throw err;
  }
});

export const setRuleEnabledAction = projectAction({ input: ruleToggleSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) =>
  setRuleEnabled(db, input.projectId, input.ruleId, input.enabled),
);

export const deleteRuleAction = projectAction({ input: ruleRefSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => deleteRule(db, input.projectId, input.ruleId));

/** "Run on stored traces": a background job; the page shows its progress. */
export const backfillRuleAction = projectAction({ input: ruleRefSchema, permission: "annotate" }, async ({ input, access, db }) =>
  startBackfill(db, input.projectId, input.ruleId, access.user.id),
);
