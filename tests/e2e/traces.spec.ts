import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./sign-in";

// The traces table and trace view on the demo project: find failing traces,
// read one, bookmark it, walk the view with next/prev, bulk-bookmark rows.

const rows = (page: Page) => page.locator("table.table tbody tr");

test("filter to failing traces, read one, bookmark it, walk next/prev, bulk-bookmark", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/traces");
  await expect(page.getByRole("heading", { name: "Traces" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Traces" })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("Level", { exact: true }).selectOption("error");
  await expect(page).toHaveURL(/level=error/);
  await expect(rows(page).first().getByText(/\d+ errors?/)).toBeVisible();
  const count = await rows(page).count();
  for (let i = 0; i < count; i++) await expect(rows(page).nth(i).getByText(/\d+ errors?/)).toBeVisible();

  // Open the newest failing trace: its link carries the view.
  await rows(page).first().locator("td").nth(2).click();
  await expect(page).toHaveURL(/\/demo\/traces\/[^/?]+\?.*level=error/);
  const firstUrl = page.url();
  await expect(page.getByText(/\d+ errors?/).first()).toBeVisible();

  // A generation shows its conversation (loaded on selection, without payloads in the page).
  const generation = page.getByRole("treeitem").filter({ hasText: "GEN" }).first();
  await generation.click();
  const detail = page.getByRole("article", { name: "Observation detail" });
  await expect(detail.getByText("GENERATION")).toBeVisible();
  await expect(detail.getByText(/\d+ messages?/).first()).toBeVisible();
  await expect(detail.locator(".msg").first()).toBeVisible();
  await expect(detail.locator(".msg").getByText(/^system$/i).first()).toBeVisible();

  // Bookmark survives a reload.
  await page.getByRole("button", { name: "Bookmark" }).click();
  await expect(page.getByRole("button", { name: "Bookmarked" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("button", { name: "Bookmarked" })).toBeVisible();

  // Next then previous in the same (failing-only) view brings us back.
  await page.getByRole("link", { name: "Next trace" }).click();
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page).toHaveURL(/level=error/);
  await expect(page.getByText(/\d+ errors?/).first()).toBeVisible();
  await page.getByRole("link", { name: "Previous trace" }).click();
  await expect(page).toHaveURL(new RegExp(firstUrl.split("?")[0].split("/").pop()!));

  // Back to the table (same view), select two more rows and bookmark them in bulk.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Traces" }).click();
  await expect(page).toHaveURL(/\/demo\/traces\?.*level=error/);
  await expect(rows(page).first().getByLabel("Bookmarked")).toBeVisible();
  await rows(page).nth(1).getByLabel("Select row").check();
  await rows(page).nth(2).getByLabel("Select row").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk.getByText("2 selected")).toBeVisible();
  await bulk.getByRole("button", { name: "★ Bookmark" }).click();
  await expect(rows(page).nth(1).getByLabel("Bookmarked")).toBeVisible();
  await expect(rows(page).nth(2).getByLabel("Bookmarked")).toBeVisible();

  await page.getByLabel("Bookmarked", { exact: true }).and(page.locator("select")).selectOption("true");
  await expect(page).toHaveURL(/bookmarked=true/);
  await expect(rows(page)).toHaveCount(3);
});

test("untrusted trace content is shown as text, never run", async ({ page, request }) => {
  const auth = `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}`;
  const payload = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>bold?</b>`;
  const res = await request.post("/api/public/traces", {
    headers: { authorization: auth },
    data: { name: "xss-probe", input: payload, output: payload, observations: [{ type: "generation", name: "llm", input: [{ role: "user", content: payload }], output: payload }] },
  });
  expect(res.status()).toBe(201);
  const { id } = await res.json();

  await signIn(page);
  await page.goto(`/demo/traces/${id}`);
  await expect(page.getByRole("heading", { name: "xss-probe" })).toBeVisible();
  await expect(page.getByText(payload).first()).toBeVisible();
  await page.getByRole("treeitem").filter({ hasText: "llm" }).click();
  await expect(page.getByRole("article", { name: "Observation detail" }).getByText(payload).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("b", { hasText: "bold?" })).toHaveCount(0);
});

test("an unknown trace is a 404 inside the app shell", async ({ page }) => {
  await signIn(page);
  const res = await page.goto("/demo/traces/does-not-exist");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Trace not found")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Project" })).toBeVisible();
});

test("a trace of 2,000 observations with a 5 MB input stays usable", async ({ page, request }) => {
  const auth = { authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };
  const traceId = `big-${Date.now()}`;
  const t0 = Date.parse("2026-11-01T10:00:00Z");
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const big = "The quick brown fox jumps over the lazy dog. ".repeat(120_000); // ~5.4 MB
  const events = [
    { id: `${traceId}-t`, timestamp: at(0), type: "trace-create", body: { id: traceId, name: "big-trace", input: { document: big } } },
    ...Array.from({ length: 2000 }, (_, i) => ({
      id: `${traceId}-e${i}`,
      timestamp: at(i),
      type: i % 10 === 0 ? "generation-create" : "span-create",
      body: {
        id: `${traceId}-o${i}`,
        traceId,
        // ten levels deep, then siblings
        parentObservationId: i === 0 ? undefined : `${traceId}-o${i < 10 ? i - 1 : 9}`,
        name: `step-${i}`,
        startTime: at(i * 5),
        endTime: at(i * 5 + 40),
        ...(i % 10 === 0 ? { model: "gpt-4o-mini", usage: { input: 100, output: 10 } } : {}),
      },
    })),
  ];
  for (let i = 0; i < events.length; i += 500) {
    const res = await request.post("/api/public/ingestion", { headers: auth, data: { batch: events.slice(i, i + 500) } });
    expect(res.status()).toBe(207);
    expect((await res.json()).errors).toEqual([]);
  }

  await signIn(page);
  const started = Date.now();
  await page.goto(`/demo/traces/${traceId}`);
  await expect(page.getByRole("heading", { name: "big-trace" })).toBeVisible();
  // the tree is windowed: far fewer rows in the DOM than observations
  await expect(page.getByRole("treeitem").first()).toBeVisible();
  expect(await page.getByRole("treeitem").count()).toBeLessThan(200);
  // the 5 MB input is offered, not dumped into the page
  expect(await page.evaluate(() => document.body.innerText.length)).toBeLessThan(1_000_000);
  await page.getByRole("treeitem").filter({ hasText: "step-5" }).first().click();
  await expect(page.getByRole("article", { name: "Observation detail" }).getByText("step-5")).toBeVisible();
  expect(Date.now() - started).toBeLessThan(15_000);
});
