import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./sign-in";

// The dashboard on the demo project: change the range and a filter (both in the
// URL), then click through into the traces table — a user's bar and one day's
// bar of the traces chart — and see exactly the traces the figure counted.

const rows = (page: Page) => page.locator("table.table tbody tr");
const total = (page: Page) => page.getByText(/^[\d,]+\+? total$/);

test("range and filter in the URL, a bar into the traces table", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("figure", { name: "Cost over time, stacked by model" })).toBeVisible();

  await page.getByLabel("Time range").selectOption("30d");
  await expect(page).toHaveURL(/range=30d/);
  await page.locator("summary", { hasText: "Filters" }).click();
  await page.getByRole("form", { name: "Dashboard filters" }).getByLabel("Trace name").fill("support-chat");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/name=support-chat/);
  await expect(page.getByRole("button", { name: /Remove filter Trace name support-chat/ })).toBeVisible();
  const byName = page.getByRole("list", { name: "Cost by trace name" });
  await expect(byName.getByRole("listitem")).toHaveCount(1);
  await expect(byName).toContainText("support-chat");

  // A user's bar: the traces table with the range, the filter and that user, as many traces as the bar says.
  const userBar = page.getByRole("list", { name: "Cost by user" }).getByRole("link").first();
  const title = (await userBar.getAttribute("aria-label")) ?? "";
  const [, user, traces] = /^(.+?): \$[\d.,<]+ · ([\d,]+) traces?/.exec(title) ?? [];
  expect(user, title).toBeTruthy();
  await userBar.click();
  await expect(page).toHaveURL(/\/demo\/traces\?/);
  await expect(page).toHaveURL(/range=30d/);
  await expect(page).toHaveURL(/name=support-chat/);
  await expect(page).toHaveURL(new RegExp(`userId=${encodeURIComponent(user).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  await expect(total(page)).toHaveText(`${traces} total`);
  await expect(rows(page).first()).toContainText(user);
  await expect(rows(page).first()).toContainText("support-chat");

  // One day's bar of the traces chart: the table for that bucket (from/to), the count the tooltip showed.
  await page.goBack();
  await expect(page).toHaveURL(/\/demo\/dashboard\?/);
  const chart = page.getByRole("figure", { name: "Traces over time" });
  const bars = chart.locator(".recharts-bar-rectangle");
  await expect(bars.last()).toBeVisible();
  const n = await bars.count();
  const bar = bars.nth(n - 2);
  await bar.hover();
  const tip = chart.locator(".trend-tooltip");
  await expect(tip).toBeVisible();
  const count = /traces\s*([\d,]+)/.exec(await tip.innerText())?.[1];
  expect(count).toBeTruthy();
  await bar.click();
  await expect(page).toHaveURL(/\/demo\/traces\?.*from=.*to=/);
  await expect(page).toHaveURL(/name=support-chat/);
  await expect(total(page)).toHaveText(`${count} total`);
  await expect(rows(page).first()).toContainText("support-chat");
});
