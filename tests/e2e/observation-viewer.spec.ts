import { expect, test, type Page } from "@playwright/test";

// The trace viewer outside the trace page: a session turn opens its trace inline
// and loads the selected observation's payloads through the one loader, bound to
// that turn's trace.

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@loupe.dev");
  await page.getByLabel("Password").fill("loupe-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

test("a session turn's inline viewer shows the selected observation's input", async ({ page, request }) => {
  const auth = `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}`;
  const sessionId = `viewer-session-${Date.now()}`;
  const marker = `inline-input-${Date.now()}`;
  const res = await request.post("/api/public/traces", {
    headers: { authorization: auth },
    data: { name: "turn-trace", sessionId, input: "hi", output: "hello", observations: [{ type: "span", name: "lookup-step", input: { query: marker }, output: "found" }] },
  });
  expect(res.status()).toBe(201);

  await signIn(page);
  await page.goto(`/demo/sessions/${sessionId}`);
  const turn = page.getByRole("article", { name: "Turn 1" });
  await turn.getByRole("button", { name: /Observations \(1\)/ }).click();
  await turn.getByRole("treeitem").filter({ hasText: "lookup-step" }).click();
  await expect(turn.getByRole("article", { name: "Observation detail" }).getByText(marker).first()).toBeVisible();
});
