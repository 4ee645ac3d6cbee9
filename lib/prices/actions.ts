"use server";
// Settings → model prices, made with the one action builder.
import { projectAction, projectFormAction } from "../auth/action-guard";
import { DomainError } from "../errors";
import { priceFormSchema, removePriceSchema } from "./schemas";
import { createPriceOverride, deletePriceOverride } from "./service";

export const addModelPrice = projectFormAction({ input: priceFormSchema, permission: "manageSettings", refresh: "settings" }, async ({ input, db }) => {
  const { projectId, ...price } = input;
  await createPriceOverride(db, projectId, price);
});

export const removeModelPrice = projectAction({ input: removePriceSchema, permission: "manageSettings", refresh: "settings" }, async ({ input, db }) => {
  // Scoped to the project: another project's price id deletes nothing, and says so.
  if (!(await deletePriceOverride(db, input.projectId, input.id))) throw new DomainError("not_found", "That price does not exist in this project.");
});
