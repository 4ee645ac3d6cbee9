"use server";
// Dataset and item writes from the workbench, made with the one action builder:
// writing needs "annotate" (a viewer reads datasets but changes nothing). The
// work is in lib/datasets; items are written only through writeItems.
import { accessFor, projectAction, projectFormAction } from "../auth/action-guard";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { takeNewCorrection } from "./correction";
import { createDataset, datasetFootprint, deleteDataset, requireDataset, updateDataset } from "./datasets";
import { deleteItems, getItem, requireItem, upsertItem, writeItems } from "./items";
import { datasetFormSchema, datasetRefSchema, itemFormSchema, itemRefSchema, itemStatusInputSchema, takeCorrectionSchema, type DatasetFootprint } from "./schemas";

/** The list's create form and the edit dialog (with a datasetId): a taken name is an error on `name`. */
export const saveDataset = projectFormAction({ input: datasetFormSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  const { projectId, datasetId, ...fields } = input;
  const ds = datasetId ? await updateDataset(db, projectId, datasetId, fields) : await createDataset(db, projectId, fields);
  return { id: ds.id };
});

export const deleteDatasetAction = projectAction({ input: datasetRefSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  await deleteDataset(db, input.projectId, input.datasetId);
});

/** "Add item" by hand (origin MANUAL). A chosen id that is taken is refused: adding never overwrites. */
export const addItem = projectFormAction({ input: itemFormSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const dataset = await requireDataset(db, input.projectId, input.datasetId);
  const { itemId, input: itemInput, expectedOutput, metadata } = input;
  if (itemId && (await getItem(db, input.projectId, itemId))) throw new DomainError("conflict", `An item with the id "${itemId}" already exists.`, { path: "itemId" });
  const { item } = await upsertItem(db, dataset, { id: itemId, input: itemInput, expectedOutput, metadata }, access.user.id, "MANUAL");
  return { id: item.id };
});

/** The item page's editor: only an existing item of this dataset (an unknown id is not created here). */
export const updateItem = projectFormAction({ input: itemFormSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  if (!input.itemId) throw new DomainError("invalid", "Which item?", { path: "itemId" });
  const current = await requireItem(db, input.projectId, input.itemId);
  if (current.datasetId !== input.datasetId) throw new DomainError("not_found", "That item is not in this dataset.", { path: "itemId" });
  const dataset = await requireDataset(db, input.projectId, input.datasetId);
  const [{ item, change }] = await writeItems(db, dataset, [{ id: input.itemId, input: input.input, expectedOutput: input.expectedOutput, metadata: input.metadata }], access.user.id);
  return { id: item.id, change, version: item.version };
});

/** Archive or restore: a new version with the status change. */
export const setItemStatus = projectAction({ input: itemStatusInputSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const item = await requireItem(db, input.projectId, input.itemId);
  const dataset = await requireDataset(db, input.projectId, item.datasetId);
  await writeItems(db, dataset, [{ id: item.id, status: input.status }], access.user.id);
});

export const deleteItemAction = projectAction({ input: itemRefSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const n = await deleteItems(db, input.projectId, [input.itemId], access.user.id);
  if (!n) throw new DomainError("not_found", `Dataset item "${input.itemId}" not found.`, { path: "itemId" });
});

/** "Use the new correction": the reviewer's changed correction becomes the expected output (a new version). */
export const adoptNewCorrection = projectAction({ input: takeCorrectionSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const { item } = await takeNewCorrection(db, input.projectId, input.itemId, input.scoreId, access.user.id);
  return { version: item.version };
});

// Lazy reads answer data, not form state: the role check alone (a refusal throws).

/** What deleting a dataset loses, read when its confirmation opens (so the numbers are current). */
export async function loadDatasetFootprint(projectId: string, datasetId: string): Promise<DatasetFootprint> {
  await accessFor(projectId, "read");
  await requireDataset(db, projectId, datasetId);
  return datasetFootprint(db, projectId, datasetId);
}
