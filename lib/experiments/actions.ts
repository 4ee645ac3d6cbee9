"use server";
// Run writes from the workbench, made with the one action builder. Deleting a
// run needs "annotate", like every dataset write (a viewer reads runs only).
import { z } from "zod";
import { projectAction } from "../auth/action-guard";
import { DomainError } from "../errors";
import { deleteRun, requireRun } from "./runs";

const runRef = z.object({ projectId: z.string().min(1), datasetId: z.string().min(1), runId: z.string().min(1) });

/** Delete a run with its run items and run-level scores; the traces and their scores stay. */
export const deleteRunAction = projectAction({ input: runRef, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  const run = await requireRun(db, input.projectId, input.runId);
  if (run.datasetId !== input.datasetId) throw new DomainError("not_found", `dataset run "${input.runId}" not found`, { path: ["runId"] });
  await deleteRun(db, input.projectId, run.id);
});
