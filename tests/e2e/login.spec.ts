import { expect, test } from "@playwright/test";

test("a newcomer signs in and sees the demo project's traces", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill("demo@loupe.dev");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".alert-error")).toHaveText("Wrong email or password.");

  await page.getByLabel("Password").fill("loupe-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await page.getByRole("link", { name: "Demo project" }).click();
  await expect(page).toHaveURL(/\/demo\/traces/);
  // the demo project's generated traces are there to look at
  // 400 demo traces (specs before this one may have ingested a few of their own)
  const total = page.getByText(/^[\d,]+ total$/).first();
  await expect(total).toBeVisible();
  expect(Number((await total.innerText()).replace(/\D/g, ""))).toBeGreaterThanOrEqual(400);
  await expect(page.getByRole("cell", { name: "research-agent" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "support-chat" }).first()).toBeVisible();
});

test("without a session no page is reachable", async ({ page }) => {
  await page.goto("/demo/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fdemo%2Fsettings/);
});
