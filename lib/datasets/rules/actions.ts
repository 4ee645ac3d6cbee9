"use server";
// Promotion rule actions, made with the one action builder: the work is in
// lib/datasets/rules (store.ts, backfill-job.ts).
import { projectAction } from "../../auth/action-guard";
import { DomainError } from "../../errors";
import { queryToRecord } from "../../query/url";
import { startBackfill } from "./backfill-job";
import { decodeConditions } from "./conditions";
import { ruleFormSchema, ruleRefSchema, ruleToggleSchema } from "./schemas";
import { createRule, deleteRule, setRuleEnabled, updateRule, type RuleWrite } from "./store";

/** Create (no ruleId) or edit a rule; a condition that does not read is refused, naming it. */
export const saveRuleAction = projectAction({ input: ruleFormSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const { filter, issues } = decodeConditions(queryToRecord(input.conditions));
  if (issues.length) throw new DomainError("invalid", issues.map((i) => `${i.param}: ${i.message}`).join(" · "), { path: "conditions" });
  const write: RuleWrite = { name: input.name, datasetId: input.datasetId, filter, mapping: input.mapping, sampleRate: input.samplePercent / 100, enabled: input.enabled };
  const rule = input.ruleId ? await updateRule(db, input.projectId, input.ruleId, write) : await createRule(db, input.projectId, write, access.user.id);
  return { id: rule.id };
});

export const setRuleEnabledAction = projectAction({ input: ruleToggleSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) =>
  setRuleEnabled(db, input.projectId, input.ruleId, input.enabled),
);

export const deleteRuleAction = projectAction({ input: ruleRefSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => deleteRule(db, input.projectId, input.ruleId));

/** "Run on stored traces": a background job; the page shows its progress. */
export const backfillRuleAction = projectAction({ input: ruleRefSchema, permission: "annotate" }, async ({ input, access, db }) =>
  startBackfill(db, input.projectId, input.ruleId, access.user.id),
);
