"use server";
// The experiment endpoint (Settings, admins) and "Run experiment" (members:
// it asks the team's own code to run, as an SDK run by a member would), made
// with the one action builder. The work is in endpoint.ts and trigger.ts.
import { projectAction, projectFormAction } from "../auth/action-guard";
import { clearEndpoint, saveEndpoint } from "./endpoint";
import { triggerExperiment } from "./trigger";
import { endpointFormSchema, projectRefSchema, triggerFormSchema } from "./trigger-schemas";

export const saveExperimentEndpoint = projectFormAction({ input: endpointFormSchema, permission: "manageSettings", refresh: "settings" }, async ({ input, db }) => {
  const { projectId, ...fields } = input;
  return saveEndpoint(db, projectId, fields);
});

export const removeExperimentEndpoint = projectAction({ input: projectRefSchema, permission: "manageSettings", refresh: "settings" }, async ({ input, db }) => {
  await clearEndpoint(db, input.projectId);
});

export const runExperiment = projectFormAction({ input: triggerFormSchema, permission: "annotate" }, async ({ input, access, db }) => {
  const { projectId, ...fields } = input;
  return triggerExperiment(db, projectId, fields, access.user.id);
});
