"use server";
// The trace viewer's lazy reads (session turns open a trace inline; every viewer
// fetches the selected observation's payloads). They answer data, not form state:
// the role check alone (a refusal throws).
import { accessFor } from "../auth/action-guard";
import { observationDetail, observationPayload, traceObservations } from "./observations";
import type { ObservationView, PayloadField } from "./observation-view";

const PAYLOAD_FIELDS: readonly string[] = ["input", "output", "metadata"];

export async function loadTraceObservations(projectId: string, traceId: string): Promise<ObservationView[]> {
  await accessFor(projectId, "read");
  return traceObservations(projectId, traceId);
}

/** One observation with its payloads, for the viewer's detail pane (bound to project and trace by the page). */
export async function loadObservation(projectId: string, traceId: string, observationId: string): Promise<ObservationView | null> {
  await accessFor(projectId, "read");
  return observationDetail(projectId, traceId, observationId);
}

/** One payload whole, when the reader asks for one the detail clipped (observationDetail). */
export async function loadObservationPayload(projectId: string, traceId: string, observationId: string, field: PayloadField): Promise<unknown> {
  await accessFor(projectId, "read");
  if (!PAYLOAD_FIELDS.includes(field)) throw new Error("unknown payload field");
  const value = await observationPayload(projectId, traceId, observationId, field);
  if (value === undefined) throw new Error("This observation no longer exists.");
  return value;
}
