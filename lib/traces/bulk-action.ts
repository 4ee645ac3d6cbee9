// The traces table's bulk bar, given a client: bookmark/unbookmark, delete, add
// to an annotation queue. "Add to dataset" joins here as another action kind.
import type { z } from "zod";
import type { Db } from "../db/client";
import { DomainError, unwrap } from "../errors";
import { addItems } from "../queues/items";
import { resolveSelection, setBookmarks } from "./bulk";
import { deleteTraces } from "./delete";
import type { BulkTraceAction, traceSelectionSchema } from "./schemas";

/** How many traces the action touched. */
export async function runBulkTraceAction(client: Db, projectId: string, selection: z.infer<typeof traceSelectionSchema>, action: BulkTraceAction): Promise<number> {
  // "dataset" is answered by bulkTraceAction itself (it starts a promotion, not a count).
  if (action.action === "dataset") throw new DomainError("invalid", "Add to dataset goes through promoteTraceSelection.");
  const ids = await resolveSelection(client, projectId, selection);
  if (!ids.length) throw new DomainError("invalid", "No traces selected.");
  if (action.action === "bookmark") return setBookmarks(client, projectId, ids, action.value);
  if (action.action === "delete") return deleteTraces(client, projectId, ids);
  return unwrap(await addItems(client, projectId, action.queueId, "TRACE", ids)).added;
}

/** The trace page's bookmark toggle. */
export async function setTraceBookmark(client: Db, projectId: string, traceId: string, value: boolean): Promise<void> {
  if (!(await setBookmarks(client, projectId, [traceId], value))) throw new DomainError("not_found", "This trace no longer exists.");
}
