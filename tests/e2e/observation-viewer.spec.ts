import { expect, test, type Page } from "@playwright/test";

// The trace viewer outside the trace page: a session turn opens its trace inline
// and loads the selected observation's payloads through the one loader, bound to
// that turn's trace. Reads demo data only (other specs count the demo's traces).

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@loupe.dev");
  await page.getByLabel("Password").fill("loupe-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

test("a session turn's inline viewer loads the selected observation's input", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/sessions");
  await page.getByRole("link", { name: /^demo-session-/ }).first().click();
  const turn = page.getByRole("article", { name: "Turn 1" });
  await turn.getByRole("button", { name: /Observations \(\d+\)/ }).click();
  // Every demo support turn searches the help center; the list carries no payloads.
  await turn.getByRole("treeitem").filter({ hasText: "search-help-center" }).first().click();
  const detail = turn.getByRole("article", { name: "Observation detail" });
  await expect(detail.getByText("topK").first()).toBeVisible();
  await expect(detail.getByText("This observation no longer exists.")).toHaveCount(0);
});
