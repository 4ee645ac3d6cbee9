"use server";
// Session writes (bookmark) and the reads the inline trace viewer fetches on demand.
// eslint-disable-next-line no-restricted-imports -- temporary: issue 7 moves these view types into lib/objects
import type { ObservationView } from "@/components/trace/types";
import { requirePermission } from "../auth/session";
import { db } from "../db/client";
import type { FormState } from "../forms";
import { guarded, refreshProject } from "../auth/action-guard";
import { observationWithPayloads, traceObservations } from "./detail";

export async function setSessionBookmark(projectId: string, sessionId: string, bookmarked: boolean): Promise<FormState> {
  return guarded(async () => {
    await requirePermission(projectId, "annotate");
    const res = await db.session.updateMany({ where: { projectId, id: sessionId }, data: { bookmarked } });
    if (!res.count) return { ok: false, error: "That session does not exist." };
    refreshProject(projectId);
    return { ok: true };
  });
}

export async function loadTraceObservations(projectId: string, traceId: string): Promise<ObservationView[]> {
  await requirePermission(projectId, "read");
  return traceObservations(db, projectId, traceId);
}

export async function loadObservationView(projectId: string, observationId: string): Promise<ObservationView | null> {
  await requirePermission(projectId, "read");
  return observationWithPayloads(db, projectId, observationId);
}
