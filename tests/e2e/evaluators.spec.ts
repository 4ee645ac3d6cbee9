import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// An evaluator made in the UI (a bad regex refused at its field first), then a
// live trace sent over the API scored by it in the background, and the list
// showing it with its count.
const auth = { authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };

test("create a live regex evaluator in the UI and see a new trace scored", async ({ page, request }) => {
  const stamp = Date.now();
  const traceName = `e2e-eval-chat-${stamp}`;
  const evaluatorName = `refund_mentioned_${stamp}`;
  await signIn(page);
  await page.goto("/demo/traces");
  // In the sidebar's Evaluate group.
  await page.getByRole("link", { name: "Evaluators", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Evaluators", exact: true })).toBeVisible();
  await page.screenshot({ path: "/tmp/evaluators-e2e-list-before.png", fullPage: true });
  await page.getByRole("link", { name: "New evaluator" }).first().click();
  await expect(page.getByRole("heading", { name: "New evaluator" })).toBeVisible();
  const form = page.getByRole("form", { name: "New evaluator" });
  await form.locator("#ev-name").fill(evaluatorName);
  // Per-kind fields: a schema that is not JSON is refused at its field before anything is sent.
  await form.getByLabel("Kind").selectOption("JSON_SCHEMA");
  await form.locator("#ev-schema").fill("{ not json");
  await form.getByRole("button", { name: "Create evaluator" }).click();
  await expect(form.getByText(/must be JSON/)).toBeVisible();
  await form.getByLabel("Kind").selectOption("THRESHOLD");
  await expect(form.getByLabel("Metric")).toBeVisible();
  await page.screenshot({ path: "/tmp/evaluators-e2e-threshold.png", fullPage: true });
  await form.getByLabel("Kind").selectOption("REGEX");
  await form.locator("#ev-pattern").fill("(refund");
  await form.getByLabel("ignore case").check();
  await form.getByLabel("Dataset").selectOption("");
  await form.getByLabel("Score live traces as they arrive").check();
  await form.locator("#ev-conditions").fill(`name=${traceName}`);
  await form.getByRole("button", { name: "Create evaluator" }).click();
  // Refused at the field, with RE2's reason.
  await expect(form.getByText(/not a valid regular expression/)).toBeVisible();
  await expect(form.locator("#ev-pattern")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "/tmp/evaluators-e2e-refused.png", fullPage: true });
  await form.locator("#ev-pattern").fill("refund");
  await form.getByRole("button", { name: "Create evaluator" }).click();
  await expect(page.getByRole("heading", { name: evaluatorName })).toBeVisible();

  // A trace arrives over the ingestion API; the evaluator scores it off the request.
  const now = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const traceId = `e2e-eval-${stamp}`;
  const ev = (type: string, body: Record<string, unknown>) => ({ id: `${type}-${Math.random().toString(36).slice(2)}`, timestamp: now, type, body });
  const res = await request.post("/api/public/ingestion", {
    headers: auth,
    data: { batch: [ev("trace-create", { id: traceId, name: traceName, input: { question: "money back?" }, output: "A Refund was issued." })] },
  });
  expect(res.status()).toBe(207);
  const results = page.getByRole("table", { name: "Recent results" });
  await expect(async () => {
    await page.reload();
    await expect(results.getByRole("link", { name: traceId, exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(results.getByRole("row", { name: new RegExp(traceId) })).toContainText("matches the output");
  await page.screenshot({ path: "/tmp/evaluators-e2e-page.png", fullPage: true });

  await page.goto("/demo/evaluators");
  const row = page.getByRole("table", { name: "Evaluators" }).getByRole("row", { name: new RegExp(evaluatorName) });
  await expect(row).toContainText("Regex");
  await expect(row).toContainText(`name any of ${traceName}`);
  await expect(row.getByRole("cell").nth(6)).toHaveText("1");
  await page.screenshot({ path: "/tmp/evaluators-e2e-list.png", fullPage: true });
});
