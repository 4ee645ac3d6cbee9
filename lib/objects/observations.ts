import "server-only";
// The one observation reader for the trace viewer (trace page, session turns,
// queue items) and the one loader of a single observation with its payloads.
import { db, type Db } from "../db/client";
import { observationView, OBSERVATION_LIST_SELECT, type ObservationRow } from "./observation-map";
import type { ObservationView } from "./observation-view";

/**
 * Observations a viewer gets for one trace, in start order. The list carries no
 * payloads, so 5,000 rows stay a page of a few MB; a trace with more shows its
 * first 5,000 and says so (its header has the full observationCount).
 */
export const MAX_TRACE_OBSERVATIONS = 5000;

/** A trace's observations without payloads (the viewer fetches those per selection), at most `cap`. */
export async function traceObservations(projectId: string, traceId: string, client: Db = db, cap = MAX_TRACE_OBSERVATIONS): Promise<ObservationView[]> {
  const rows: ObservationRow[] = await client.observation.findMany({
    where: { projectId, traceId },
    select: OBSERVATION_LIST_SELECT,
    orderBy: [{ startTime: "asc" }, { id: "asc" }],
    take: cap,
  });
  return rows.map((r) => observationView(r));
}

/**
 * One observation with its payloads. `traceId` is the trace the caller shows:
 * an observation of another trace is null (a viewer bound to one trace never
 * reads beyond it). null only where the observation itself is the object (a queue item).
 */
export async function observationDetail(projectId: string, traceId: string | null, observationId: string, client: Db = db): Promise<ObservationView | null> {
  const row = await client.observation.findUnique({
    where: { projectId_id: { projectId, id: observationId } },
    select: { ...OBSERVATION_LIST_SELECT, input: true, output: true, metadata: true },
  });
  if (!row || (traceId !== null && row.traceId !== traceId)) return null;
  const { input, output, metadata, ...rest } = row;
  return observationView(rest, { input, output, metadata });
}
