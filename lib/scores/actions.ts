"use server";
// Thin server actions: parse → check the role → call the lib function.
import { requirePermission } from "../auth/session";
import { can } from "../auth/roles";
import { db } from "../db/client";
import { fieldErrors, formObject, type FormState } from "../forms";
import { guarded, refreshProject } from "../auth/action-guard";
import { deleteAnnotationScore, saveAnnotationScores, updateAnnotationScore } from "./annotate";
import { createConfig, setConfigArchived, toConfigView } from "./configs";
import { annotationScoreSchema, createConfigSchema, parseScoreValue } from "./schemas";

export async function createScoreConfig(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded(async () => {
    const parsed = createConfigSchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    await requirePermission(parsed.data.projectId, "manageSettings");
    const res = await createConfig(db, parsed.data);
    if (!res.ok) return { ok: false, error: res.error, fieldErrors: res.field ? { [res.field]: res.error } : undefined };
    refreshProject(parsed.data.projectId);
    return { ok: true };
  });
}

export async function archiveScoreConfig(projectId: string, configId: string, archived: boolean): Promise<FormState> {
  return guarded(async () => {
    await requirePermission(projectId, "manageSettings");
    if (!(await setConfigArchived(db, projectId, configId, archived))) return { ok: false, error: "That score config does not exist." };
    refreshProject(projectId);
    return { ok: true };
  });
}

export async function saveScore(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded(async () => {
    const parsed = annotationScoreSchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    const { projectId, objectType, objectId, configId, value, comment } = parsed.data;
    const access = await requirePermission(projectId, "annotate");
    const row = await db.scoreConfig.findFirst({ where: { id: configId, projectId } });
    if (!row) return { ok: false, error: "That score config does not exist.", fieldErrors: { configId: "Not found" } };
    await saveAnnotationScores(db, projectId, access.user.id, { objectType, objectId }, [{ configId, value: parseScoreValue(toConfigView(row), value), comment }]);
    refreshProject(projectId);
    return { ok: true };
  });
}

export async function updateScore(projectId: string, scoreId: string, valueText: string, comment: string): Promise<FormState> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const s = await db.score.findUnique({ where: { projectId_id: { projectId, id: scoreId } }, select: { dataType: true } });
    if (!s) return { ok: false, error: "That score no longer exists." };
    const dataType = s.dataType === "BOOLEAN" || s.dataType === "CATEGORICAL" ? s.dataType : "NUMERIC";
    const res = await updateAnnotationScore(db, projectId, access.user.id, scoreId, { value: parseScoreValue({ dataType }, valueText), comment }, can(access.role, "manageSettings"));
    if (res.ok) refreshProject(projectId);
    return res.ok ? { ok: true } : { ok: false, error: res.error };
  });
}

export async function deleteScore(projectId: string, scoreId: string): Promise<FormState> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const res = await deleteAnnotationScore(db, projectId, access.user.id, scoreId, can(access.role, "manageSettings"));
    if (res.ok) refreshProject(projectId);
    return res.ok ? { ok: true } : { ok: false, error: res.error };
  });
}
