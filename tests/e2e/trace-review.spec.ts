import { expect, test, type Page } from "@playwright/test";

// Reviewing from the trace page (issue 12, items 12–14): the trace's metadata is
// shown, the observation panel follows the tree selection without a reload, and
// the trace and its observations can be queued from the page.
test.describe.configure({ mode: "serial" });

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@loupe.dev");
  await page.getByLabel("Password").fill("loupe-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

const TRACE = "/demo/traces/demo-trace-3";

test("the trace page shows the trace's own metadata", async ({ page }) => {
  await signIn(page);
  await page.goto(TRACE);
  const meta = page.getByRole("region", { name: "Trace metadata" });
  await expect(meta).toBeVisible();
  await expect(meta).toContainText("region");
  await expect(meta).toContainText("us-east-1");
  await expect(meta).toContainText("support");
});

test("the observation's scores and comments follow the tree selection, without a reload", async ({ page }) => {
  await signIn(page);
  await page.goto(TRACE);
  // Nothing selected: only the trace's panel.
  await expect(page.getByRole("region", { name: "Trace scores and comments" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Observation scores and comments" })).toHaveCount(0);
  // A marker that survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  await page.getByRole("treeitem", { name: /search-help-center/ }).click();
  await expect(page).toHaveURL(/observation=demo-obs-17/);
  const obsPanel = page.getByRole("region", { name: "Observation scores and comments" });
  await expect(obsPanel.getByRole("heading", { name: /^Observation:/ })).toHaveText("Observation: search-help-center");

  // Score it from its own panel.
  const form = obsPanel.getByRole("form", { name: "Add score" });
  await form.getByLabel("Score config").selectOption({ label: "helpfulness" });
  await form.locator("input[name=value]").fill("0.25");
  await form.getByRole("button", { name: "Save score" }).click();
  await expect(obsPanel.getByRole("list", { name: "Scores" })).toContainText("0.25");
  await expect(page.getByRole("region", { name: "Trace scores and comments" }).getByRole("list", { name: "Scores" }).filter({ hasText: "0.25" })).toHaveCount(0);

  // Another observation: the panel switches to it (its own, empty, scores).
  await page.getByRole("treeitem", { name: /answer/ }).click();
  await expect(page).toHaveURL(/observation=demo-obs-19/);
  await expect(obsPanel.getByRole("heading", { name: /^Observation:/ })).toHaveText("Observation: answer");
  await expect(obsPanel).toContainText("No scores on this observation yet.");
  await obsPanel.getByLabel("Comment", { exact: true }).fill("the answer skipped the order lookup");
  await obsPanel.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(obsPanel.getByRole("list", { name: "Comments" })).toContainText("the answer skipped the order lookup");

  // Back to the first: its score is there, the comment is not.
  await page.getByRole("treeitem", { name: /search-help-center/ }).click();
  await expect(obsPanel.getByRole("heading", { name: /^Observation:/ })).toHaveText("Observation: search-help-center");
  await expect(obsPanel.getByRole("list", { name: "Scores" })).toContainText("0.25");
  await expect(obsPanel.getByRole("list", { name: "Comments" })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // A deep link opens the same panel.
  await page.goto(`${TRACE}?observation=demo-obs-19`);
  await expect(page.getByRole("region", { name: "Observation scores and comments" })).toContainText("the answer skipped the order lookup");
});

test("the trace and an observation can be added to a queue from the trace page", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/queues");
  await page.getByLabel("Name").fill("Trace page review");
  await page.getByRole("checkbox", { name: /helpfulness/ }).check();
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page).toHaveURL(/\/demo\/queues\/[^/?]+/);
  const queueUrl = page.url();

  await page.goto(TRACE);
  const header = page.locator("header.page-header");
  await header.getByLabel("Queue").selectOption({ label: "Trace page review" });
  await header.getByRole("button", { name: "Add to queue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 to Trace page review" })).toBeVisible();
  // again: nothing new
  await header.getByRole("button", { name: "Add to queue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Already in Trace page review" })).toBeVisible();

  await page.getByRole("treeitem", { name: /answer/ }).click();
  const detail = page.getByRole("article", { name: "Observation detail" });
  await detail.getByLabel("Queue").selectOption({ label: "Trace page review" });
  await detail.getByRole("button", { name: "Queue observation" }).click();
  await expect(detail.getByRole("status")).toHaveText("Added 1 to Trace page review.");

  // The queue holds both, the observation shown as an observation.
  await page.goto("/demo/queues");
  await expect(page.getByRole("table", { name: "Queues" }).getByRole("row", { name: /Trace page review/ })).toContainText("0 / 2 done");
  await page.goto(queueUrl.split("?")[0]);
  await expect(page.getByText(/Item 1 of 2 · trace/)).toBeVisible();
  await page.keyboard.press("s");
  await expect(page.getByText(/Item 2 of 2 · observation/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in trace" })).toHaveAttribute("href", /demo-trace-3\?observation=demo-obs-19/);
});
