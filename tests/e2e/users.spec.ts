import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./sign-in";

// The users table on the demo project: sort by cost, search a user, open their
// page, and follow its links to the traces and sessions filtered to them.

const rows = (page: Page) => page.locator("table.table tbody tr");

test("users table → a user's page → their traces and sessions", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(rows(page).first()).toContainText("@");

  // Sorting happens on the server: the URL carries it and the costs come back in order.
  await page.getByRole("columnheader", { name: "Total cost" }).click();
  await expect(page).toHaveURL(/sort=cost\.desc/);
  const costs = await rows(page).locator("td:nth-child(4)").allInnerTexts();
  const numbers = costs.map((c) => Number(c.replace(/[$,]/g, "")));
  expect(numbers.length).toBeGreaterThan(1);
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);

  await page.getByLabel("Search user id").fill("alice");
  await expect(page).toHaveURL(/q=alice/);
  await expect(rows(page)).toHaveCount(1);
  const traces = Number((await rows(page).first().locator("td:nth-child(2)").innerText()).replace(/,/g, ""));
  await rows(page).first().getByRole("link", { name: "alice@acme.io" }).click();

  await expect(page).toHaveURL(/\/demo\/users\/alice%40acme\.io$/);
  await expect(page.getByRole("heading", { name: "alice@acme.io" })).toBeVisible();
  const figures = page.getByLabel("User figures");
  await expect(figures.getByText("Traces")).toBeVisible();
  await expect(figures.getByRole("link", { name: String(traces) })).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent traces" }).locator("tbody tr").first()).toBeVisible();

  await page.getByRole("link", { name: "All their traces" }).click();
  await expect(page).toHaveURL(/\/demo\/traces\?userId=alice%40acme\.io/);
  await expect(rows(page).first()).toContainText("alice@acme.io");
  await expect(page.getByText(`${traces} total`)).toBeVisible();

  await page.goBack();
  await page.getByRole("link", { name: "All their sessions" }).click();
  await expect(page).toHaveURL(/\/demo\/sessions\?userId=alice%40acme\.io/);
  await expect(rows(page).first()).toContainText("alice@acme.io");
});
