import { expect, test, type Page } from "@playwright/test";

// The Content-Security-Policy (a nonce per page, proxy.ts) must block nothing
// the app itself runs: every page hydrates, and the browser reports no violation.

async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  page.on("pageerror", (e) => seen.push(`pageerror: ${e.message}`));
  return seen;
}

test("no page's scripts or styles are blocked by the CSP", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@loupe.dev");
  await page.getByLabel("Password").fill("loupe-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  for (const path of ["/demo/traces", "/demo/sessions", "/demo/queues", "/demo/settings"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  // A client-side interaction works (React hydrated under the policy): open a trace from the table.
  await page.goto("/demo/traces");
  await page.locator("table.table tbody tr").first().locator("td").nth(2).click();
  await expect(page).toHaveURL(/\/demo\/traces\/[^/?]+/);
  expect(violations).toEqual([]);
});

test("the app refuses to be framed", async ({ page, baseURL }) => {
  await page.goto("/api/public/health"); // same origin, so only frame-ancestors can refuse
  await page.setContent(`<iframe id="f" src="${baseURL}/login" width="600" height="400"></iframe>`);
  const frame = await (await page.waitForSelector("#f")).contentFrame();
  await frame?.waitForLoadState().catch(() => {});
  // A refused frame holds the browser's error page (or nothing readable), never the app.
  const text = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
  expect(text).not.toContain("Sign in");
  expect(text).not.toContain("Loupe");
});
