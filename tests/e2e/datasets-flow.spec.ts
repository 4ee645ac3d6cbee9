import { expect, test } from "@playwright/test";
import { newDatasetInDialog } from "./promote-dialog";
import { signIn } from "./sign-in";

// The loop this product exists for, across its pages: a reviewer finds a
// failing trace, writes the corrected output, promotes the trace with that
// correction as the expected output, finds the item in the dataset, and
// follows its link back to the trace.
test("a failing trace becomes a regression case with the reviewer's correction as expected output", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/traces?level=error");
  const firstRow = page.locator("table.table tbody tr").first();
  await expect(firstRow).toBeVisible();
  await firstRow.locator("td").nth(2).click();
  await expect(page).toHaveURL(/\/demo\/traces\/[^/?]+/);
  const traceUrl = new URL(page.url()).pathname;
  const traceId = decodeURIComponent(traceUrl.split("/").pop()!);

  // The correction, written where the reviewer reads the output.
  const corrected = "Order #1042 shipped on Monday; the tracking link follows by email.";
  const panel = page.getByRole("region", { name: "Trace scores and comments" });
  const corr = panel.getByTestId("correction");
  await corr.getByLabel("Corrected output").fill(corrected);
  await corr.getByRole("button", { name: "Save correction" }).click();
  await expect(corr.getByTestId("correction-status")).toContainText("Saved by you");

  // Promote: the preview already shows the correction as the expected output.
  await page.getByRole("button", { name: "Add to dataset" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add this trace to a dataset" });
  const name = `checkout-failures-${Date.now().toString(36)}`;
  await newDatasetInDialog(dialog, name);
  await expect(dialog.getByLabel("Preview").locator('pre[data-field="expectedOutput"]')).toContainText(corrected);
  await dialog.getByRole("button", { name: "Add to dataset" }).click();
  await expect(dialog.getByText("1 added, 0 updated, 0 skipped")).toBeVisible();
  await dialog.getByRole("button", { name: "Close", exact: true }).and(dialog.getByText("Close")).click();

  // The trace says where it went; the dataset holds the item, linked back.
  await page.getByLabel("In datasets").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: corrected });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/promotion/i);
  await page.screenshot({ path: "/tmp/datasets-flow-dataset.png", fullPage: true });
  await row.getByRole("link", { name: `trace ${traceId}` }).click();
  await expect(page).toHaveURL(new RegExp(`${traceUrl}(\\?|$)`));
  await expect(page.getByLabel("In datasets")).toContainText(name);
});
