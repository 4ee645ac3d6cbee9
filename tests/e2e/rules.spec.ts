import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// A promotion rule made from the traces table's view, then a failing trace sent
// over the API arriving in its dataset without anyone looking at it.
const auth = { authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };

test("create a rule from the traces view and watch a failing trace arrive", async ({ page, request }) => {
  const name = `e2e-failing-chat-${Date.now()}`;
  await signIn(page);
  await page.goto("/demo/traces?level=error");
  await page.getByRole("link", { name: "Create a rule from this view" }).click();
  await expect(page.getByRole("heading", { name: "New promotion rule" })).toBeVisible();
  const form = page.getByRole("form", { name: "New rule" });
  // The view's filter came along.
  await expect(form.getByLabel("Level")).toHaveValue("error");
  await form.locator("#rule-name").fill("Failing e2e chats");
  await form.getByLabel("Target dataset").selectOption({ label: "+ New dataset…" });
  await form.getByLabel("New dataset name").fill(`e2e-regressions-${Date.now()}`);
  await form.locator("#c-name").fill(name);
  // A bad condition is refused, naming it.
  await form.locator("#c-minLatency").fill("fast");
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(form.getByText(/minLatency: must be a number/)).toBeVisible();
  await form.locator("#c-minLatency").fill("");
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByRole("heading", { name: "Failing e2e chats" })).toBeVisible();
  await expect(page.getByTestId("rule-items-created")).toHaveText("0");
  await page.screenshot({ path: "/tmp/rules-e2e-new.png", fullPage: true });

  // A failing trace and a fine one arrive over the ingestion API.
  // Dated before the demo's 14 days, so the specs that open "the newest failing trace" still find a demo one.
  const now = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const traceId = `e2e-rule-${Date.now()}`;
  const ev = (type: string, body: Record<string, unknown>) => ({ id: `${type}-${Math.random().toString(36).slice(2)}`, timestamp: now, type, body });
  const res = await request.post("/api/public/ingestion", {
    headers: auth,
    data: {
      batch: [
        ev("trace-create", { id: traceId, name, input: { question: "refund?" }, output: "I cannot help" }),
        ev("span-create", { id: `${traceId}-tool`, traceId, name: "crm-lookup", startTime: now, level: "ERROR", statusMessage: "timeout" }),
        ev("trace-create", { id: `${traceId}-ok`, name, input: { question: "hours?" }, output: "9 to 5" }),
      ],
    },
  });
  expect(res.status()).toBe(207);

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("rule-items-created")).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const matches = page.getByRole("table", { name: "Last matches" });
  await expect(matches.getByRole("link", { name: traceId, exact: true })).toBeVisible();
  await expect(matches).not.toContainText(`${traceId}-ok`);
  await expect(matches).toContainText("refund?");
  await page.screenshot({ path: "/tmp/rules-e2e-rule.png", fullPage: true });

  // The list shows it with its count.
  await page.goto("/demo/datasets/rules");
  const row = page.getByRole("table", { name: "Rules" }).getByRole("row", { name: /Failing e2e chats/ });
  await expect(row).toContainText("has errors");
  await expect(row).toContainText("100 %");
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: "/tmp/rules-e2e-list.png", fullPage: true });

  // The match links back to its trace.
  await page.goBack();
  await matches.getByRole("link", { name: traceId, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/demo/traces/${traceId}`));
});
