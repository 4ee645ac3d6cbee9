import { expect, type Page } from "@playwright/test";

/** Signs in as the demo user (made by the demo project on start) and waits for the projects page. */
export async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@loupe.dev");
  await page.getByLabel("Password").fill("loupe-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}
