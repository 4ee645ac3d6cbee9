"use server";
// Session writes (bookmark). The inline trace viewer's reads are lib/objects/actions.ts.
import { requirePermission } from "../auth/session";
import { db } from "../db/client";
import type { FormState } from "../forms";
import { guarded, refreshProject } from "../auth/action-guard";

export async function setSessionBookmark(projectId: string, sessionId: string, bookmarked: boolean): Promise<FormState> {
  return guarded(async () => {
    await requirePermission(projectId, "annotate");
    const res = await db.session.updateMany({ where: { projectId, id: sessionId }, data: { bookmarked } });
    if (!res.count) return { ok: false, error: "That session does not exist." };
    refreshProject(projectId);
    return { ok: true };
  });
}
