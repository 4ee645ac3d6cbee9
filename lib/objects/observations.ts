import "server-only";
// The one observation reader for the trace viewer (trace page, session turns,
// queue items) and the one loader of a single observation with its payloads.
import { db, type Db } from "../db/client";
import { observationView, OBSERVATION_LIST_SELECT, type ObservationRow } from "./observation-map";
import { packObservations, type PackedObservations } from "./observation-pack";
import type { ObservationView, PayloadField, PayloadPreview } from "./observation-view";
import { readPayloads } from "./payload-clip";
import { capJsonDepth } from "../ingest/storable";

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
 * The trace page's list: summaries in columns (observation-pack.ts), ~100 bytes
 * an observation, so it holds more than the viewers' object list.
 */
export const MAX_TRACE_PAGE_OBSERVATIONS = 20_000;

/** A trace's observation summaries (no payloads, no parameters or details maps), packed, at most `cap`, in start order. */
export async function traceObservationSummaries(projectId: string, traceId: string, client: Db = db, cap = MAX_TRACE_PAGE_OBSERVATIONS): Promise<PackedObservations> {
  // The client's model read, not raw SQL: it decodes every DateTime the databases hold
  // (PostgreSQL hands raw queries years past 9999 in a form Date cannot parse).
  const rows = await client.observation.findMany({
    where: { projectId, traceId },
    select: {
      id: true,
      traceId: true,
      parentObservationId: true,
      type: true,
      name: true,
      startTime: true,
      endTime: true,
      completionStartTime: true,
      level: true,
      model: true,
      inputTokens: true,
      outputTokens: true,
      totalTokens: true,
      totalCost: true,
    },
    orderBy: [{ startTime: "asc" }, { id: "asc" }],
    take: cap,
  });
  // Dates go to the packer as they are: no round trip through ISO text for 10,000 rows.
  return packObservations(
    traceId,
    rows.map((r) => ({ ...r, type: r.type as ObservationView["type"], level: r.level as ObservationView["level"] })),
  );
}

const PAYLOAD_FIELDS: readonly PayloadField[] = ["input", "output", "metadata"];

/**
 * One observation with its payloads; one bigger than INLINE_PAYLOAD_CHARS comes
 * as `clipped` (its size and start), and observationPayload reads it whole. `traceId` is the trace the caller shows:
 * an observation of another trace is null (a viewer bound to one trace never
 * reads beyond it). null only where the observation itself is the object (a queue item).
 */
export async function observationDetail(projectId: string, traceId: string | null, observationId: string, client: Db = db): Promise<ObservationView | null> {
  const [row, payloads] = await Promise.all([
    client.observation.findUnique({ where: { projectId_id: { projectId, id: observationId } }, select: OBSERVATION_LIST_SELECT }),
    readPayloads(client, "Observation", { projectId, id: observationId }, PAYLOAD_FIELDS),
  ]);
  if (!row || !payloads || (traceId !== null && row.traceId !== traceId)) return null;
  const view = observationView(row, { input: null, output: null, metadata: null });
  const clipped: Partial<Record<PayloadField, PayloadPreview>> = {};
  for (const f of PAYLOAD_FIELDS) {
    const p = payloads[f];
    if (p.clipped) {
      clipped[f] = p.preview;
      view[f] = undefined;
    } else view[f] = p.value;
  }
  if (Object.keys(clipped).length) view.clipped = clipped;
  return view;
}

/** One payload of an observation, whole (the reader asked for a clipped one); undefined when not in that trace. */
export async function observationPayload(projectId: string, traceId: string, observationId: string, field: PayloadField, client: Db = db): Promise<unknown> {
  const row = await client.observation.findUnique({ where: { projectId_id: { projectId, id: observationId } }, select: { traceId: true, [field]: true } });
  if (!row || row.traceId !== traceId) return undefined;
  return capJsonDepth((row as Record<string, unknown>)[field] ?? null);
}
