"use server";
// Writes and lazy reads from the traces table and the trace page. Every one
// checks the user's role first; bulk actions resolve "all matching" on the server.
import { revalidatePath } from "next/cache";
import { guarded } from "../auth/action-guard";
import { requirePermission } from "../auth/session";
import { db } from "../db/client";
import type { FormState } from "../forms";
import { addItemsToQueue } from "../queues/actions";
import { deleteTraces } from "./delete";
import { bulkTraceActionSchema, traceSelectionSchema, type BulkTraceAction, type TraceSelection } from "./schemas";
import { resolveSelection, setBookmarks } from "./bulk";

/**
 * One entry point for the table's bulk bar: bookmark/unbookmark, delete
 * (admins), add to an annotation queue. "Add to dataset" joins here as another
 * `action` kind when datasets exist (the selection plumbing is the same).
 */
export async function bulkTraceAction(projectId: string, selection: TraceSelection, action: BulkTraceAction): Promise<FormState<{ affected: number }>> {
  return guarded(async () => {
    const sel = traceSelectionSchema.safeParse(selection);
    const act = bulkTraceActionSchema.safeParse(action);
    if (!sel.success || !act.success) return { ok: false, error: (sel.error ?? act.error)?.issues[0]?.message ?? "Invalid request" };
    const permission = act.data.action === "delete" ? "deleteTraces" : "annotate";
    await requirePermission(projectId, permission);
    const ids = await resolveSelection(db, projectId, sel.data);
    if (!ids.length) return { ok: false, error: "No traces selected." };
    let affected: number;
    if (act.data.action === "bookmark") affected = await setBookmarks(db, projectId, ids, act.data.value);
    else if (act.data.action === "delete") affected = await deleteTraces(db, projectId, ids);
    else {
      const res = await addItemsToQueue(projectId, act.data.queueId, "TRACE", ids);
      if (!res.ok) return { ok: false, error: res.error ?? "Could not add to the queue." };
      affected = res.data?.added ?? ids.length;
    }
    revalidatePath(`/${projectId}/traces`, "layout");
    return { ok: true, data: { affected } };
  });
}

/** The trace page's bookmark toggle. */
export async function setTraceBookmark(projectId: string, traceId: string, value: boolean): Promise<FormState> {
  return guarded(async () => {
    await requirePermission(projectId, "annotate");
    const n = await setBookmarks(db, projectId, [traceId], value);
    if (!n) return { ok: false, error: "This trace no longer exists." };
    revalidatePath(`/${projectId}/traces`, "layout");
    return { ok: true };
  });
}

/** A trace's input or output too big to send with the page, fetched when the reader asks. */
export async function loadTraceIo(projectId: string, traceId: string, field: "input" | "output"): Promise<unknown> {
  await requirePermission(projectId, "read");
  const row = await db.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } }, select: { input: true, output: true } });
  return row ? (field === "input" ? row.input : row.output) ?? null : null;
}
