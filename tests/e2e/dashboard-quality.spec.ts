import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// The dashboard's quality, steps, top and health sections on the demo project
// (14 days of traces with helpfulness and correct scores and releases), a click
// from a boolean score's bar into the traces table, and a user's page trends.

test("quality, steps, top sessions/users and health render on the dashboard", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/dashboard?range=30d");

  const quality = page.locator('[data-section="quality"]');
  await expect(quality).toBeVisible({ timeout: 30_000 });
  await expect(quality.locator('[data-histogram="helpfulness"] .recharts-surface')).toBeVisible();
  await expect(quality.locator('figure[data-chart="Numeric scores"] .recharts-surface')).toBeVisible();
  await expect(quality.getByRole("table", { name: "Score averages by release" }).locator("tbody tr").first()).toBeVisible();
  await expect(quality.getByRole("table", { name: "Score averages by model" }).locator("tbody tr").first()).toBeVisible();
  const correct = quality.locator('[data-category-score="correct"]');
  await expect(correct.locator('[data-category="true"]')).toBeVisible();

  const steps = page.getByRole("table", { name: "Steps" });
  await expect(steps.locator("tbody tr").first()).toBeVisible();
  await expect(page.locator('figure[data-chart="Step cost"] .recharts-surface')).toBeVisible();
  await steps.getByRole("link", { name: "p95" }).click();
  await expect(page).toHaveURL(/stepsSort=p95Latency\.desc/);
  await expect(page.getByRole("table", { name: "Steps" }).getByRole("columnheader", { name: "p95" })).toHaveAttribute("aria-sort", "descending");

  const users = page.getByRole("table", { name: "Top users by cost" });
  await expect(users.locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Top sessions by cost" }).locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Instrumentation health" })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/dash-more-dashboard.png", fullPage: true });

  // A boolean score's "false" segment opens the traces whose score is false.
  const falseSeg = page.locator('[data-category-score="correct"] a[data-category="false"]');
  if (await falseSeg.count()) {
    await falseSeg.click();
    await expect(page).toHaveURL(/\/demo\/traces\?.*score=correct%3Dfalse/);
    await expect(page.locator("table.table tbody tr").first()).toBeVisible();
  }

  // A top user opens their page, with the trends block.
  await page.goto("/demo/dashboard?range=30d");
  const first = page.getByRole("table", { name: "Top users by cost" }).locator("tbody tr a").first();
  const id = await first.innerText();
  await first.click();
  await expect(page.getByRole("heading", { name: id })).toBeVisible();
  const trends = page.locator('[data-section="trends"]');
  await expect(trends).toBeVisible();
  await expect(trends.locator('figure[data-chart="Cost"] .recharts-surface')).toBeVisible();
  await expect(trends.locator('figure[data-chart="Latency"] .recharts-surface')).toBeVisible();
  await expect(trends.locator('figure[data-chart="Volume"] .recharts-surface')).toBeVisible();
  await expect(trends.locator('figure[data-chart="Scores"] .recharts-surface')).toBeVisible();
  await page.screenshot({ path: "test-results/dash-more-user.png", fullPage: true });
});
