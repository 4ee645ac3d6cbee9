"use server";
import { revalidatePath } from "next/cache";
import { guarded } from "../auth/action-guard";
import { requirePermission } from "../auth/session";
import { db } from "../db/client";
import { fieldErrors, type FormState } from "../forms";
import { priceOverrideSchema } from "../ingest/cost/schemas";
import { createPriceOverride, deletePriceOverride } from "./service";

/** Form fields: modelName, matchPattern, validFrom, and price.<usageType> = USD per 1M tokens. */
export async function addModelPrice(_prev: FormState, form: FormData): Promise<FormState> {
  const projectId = String(form.get("projectId") ?? "");
  const prices: Record<string, number> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("price.") || typeof value !== "string" || value.trim() === "") continue;
    const perMillion = Number(value);
    prices[key.slice("price.".length)] = Number.isFinite(perMillion) ? perMillion / 1_000_000 : NaN;
  }
  const parsed = priceOverrideSchema.safeParse({
    modelName: form.get("modelName"),
    matchPattern: form.get("matchPattern"),
    prices,
    validFrom: form.get("validFrom") || undefined,
  });
  if (!parsed.success) return fieldErrors(parsed.error);
  return guarded(async () => {
    await requirePermission(projectId, "manageSettings");
    await createPriceOverride(db, projectId, parsed.data);
    revalidatePath(`/${projectId}/settings`);
    return { ok: true };
  });
}

export async function removeModelPrice(projectId: string, id: string): Promise<FormState> {
  return guarded(async () => {
    await requirePermission(projectId, "manageSettings");
    // Scoped to the project: another project's price id deletes nothing, and says so.
    if (!(await deletePriceOverride(db, projectId, id))) return { ok: false, error: "That price does not exist in this project." };
    revalidatePath(`/${projectId}/settings`);
    return { ok: true };
  });
}
