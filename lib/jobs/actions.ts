"use server";
// Job actions: progress for the polling client, and cancelling. The work is in lib/jobs/runner.ts.
import { z } from "zod";
import { projectAction } from "../auth/action-guard";
import { cancelJob, getJob } from "./runner";

const jobRefSchema = z.object({ projectId: z.string().min(1), jobId: z.string().min(1).max(100) });

/** A job's progress (any member may watch). */
export const jobProgress = projectAction({ input: jobRefSchema, permission: "read" }, async ({ input, db }) => getJob(db, input.projectId, input.jobId));

export const cancelJobAction = projectAction({ input: jobRefSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  await cancelJob(db, input.projectId, input.jobId);
});
