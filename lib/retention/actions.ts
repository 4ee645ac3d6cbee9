"use server";
// Retention in Settings (owners and admins), made with the one action builder.
// Saving queues the first sweep at once when one is due; Run now queues one whatever the day's schedule did.
import { projectAction, projectFormAction } from "../auth/action-guard";
import { queueRetentionSweep, runRetentionNow } from "./schedule";
import { saveRetention } from "./settings";
import { retentionFormSchema, retentionRefSchema } from "./schemas";

export const saveRetentionAction = projectFormAction({ input: retentionFormSchema, permission: "manageSettings", refresh: "settings" }, async ({ input, access, db }) => {
  const saved = await saveRetention(db, input.projectId, input.retentionDays);
  if (saved.retentionDays !== null) await queueRetentionSweep(db, input.projectId, { createdByUserId: access.user.id });
  return saved;
});

export const runRetentionNowAction = projectAction({ input: retentionRefSchema, permission: "manageSettings", refresh: "settings" }, async ({ input, access, db }) => {
  const job = await runRetentionNow(db, input.projectId, access.user.id);
  return { jobId: job.id };
});
