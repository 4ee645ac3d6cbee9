import { expect, test, type Page } from "@playwright/test";
import { newDatasetInDialog, pickOnlyDataset } from "./promote-dialog";
import { signIn } from "./sign-in";

// "Add to dataset" on the demo project: one trace from its page (a new dataset
// made in the dialog, the preview, the outcome, "In datasets" on the trace),
// then every trace a filter matches from the traces table, as a background
// job whose progress the dialog shows to the end.
test.describe.configure({ mode: "serial" });

const rows = (page: Page) => page.locator("table.table tbody tr");
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/promote-${name}.png`, fullPage: true });

test("promote one trace into a new dataset, then see it listed on the trace", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/traces?name=research-agent");
  await rows(page).first().locator("td").nth(2).click();
  await expect(page).toHaveURL(/\/demo\/traces\/[^/?]+/);
  await expect(page.getByLabel("In datasets")).toHaveCount(0);

  await page.getByRole("button", { name: "Add to dataset" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add this trace to a dataset" });
  await expect(dialog).toBeVisible();
  // The dialog creates a dataset right there.
  await newDatasetInDialog(dialog, "regressions", "Failures worth keeping");

  // The preview maps the real trace: its input (a research question) and its output as expected output.
  const preview = dialog.getByLabel("Preview");
  await expect(preview.locator('pre[data-field="input"]')).toContainText('"');
  await expect(preview.locator('pre[data-field="metadata"]')).toHaveText("null");
  const expected = await preview.locator('pre[data-field="expectedOutput"]').textContent();
  expect(expected?.length).toBeGreaterThan(2);

  // A literal that is not JSON is an error on its field, and saving waits for a fix.
  await dialog.getByLabel("Metadata ←").selectOption("literal");
  await dialog.getByLabel("Metadata: literal JSON").fill("{not json");
  await expect(dialog.getByText(/Metadata: the literal must be JSON/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Add to dataset" })).toBeDisabled();
  await dialog.getByLabel("Metadata: literal JSON").fill('{"source": "e2e"}');
  await expect(preview.locator('pre[data-field="metadata"]')).toContainText('"source": "e2e"');
  await shot(page, "dialog");

  await dialog.getByRole("button", { name: "Add to dataset" }).click();
  await expect(dialog.getByText("1 added, 0 updated, 0 skipped")).toBeVisible();
  await expect(dialog.getByRole("link", { name: "regressions" })).toHaveAttribute("href", /\/demo\/datasets\/.+/);
  await dialog.getByRole("button", { name: "Close", exact: true }).and(dialog.getByText("Close")).click();

  const inDatasets = page.getByLabel("In datasets");
  await expect(inDatasets).toContainText("regressions");
  await expect(inDatasets).toContainText("(1 item)");
  await expect(inDatasets.getByRole("link", { name: "regressions" })).toHaveAttribute("href", /\/demo\/datasets\/.+/);
  await shot(page, "trace");

  // A selected observation has its own "Add to dataset": its input and output, not the trace's.
  await page.getByRole("treeitem").filter({ hasText: "GEN" }).first().click();
  const detail = page.getByRole("article", { name: "Observation detail" });
  await detail.getByRole("button", { name: "Add to dataset" }).click();
  const obsDialog = page.getByRole("dialog", { name: "Add this observation to a dataset" });
  await pickOnlyDataset(obsDialog, "regressions");
  await expect(obsDialog.getByText(/Preview of observation .+ \(trace .+\)/)).toBeVisible();
  await obsDialog.getByRole("button", { name: "Add to dataset" }).click();
  await expect(obsDialog.getByText("1 added, 0 updated, 0 skipped")).toBeVisible();
  await obsDialog.getByRole("button", { name: "Close", exact: true }).and(obsDialog.getByText("Close")).click();
  await expect(inDatasets).toContainText("(2 items)");

  // Again: the trace is there already, so it is skipped.
  await page.getByRole("button", { name: "Add to dataset" }).first().click();
  const again = page.getByRole("dialog", { name: "Add this trace to a dataset" });
  await pickOnlyDataset(again, "regressions");
  await again.getByRole("button", { name: "Add to dataset" }).click();
  await expect(again.getByText("0 added, 0 updated, 1 skipped")).toBeVisible();
});

test("bulk-promote every trace matching a filter, with progress to the end", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/traces");
  await expect(rows(page).first()).toBeVisible();
  // The filter panel is a client form: on a page still hydrating, the first Apply can be lost, so try again.
  await expect(async () => {
    const panel = page.locator("details.menu", { has: page.locator("summary", { hasText: "Filters" }) });
    if (!(await panel.evaluate((el: HTMLDetailsElement) => el.open))) await panel.locator("summary").click();
    await page.getByRole("form", { name: "More filters" }).getByLabel("Environment").fill("production");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/environment=production/, { timeout: 3000 });
  }).toPass({ timeout: 20_000 });

  await page.getByLabel("Select all rows on this page").check();
  await page.getByRole("button", { name: /Select all [\d,]+ matching the filter/ }).click();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await bulk.getByRole("button", { name: "Add to dataset" }).click();
  const dialog = page.getByRole("dialog", { name: /Add [\d,]+ traces to a dataset/ });
  const n = Number((await dialog.getByRole("heading").textContent())!.replace(/[^\d]/g, ""));
  expect(n).toBeGreaterThan(200);
  await expect(dialog.getByText(/runs as a background job/)).toBeVisible();
  await expect(dialog.getByText(/Preview of trace .+ \(the first of/)).toBeVisible();
  // Other specs may have made datasets too: pick "regressions" alone.
  await pickOnlyDataset(dialog, "regressions");
  await dialog.getByRole("button", { name: "Add to dataset" }).click();

  const progress = dialog.locator(".job-progress");
  await expect(progress).toBeVisible();
  await expect(progress.getByRole("progressbar")).toBeVisible();
  await expect(progress).toHaveAttribute("data-job-status", "DONE", { timeout: 30_000 });
  await expect(progress.getByText(`${n} / ${n} done`)).toBeVisible();
  // The trace promoted in the first test is skipped if it is in production; every other one is added.
  await expect(progress.getByText(/\d+ added, 0 updated, [01] skipped/)).toBeVisible();
  const outcome = (await progress.getByText(/added, 0 updated/).textContent())!;
  const [added, , skipped] = outcome.match(/\d+/g)!.map(Number);
  expect(added + skipped).toBe(n);
  await shot(page, "bulk");

  // The job is on the Jobs page too.
  await progress.getByRole("link", { name: "Open" }).click();
  await expect(page.getByText(/Add [\d,]+ traces to regressions/).first()).toBeVisible();
  await expect(page.getByText(outcome)).toBeVisible();
  await shot(page, "job");
});

test("the observations list: filter, select rows, add them to a dataset", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/observations");
  await expect(page.getByRole("heading", { name: "Observations" })).toBeVisible();
  await page.getByLabel("Type", { exact: true }).and(page.locator("select")).selectOption("GENERATION");
  await expect(page).toHaveURL(/type=GENERATION/);
  await expect(rows(page).first()).toContainText("GEN");
  await rows(page).nth(0).getByLabel("Select row").check();
  await rows(page).nth(1).getByLabel("Select row").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk.getByText("2 selected")).toBeVisible();
  await bulk.getByRole("button", { name: "Add to dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Add 2 observations to a dataset" });
  await expect(dialog.getByText(/Preview of observation .+ \(trace .+\)/)).toBeVisible();
  await pickOnlyDataset(dialog, "regressions");
  await dialog.getByRole("button", { name: "Add to dataset" }).click();
  // The generation promoted from the trace page in the first test may be one of these two.
  await expect(dialog.getByText(/^[12] added, 0 updated, [01] skipped$/)).toBeVisible();
  await shot(page, "observations");
});
