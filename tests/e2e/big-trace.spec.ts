import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// A 2,000-observation trace whose root span holds a 5 MB input, each other
// observation a few KB: the page ships summaries, the selected observation's
// IO comes with it (clipped when huge, whole on "Show all"), and every other
// observation's IO is loaded when selected.
test("a big trace: the tree, a selected observation's IO, a clipped 5 MB input shown whole on request", async ({ page, request }) => {
  const auth = { authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };
  const traceId = `huge-${Date.now()}`;
  const t0 = Date.parse("2026-11-02T10:00:00Z");
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const huge = "Every clause of the contract is quoted here. ".repeat(112_000); // ~5 MB
  const few = (i: number) => `payload ${i}: ${"lorem ipsum dolor sit amet ".repeat(80)}`; // ~2 KB
  const root = `${traceId}-o0`;
  const events = [
    { id: `${traceId}-t`, timestamp: at(0), type: "trace-create", body: { id: traceId, name: "huge-trace", input: { contract: huge } } },
    { id: `${traceId}-e0`, timestamp: at(0), type: "span-create", body: { id: root, traceId, name: "agent", startTime: at(0), endTime: at(20_000), input: { contract: huge }, output: { verdict: "fine" } } },
    ...Array.from({ length: 1999 }, (_, k) => {
      const i = k + 1;
      const gen = i % 4 === 1;
      return {
        id: `${traceId}-e${i}`,
        timestamp: at(i),
        type: gen ? "generation-create" : "span-create",
        body: {
          id: `${traceId}-o${i}`,
          traceId,
          parentObservationId: gen || i < 4 ? root : `${traceId}-o${i - (i % 4) + 1}`,
          name: gen ? `llm-${i}` : `tool-${i}`,
          startTime: at(i * 5),
          endTime: at(i * 5 + 40),
          input: { question: few(i) },
          output: { answer: `answer ${i}` },
          ...(gen ? { model: "gpt-4o-mini", usage: { input: 100, output: 10 } } : {}),
        },
      };
    }),
  ];
  // The request body limit is 10 MB: each 5 MB input in its own batch.
  const batches = [events.slice(0, 1), ...Array.from({ length: 8 }, (_, k) => events.slice(1 + k * 250, 1 + (k + 1) * 250))];
  for (const batch of batches) {
    const res = await request.post("/api/public/ingestion", { headers: auth, data: { batch } });
    expect(res.status()).toBe(207);
    expect((await res.json()).errors).toEqual([]);
  }

  await signIn(page);
  const html = await (await page.request.get(`/demo/traces/${traceId}?observation=${root}`)).text();
  // Two 5 MB inputs and 2,000 × 2 KB live in this trace; the page carries previews and summaries.
  expect(html.length).toBeLessThan(1_000_000);

  await page.goto(`/demo/traces/${traceId}?observation=${root}`);
  const tree = page.getByRole("tree", { name: "Observations" });
  await expect(tree.getByRole("treeitem").first()).toBeVisible();
  await expect(page.getByRole("tab", { name: /Tree/ })).toContainText("2000");
  const detail = page.getByRole("article", { name: "Observation detail" });
  await expect(detail.getByRole("heading", { name: "agent" })).toBeVisible();
  // The root's 5 MB input: its start as text and its size, the whole on request.
  const clipped = detail.getByRole("region", { name: "Input (clipped)" });
  await expect(clipped.getByText(/Every clause of the contract/)).toBeVisible();
  await expect(clipped.getByRole("button", { name: /^Show all \(4\.\d MB\)$/ })).toBeVisible();
  await expect(detail.getByText("fine")).toBeVisible();
  await clipped.getByRole("button", { name: /^Show all/ }).click();
  await expect(detail.getByRole("region", { name: "Input (clipped)" })).toHaveCount(0);
  await expect(detail.getByRole("button", { name: /show all \(4\.\d MB\)/ })).toBeVisible(); // the whole string, previewed by the JSON tree

  // Another observation's IO loads when it is selected, and the URL follows.
  await tree.getByRole("treeitem").filter({ hasText: "llm-1" }).first().click();
  await expect(detail.getByRole("heading", { name: "llm-1" })).toBeVisible();
  await expect(detail.getByText(/payload 1: lorem ipsum/)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`observation=${traceId}-o1$`));

  // The timeline draws the same rows.
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page.getByRole("listbox", { name: "Timeline" }).getByRole("option").first()).toBeVisible();
});
