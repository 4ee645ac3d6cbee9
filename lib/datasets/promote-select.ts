// Which sources a bulk promotion reads, a page at a time: the refs given, or
// every trace matching a traces-table view, walked by id (a keyset cursor) so
// 100,000 matching traces are never one list in memory and a restarted job
// picks up after the last id it finished.
import "server-only";
import type { Db } from "../db/client";
import { empty, sql } from "../db/sql";

import { queryToRecord } from "../query/url";
import { parseTraceTableParams } from "../traces/table-params";
import { countTraces } from "../traces/list";
import { traceWhere } from "../traces/where";
import { observationWhere } from "../query/observation-where";
import { countObservationsExact } from "../observations/list";
import { parseObservationView } from "../observations/view";
import type { SourceRef } from "./promote";

/** The sources of a promotion: named, or a traces view re-read on the server (`now` pins relative ranges like "24h"). */
export type PromotionSelection = { refs: SourceRef[] } | { traceView: string; now: string } | { observationView: string; now: string };

/** Where a page of the selection starts: after a trace id (views), or at an offset (refs). */
export interface SelectionCursor {
  after?: string | null;
  offset?: number;
}

function viewFilter(sel: { traceView: string; now: string }) {
  return parseTraceTableParams(queryToRecord(sel.traceView), new Date(sel.now)).filter;
}

export async function countSelection(client: Db, projectId: string, sel: PromotionSelection): Promise<number> {
  if ("refs" in sel) return sel.refs.length;
  if ("observationView" in sel) return countObservationsExact(client, projectId, parseObservationView(queryToRecord(sel.observationView), new Date(sel.now)).filter);
  return countTraces(client, projectId, viewFilter(sel));
}

/** The next page of sources and the cursor after it (null when this page is the last). */
export async function selectionPage(
  client: Db,
  projectId: string,
  sel: PromotionSelection,
  cursor: SelectionCursor,
  size: number,
): Promise<{ refs: SourceRef[]; next: SelectionCursor | null }> {
  if ("refs" in sel) {
    const offset = cursor.offset ?? 0;
    const refs = sel.refs.slice(offset, offset + size);
    return { refs, next: offset + size < sel.refs.length ? { offset: offset + size } : null };
  }
  if ("observationView" in sel) {
    const where = observationWhere(client, projectId, parseObservationView(queryToRecord(sel.observationView), new Date(sel.now)).filter);
    const after = cursor.after ? sql` AND "o"."id" > ${cursor.after}` : empty;
    const rows = await client.$queryRaw<{ id: unknown; traceId: unknown }[]>`SELECT "o"."id", "o"."traceId" FROM "Observation" AS "o" WHERE ${where}${after} ORDER BY "o"."id" LIMIT ${size}`;
    const refs = rows.map((r) => ({ traceId: String(r.traceId), observationId: String(r.id) }));
    return { refs, next: refs.length === size ? { after: refs[refs.length - 1].observationId } : null };
  }
  const where = traceWhere(client, projectId, viewFilter(sel));
  const after = cursor.after ? sql` AND "t"."id" > ${cursor.after}` : empty;
  // The primary key (projectId, id) serves the order; the comparison and the sort share one collation per database.
  const rows = await client.$queryRaw<{ id: unknown }[]>`SELECT "t"."id" FROM "Trace" AS "t" WHERE ${where}${after} ORDER BY "t"."id" LIMIT ${size}`;
  const refs = rows.map((r) => ({ traceId: String(r.id) }));
  return { refs, next: refs.length === size ? { after: refs[refs.length - 1].traceId } : null };
}

