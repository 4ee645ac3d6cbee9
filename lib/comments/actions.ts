"use server";
import { can } from "../auth/roles";
import { requirePermission } from "../auth/session";
import { db } from "../db/client";
import { fieldErrors, formObject, type FormState } from "../forms";
import { guarded, refreshProject } from "../auth/action-guard";
import { addCommentSchema } from "./schemas";
import { addComment, deleteComment } from "./write";

export async function createComment(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded(async () => {
    const parsed = addCommentSchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    const { projectId, ...input } = parsed.data;
    const access = await requirePermission(projectId, "annotate");
    await addComment(db, projectId, access.user.id, input);
    refreshProject(projectId);
    return { ok: true };
  });
}

export async function removeComment(projectId: string, commentId: string): Promise<FormState> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const res = await deleteComment(db, projectId, access.user.id, commentId, can(access.role, "manageSettings"));
    if (res.ok) refreshProject(projectId);
    return res;
  });
}
