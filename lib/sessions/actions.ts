"use server";
// Session writes (bookmark) and the reads the inline trace viewer fetches on demand.
// eslint-disable-next-line no-restricted-imports -- temporary: issue 7 moves these view types into lib/objects
import type { ObservationView } from "@/components/trace/types";
import { accessFor, projectAction } from "../auth/action-guard";
import { db } from "../db/client";
import { setSessionBookmark as setBookmark } from "./bookmark";
import { observationWithPayloads, traceObservations } from "./detail";
import { sessionBookmarkSchema } from "./schemas";

export const setSessionBookmark = projectAction({ input: sessionBookmarkSchema, permission: "annotate", refresh: "project" }, ({ input, db }) =>
  setBookmark(db, input.projectId, input.sessionId, input.bookmarked),
);

// Lazy reads answer data, not form state: the role check alone (a refusal throws).
export async function loadTraceObservations(projectId: string, traceId: string): Promise<ObservationView[]> {
  await accessFor(projectId, "read");
  return traceObservations(db, projectId, traceId);
}

export async function loadObservationView(projectId: string, observationId: string): Promise<ObservationView | null> {
  await accessFor(projectId, "read");
  return observationWithPayloads(db, projectId, observationId);
}
