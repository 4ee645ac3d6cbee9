import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./sign-in";

// A dataset run twice over the public API (traces with latency, cost and
// scores, each linked as a run item; a run-level score on the second run), then
// the runs list shows both with their figures and the trend chart, "compare
// selected" points at the compare view with the oldest run as baseline, and a
// run's page lists its items; deleting a run asks first.
const auth = { authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };

async function post(request: APIRequestContext, path: string, data: unknown, status: number) {
  const res = await request.post(path, { headers: auth, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
  return res.json();
}

test("runs list with figures and the trend, then a run's items", async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const datasetName = `e2e-runs-${tag}`;
  const dataset = await post(request, "/api/public/datasets", { name: datasetName }, 200);
  const items = [
    { id: `${tag}-q1`, input: { question: "What is 2+2?" }, expectedOutput: "4" },
    { id: `${tag}-q2`, input: { question: "Capital of France?" }, expectedOutput: "Paris" },
  ];
  for (const it of items) await post(request, "/api/public/dataset-items", { datasetName, ...it }, 200);

  // No runs yet: the page says how to make one.
  await signIn(page);
  const runsUrl = `/demo/datasets/${encodeURIComponent(dataset.id)}/runs`;
  await page.goto(runsUrl);
  await expect(page.getByText("No runs yet")).toBeVisible();
  await expect(page.getByText(`langfuse.dataset.get(${JSON.stringify(datasetName)})`)).toBeVisible();
  await expect(page.getByText("item.link(trace")).toBeVisible();
  await page.screenshot({ path: "/tmp/runs-e2e-empty.png", fullPage: true });

  // Two runs: v1 takes 200 ms an item, v2 100 ms; v2 answers the second question wrong.
  const at = new Date(Date.now() - 30 * 86_400_000);
  const iso = (ms: number) => new Date(at.getTime() + ms).toISOString();
  const runs = [
    { name: `v1-${tag}`, ms: 200, answers: ["4", "Paris"], acc: [1, 1] },
    { name: `v2-${tag}`, ms: 100, answers: ["4", "Lyon"], acc: [1, 0] },
  ];
  for (const run of runs) {
    const batch = items.flatMap((it, i) => {
      const traceId = `${run.name}-${it.id}`;
      const ev = (type: string, body: Record<string, unknown>) => ({ id: `${type}-${traceId}`, timestamp: iso(0), type, body });
      return [
        ev("trace-create", { id: traceId, name: "e2e-runs-agent", timestamp: iso(0), input: it.input, output: run.answers[i] }),
        ev("generation-create", { id: `${traceId}-gen`, traceId, name: "llm", startTime: iso(0), endTime: iso(run.ms), costDetails: { total: 0.002 } }),
        ev("score-create", { id: `${traceId}-acc`, traceId, name: "quality", value: run.acc[i], dataType: "NUMERIC" }),
      ];
    });
    await post(request, "/api/public/ingestion", { batch }, 207);
    for (const it of items) await post(request, "/api/public/dataset-run-items", { runName: run.name, runDescription: `release ${run.name}`, datasetItemId: it.id, traceId: `${run.name}-${it.id}` }, 200);
  }
  await post(request, "/api/public/scores", { name: "run_accuracy", value: 0.5, datasetRunId: (await runIdOf(request, datasetName, runs[1].name)), dataType: "NUMERIC" }, 200);

  await page.goto(runsUrl);
  await expect(page.getByRole("heading", { name: datasetName })).toBeVisible();
  const table = page.locator("table.table");
  const v1 = table.getByRole("row").filter({ hasText: runs[0].name });
  const v2 = table.getByRole("row").filter({ hasText: runs[1].name });
  await expect(v1).toContainText("200ms");
  await expect(v1).toContainText("$0.00400"); // total cost of two items at $0.002
  await expect(v2).toContainText("100ms");
  await expect(v2).toContainText("0.5");
  // The trend: a line per score, toggled from its legend.
  const chart = page.getByRole("figure", { name: "Scores across runs, oldest to newest" });
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  const accLegend = chart.getByRole("button", { name: "quality (avg)" });
  await accLegend.click();
  await expect(accLegend).toHaveAttribute("aria-pressed", "false");
  await accLegend.click();
  await page.screenshot({ path: "/tmp/runs-e2e-list.png", fullPage: true });

  // Sorted by average latency on the server: the URL carries it.
  await table.getByRole("columnheader", { name: "Avg latency" }).click();
  await expect(page).toHaveURL(/sort=avgLatency\.desc/);
  await expect(table.locator("tbody tr").first()).toContainText(runs[0].name);

  // Compare both: the oldest is the baseline.
  await v1.getByRole("checkbox", { name: "Select row" }).check();
  await v2.getByRole("checkbox", { name: "Select row" }).check();
  const compare = page.getByRole("link", { name: "Compare 2 runs" });
  const href = await compare.getAttribute("href");
  const q = new URL(href!, "http://x").searchParams;
  expect(q.get("runs")!.split(",")).toHaveLength(2);
  expect(q.get("baseline")).toBe(q.get("runs")!.split(",")[0]);

  // A run's page: its items with input, expected output, output and scores.
  await v2.getByRole("link", { name: runs[1].name }).click();
  await expect(page.getByRole("heading", { name: runs[1].name })).toBeVisible();
  const items2 = page.locator("table.table tbody tr");
  await expect(items2).toHaveCount(2);
  await expect(items2.nth(1)).toContainText("Capital of France?");
  await expect(items2.nth(1)).toContainText("Paris");
  await expect(items2.nth(1)).toContainText("Lyon");
  await expect(items2.nth(1)).toContainText("quality 0");
  await expect(page.getByText("run_accuracy (run)")).toBeVisible();
  // Just linked: the page is live and can be paused.
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Paused" })).toBeVisible();
  await page.screenshot({ path: "/tmp/runs-e2e-run.png", fullPage: true });
  await items2.nth(1).getByRole("link", { name: `${runs[1].name}-${items[1].id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/demo/traces/${runs[1].name}-${items[1].id}`));

  // Deleting a run asks first, then the list holds the other one only.
  await page.goto(runsUrl);
  await v1.getByRole("button", { name: `Delete run ${runs[0].name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete run ${runs[0].name}?` });
  await expect(confirm).toContainText("2 run items");
  await confirm.getByRole("button", { name: "Delete run" }).click();
  await expect(v1).toHaveCount(0);
  await expect(v2).toHaveCount(1);
});

async function runIdOf(request: APIRequestContext, datasetName: string, runName: string): Promise<string> {
  const res = await request.get(`/api/public/datasets/${encodeURIComponent(datasetName)}/runs/${encodeURIComponent(runName)}`, { headers: auth });
  expect(res.status()).toBe(200);
  return (await res.json()).id;
}
