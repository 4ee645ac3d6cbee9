"use server";
// The trace viewer's lazy reads (session turns open a trace inline; every viewer
// fetches the selected observation's payloads). They answer data, not form state:
// the role check alone (a refusal throws).
import { accessFor } from "../auth/action-guard";
import { observationDetail, traceObservations } from "./observations";
import type { ObservationView } from "./observation-view";

export async function loadTraceObservations(projectId: string, traceId: string): Promise<ObservationView[]> {
  await accessFor(projectId, "read");
  return traceObservations(projectId, traceId);
}

/** One observation with its payloads, for the viewer's detail pane (bound to project and trace by the page). */
export async function loadObservation(projectId: string, traceId: string, observationId: string): Promise<ObservationView | null> {
  await accessFor(projectId, "read");
  return observationDetail(projectId, traceId, observationId);
}
