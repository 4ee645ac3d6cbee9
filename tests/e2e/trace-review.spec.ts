import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// Reviewing from the trace page (issue 12, items 12–14): the trace's metadata is
// shown, the observation panel follows the tree selection without a reload, and
// the trace and its observations can be queued from the page.
test.describe.configure({ mode: "serial" });

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

test("the traces table: sortable score columns, a bulk result that stays, an honest page past the end", async ({ page }) => {
  await signIn(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/demo/traces");
  const table = page.getByRole("table");
  // At 1280 px the default columns fit: cost and the scores are on screen, not scrolled away.
  const wrap = page.locator(".table-wrap");
  expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(table.getByRole("columnheader", { name: "Cost" })).toBeInViewport();
  const helpfulness = table.getByRole("columnheader", { name: /^helpfulness/ });
  await expect(helpfulness).toBeInViewport();

  // Score columns sort (the trace's own score), highest first.
  await helpfulness.click();
  await expect(page).toHaveURL(/sort=score%3Ahelpfulness\.desc|sort=score:helpfulness\.desc/);
  await expect(helpfulness).toHaveAttribute("aria-sort", "descending");

  // Bulk "Add to queue": the bar goes with the selection, the result stays.
  const boxes = page.getByRole("checkbox", { name: "Select row" });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Annotation queue").selectOption({ label: "Trace page review" });
  await bar.getByRole("button", { name: "Add to queue" }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole("status", { name: "Bulk action result" })).toContainText("Added 2 traces to Trace page review.");

  // ?page=99 of a few pages: said plainly, with the way to the last page.
  await page.goto("/demo/traces?page=99");
  await expect(page.getByText("Nothing on page 99")).toBeVisible();
  // 400 demo traces make 8 pages; other specs may have ingested a few more.
  const past = await page.getByText(/Page 99 is past the last page \(\d+\)/).textContent();
  const last = Number(/\((\d+)\)/.exec(past ?? "")?.[1]);
  expect(last).toBeGreaterThanOrEqual(8);
  await page.getByRole("link", { name: /Go to the last page/ }).click();
  await expect(page).toHaveURL(new RegExp(`page=${last}`));
  await expect(page.getByText(`Page ${last} of ${last}`)).toBeVisible();
});

test("unknown pages keep the app shell; the queue view shows the whole Timeline tab", async ({ page }) => {
  await signIn(page);
  const res = await page.goto("/demo/no-such-section");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Page not found")).toBeVisible();
  await expect(page.getByRole("link", { name: "Traces" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to traces" })).toHaveAttribute("href", "/demo/traces");

  const other = await page.goto("/no-such-project/traces");
  expect(other?.status()).toBe(404);
  await expect(page.getByText("Project not found")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Your projects" }).getByRole("link", { name: "Demo project" })).toBeVisible();

  // A queue holding one trace, reviewed at 1280 px beside the score form.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/demo/queues");
  await page.getByLabel("Name").fill("Timeline check");
  await page.getByRole("checkbox", { name: /helpfulness/ }).check();
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page).toHaveURL(/\/demo\/queues\/[^/?]+/);
  await page.goto("/demo/traces/demo-trace-2");
  const header = page.locator("header.page-header");
  await header.getByLabel("Queue").selectOption({ label: "Timeline check" });
  await header.getByRole("button", { name: "Add to queue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 to Timeline check" })).toBeVisible();
  await page.goto("/demo/queues");
  await page.getByRole("table", { name: "Queues" }).getByRole("row", { name: /Timeline check/ }).getByRole("link", { name: "Review", exact: true }).click();
  await expect(page).toHaveURL(/item=/);
  await expect(page.getByText(/Item 1 of 1 · trace/)).toBeVisible();
  const tab = page.getByRole("tab", { name: "Timeline" });
  await expect(tab).toBeVisible();
  // not clipped to "Ti": the tab is as wide as its label
  expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().width > 50)).toBe(true);
});

test("dates are typed as ISO UTC: the custom range and a price's valid-from", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/traces");
  await page.getByLabel("Time range").selectOption("custom");
  const from = page.getByLabel("From (UTC)");
  await expect(from).toHaveValue(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await from.fill("2020-01-02 03:04");
  await from.press("Enter");
  await expect(page).toHaveURL(/from=2020-01-02T03%3A04%3A00\.000Z|from=2020-01-02T03:04:00\.000Z/);
  await expect(page.getByLabel("From (UTC)")).toHaveValue("2020-01-02 03:04");
  // US order is not taken for a date
  await page.getByLabel("To (UTC)").fill("01/31/2030, 02:05 PM");
  await page.getByLabel("To (UTC)").press("Enter");
  await expect(page.getByText("use YYYY-MM-DD HH:MM")).toBeVisible();
  expect(page.url()).not.toContain("to=");

  await page.goto("/demo/settings");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add price" }) });
  await form.getByLabel("Model name").fill("iso-model");
  await form.getByLabel("Match pattern (regex)").fill("^iso-model$");
  await form.getByLabel("Input $ / 1M").fill("1");
  await form.getByLabel("Valid from (UTC)").fill("02/01/2026");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(form.getByText(/ISO date/)).toBeVisible();
  await form.getByLabel("Valid from (UTC)").fill("2026-02-01");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByRole("row", { name: /iso-model/ })).toContainText("2026-02-01");
});
