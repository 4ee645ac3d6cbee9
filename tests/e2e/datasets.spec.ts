import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// A dataset by hand: create it, add an item, edit it and read the change in its
// history, archive it and find it again with the status filter, delete the dataset.
test("create a dataset, add and edit an item, see its history, archive it, delete the dataset", async ({ page }) => {
  const name = `e2e-regressions-${Date.now().toString(36)}`;
  await signIn(page);
  await page.goto("/demo/datasets");
  await expect(page.getByRole("link", { name: "Promotion rules" })).toHaveAttribute("href", "/demo/datasets/rules");

  const create = page.getByRole("form", { name: "New dataset" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Description").fill("Arithmetic the assistant got wrong");
  // A schema that is not JSON is refused at its field.
  await create.getByLabel("Input JSON Schema (optional)").fill("{type: object}");
  await create.getByRole("button", { name: "Create dataset" }).click();
  await expect(create.getByText(/is not valid JSON/)).toBeVisible();
  await create.getByLabel("Input JSON Schema (optional)").fill('{"type": "object", "required": ["question"]}');
  await create.getByRole("button", { name: "Create dataset" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("No items yet")).toBeVisible();

  // Add an item by hand; the dataset's schema refuses one without a question.
  await page.getByRole("button", { name: "Add item" }).click();
  const add = page.getByRole("form", { name: "New item" });
  await add.getByLabel("Input (JSON)").fill('{"q": "2+2?"}');
  await add.getByLabel("Expected output (JSON)").fill('"5"');
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(add.getByText(/must have required property 'question'/)).toBeVisible();
  await add.getByLabel("Input (JSON)").fill('{"question": "2+2?"}');
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByRole("form", { name: "Edit item" })).toBeVisible();
  await expect(page.getByText("Manual · version 1")).toBeVisible();

  // Edit the expected output: a new version, diffed against the one before.
  const edit = page.getByRole("form", { name: "Edit item" });
  await edit.getByLabel("Expected output (JSON)").fill('"4"');
  await edit.getByRole("button", { name: "Save item" }).click();
  await expect(edit.getByText("Saved as version 2.")).toBeVisible();
  const v2 = page.getByRole("listitem", { name: "Version 2" });
  await expect(v2).toContainText("Edited");
  await expect(v2).toContainText("Demo reviewer");
  await expect(v2.locator(".diff-removed")).toHaveText("5");
  await expect(v2.locator(".diff-added")).toHaveText("4");

  // Archive it: gone from the active items, back with the status filter.
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("listitem", { name: "Version 3" })).toContainText("Archived");
  await page.getByRole("link", { name }).click();
  await expect(page.getByText("No items yet")).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption("archived");
  await expect(page).toHaveURL(/status=archived/);
  const row = page.getByRole("row", { name: /2\+2\?/ });
  await expect(row).toContainText("archived");
  await expect(row).toContainText('"4"');
  // The export links carry the filter.
  await page.getByText("Export ▾").click();
  await expect(page.getByRole("menuitem", { name: /^CSV/ })).toHaveAttribute("href", /format=csv&status=archived$/);

  // Delete the dataset: the confirmation names what goes.
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(confirm).toContainText("1 item, 0 runs and 0 promotion rules switched off");
  await confirm.getByRole("button", { name: "Delete dataset" }).click();
  await expect(page).toHaveURL(/\/demo\/datasets$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});
