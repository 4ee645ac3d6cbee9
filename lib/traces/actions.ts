"use server";
// Writes and lazy reads from the traces table and the trace page. Writes are
// made with the one action builder; bulk actions resolve "all matching" on the server.
// The viewer's observation reads are lib/objects/actions.ts.
import { accessFor, projectAction } from "../auth/action-guard";
import { db } from "../db/client";
import { promoteTraceSelection } from "../datasets/promote-run";
import { runBulkTraceAction, setTraceBookmark as setBookmark } from "./bulk-action";
import { bulkTraceInputSchema, traceBookmarkSchema } from "./schemas";
import { traceIo } from "./trace-io";

/** One entry point for the table's bulk bar: bookmark/unbookmark, delete (admins), add to an annotation queue or a dataset. */
export const bulkTraceAction = projectAction(
  { input: bulkTraceInputSchema, permission: (input) => (input.action.action === "delete" ? "deleteTraces" : "annotate"), refresh: "traces" },
  async ({ input, access, db }) =>
    input.action.action === "dataset"
      ? { affected: 0, promotion: await promoteTraceSelection(db, input.projectId, access.user.id, input.selection, input.action.promotion) }
      : { affected: await runBulkTraceAction(db, input.projectId, input.selection, input.action) },
);

/** The trace page's bookmark toggle. */
export const setTraceBookmark = projectAction({ input: traceBookmarkSchema, permission: "annotate", refresh: "traces" }, ({ input, db }) =>
  setBookmark(db, input.projectId, input.traceId, input.value),
);

// Lazy reads answer data, not form state: the role check alone (a refusal throws).

/** A trace's input or output too big to send with the page, fetched when the reader asks. */
export async function loadTraceIo(projectId: string, traceId: string, field: "input" | "output"): Promise<unknown> {
  await accessFor(projectId, "read");
  return traceIo(db, projectId, traceId, field);
}
