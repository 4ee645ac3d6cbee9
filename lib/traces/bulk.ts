// What the table's bulk actions do to the database, given a client (so the
// integration tests run them on both providers; lib/traces/actions.ts adds
// the role checks). "All matching" re-runs the view's filter on the server:
// a client's list is never trusted for thousands of rows.
import type { z } from "zod";
import type { Db } from "../db/client";
import { matchingTraceIds } from "./list";
import type { traceSelectionSchema } from "./schemas";
import { queryToRecord } from "../query/url";
import { parseTraceTableParams } from "./table-params";

/** The most traces one bulk action touches. */
export const BULK_CAP = 100_000;

export { queryToRecord };

export async function resolveSelection(client: Db, projectId: string, sel: z.infer<typeof traceSelectionSchema>): Promise<string[]> {
  if (!sel.allMatching) return [...new Set(sel.ids)];
  const { filter } = parseTraceTableParams(queryToRecord(sel.view));
  return matchingTraceIds(client, projectId, filter, BULK_CAP);
}

export async function setBookmarks(client: Db, projectId: string, ids: string[], value: boolean): Promise<number> {
  let n = 0;
  // Chunks keep each statement under the SQLite bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    n += (await client.trace.updateMany({ where: { projectId, id: { in: ids.slice(i, i + 500) } }, data: { bookmarked: value } })).count;
  }
  return n;
}
