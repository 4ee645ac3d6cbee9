import { expect, type Locator } from "@playwright/test";

/**
 * In the "Add to dataset" dialog: a new dataset as the only target. Other
 * specs may have made datasets in the demo project already (then the name
 * field waits behind "+ New dataset", and the dialog may have ticked one).
 */
export async function newDatasetInDialog(dialog: Locator, name: string, description?: string) {
  await expect(dialog.getByRole("group", { name: "Datasets" })).toBeVisible();
  for (const box of await dialog.locator(".promote-dataset-list input[type=checkbox]").all()) await box.uncheck();
  const field = dialog.getByLabel("New dataset name");
  if (!(await field.isVisible())) await dialog.getByRole("button", { name: "+ New dataset" }).click();
  await field.fill(name);
  if (description) await dialog.getByLabel("Description").fill(description);
  await dialog.getByRole("button", { name: "Create dataset" }).click();
  await expect(dialog.getByLabel(name, { exact: true })).toBeChecked();
}

/** In the "Add to dataset" dialog: this dataset as the only target, whatever else exists. */
export async function pickOnlyDataset(dialog: Locator, name: string) {
  await expect(dialog.getByRole("group", { name: "Datasets" })).toBeVisible();
  for (const box of await dialog.locator(".promote-dataset-list input[type=checkbox]").all()) await box.uncheck();
  await dialog.getByLabel(name, { exact: true }).check();
}
