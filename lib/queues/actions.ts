"use server";
// Thin server actions for queues: parse → check the role → call lib/queues.
import { requirePermission } from "../auth/session";
import { db } from "../db/client";
import { fieldErrors, formObject, type FormState } from "../forms";
import { guarded, refreshProject } from "../auth/action-guard";
import { parseScoreValue } from "../scores/schemas";
import { toConfigView } from "../scores/configs";
import type { ObjectType } from "../objects/kinds";
import { matchingSessionIds } from "../sessions/list";
import { sessionFilterSchema } from "../sessions/schemas";
import { addItems, createQueue } from "./items";
import { claimNext, completeItem, openItem, previousItem, skipItem } from "./review";
import { addItemsSchema, completeItemSchema, createQueueSchema } from "./schemas";

export async function addItemsToQueue(
  projectId: string,
  queueId: string,
  objectType: ObjectType,
  objectIds: string[],
): Promise<FormState<{ added: number }>> {
  return guarded(async () => {
    const parsed = addItemsSchema.safeParse({ objectType, objectIds });
    if (!parsed.success) return fieldErrors(parsed.error);
    await requirePermission(projectId, "annotate");
    const res = await addItems(db, projectId, queueId, parsed.data.objectType, parsed.data.objectIds);
    if (!res.ok) return { ok: false, error: res.error };
    refreshProject(projectId);
    return { ok: true, data: res.data };
  });
}

/** "Select all matching" on the sessions table: the filter is re-read from the table's query string. */
export async function addMatchingSessionsToQueue(projectId: string, queueId: string, search: string): Promise<FormState<{ added: number }>> {
  return guarded(async () => {
    await requirePermission(projectId, "annotate");
    const filter = sessionFilterSchema.safeParse(Object.fromEntries(new URLSearchParams(search)));
    if (!filter.success) return fieldErrors(filter.error);
    const ids = await matchingSessionIds(db, projectId, filter.data);
    if (!ids.length) return { ok: true, data: { added: 0 } };
    const res = await addItems(db, projectId, queueId, "SESSION", ids);
    if (!res.ok) return { ok: false, error: res.error };
    refreshProject(projectId);
    return { ok: true, data: res.data };
  });
}

export async function createAnnotationQueue(_prev: FormState<{ id: string }>, form: FormData): Promise<FormState<{ id: string }>> {
  return guarded(async () => {
    const parsed = createQueueSchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    const { projectId, ...input } = parsed.data;
    await requirePermission(projectId, "annotate");
    const res = await createQueue(db, projectId, input);
    if (!res.ok) return { ok: false, error: res.error, fieldErrors: res.field ? { [res.field]: res.error } : undefined };
    refreshProject(projectId);
    return { ok: true, data: res.data };
  });
}

type Nav = FormState<{ itemId: string | null }>;

/** The reviewer's next item: the one they hold, else the first free one (after `afterItemId`). */
export async function nextQueueItem(projectId: string, queueId: string, afterItemId?: string): Promise<Nav> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const item = await claimNext(db, projectId, queueId, access.user.id, { afterItemId });
    return { ok: true, data: { itemId: item?.id ?? null } };
  });
}

export async function previousQueueItem(projectId: string, itemId: string): Promise<Nav> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const item = await previousItem(db, projectId, itemId, access.user.id);
    return { ok: true, data: { itemId: item?.id ?? null } };
  });
}

/** Holds the item the reviewer opened (when free); the page shows who holds it otherwise. */
export async function holdQueueItem(projectId: string, itemId: string): Promise<FormState<{ held: boolean }>> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const { heldBy } = await openItem(db, projectId, itemId, access.user.id);
    return { ok: true, data: { held: heldBy === access.user.id } };
  });
}

export async function skipQueueItem(projectId: string, itemId: string): Promise<Nav> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "annotate");
    const next = await skipItem(db, projectId, itemId, access.user.id);
    refreshProject(projectId);
    return { ok: true, data: { itemId: next?.id ?? null } };
  });
}

export async function completeQueueItem(projectId: string, itemId: string, values: { configId: string; value: string; comment?: string }[]): Promise<Nav> {
  return guarded(async () => {
    const parsed = completeItemSchema.safeParse(values);
    if (!parsed.success) return fieldErrors(parsed.error);
    const access = await requirePermission(projectId, "annotate");
    const filled = parsed.data.filter((v) => v.value !== "");
    const configs = await db.scoreConfig.findMany({ where: { projectId, id: { in: filled.map((v) => v.configId) } } });
    const typed = filled.map((v) => {
      const c = configs.find((x) => x.id === v.configId);
      return { configId: v.configId, value: c ? parseScoreValue(toConfigView(c), v.value) : v.value, comment: v.comment };
    });
    const { next } = await completeItem(db, projectId, itemId, access.user.id, typed);
    refreshProject(projectId);
    return { ok: true, data: { itemId: next?.id ?? null } };
  });
}
