import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./sign-in";

// The compare view end to end: a dataset of its own run twice through the
// public API (items, traces and scores by ingestion, run items linked as the
// SDKs do), one item regressing (match 1 → 0, its answer changed). The view
// marks the regression, diffs the output against the baseline, and filters
// to regressions only.
const AUTH = { Authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(path, { headers: AUTH, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
}

const ITEMS = [
  { id: "capital-fr", input: "What is the capital of France?", expected: "Paris is the capital of France." },
  { id: "capital-de", input: "What is the capital of Germany?", expected: "Berlin is the capital of Germany." },
  { id: "capital-it", input: { question: "Capital of Italy, as JSON" }, expected: { city: "Rome", country: "Italy" } },
];
const OUTPUTS: Record<string, Record<string, unknown>> = {
  v1: { "capital-fr": "Paris is the capital of France.", "capital-de": "Berlin is the capital of Germany.", "capital-it": { city: "Rome", country: "Italy" } },
  v2: { "capital-fr": "Lyon is the capital of France.", "capital-de": "Berlin is the capital of Germany.", "capital-it": { city: "Rome", country: "Italy", confidence: 0.9 } },
};

test("two runs with one regression: the compare view marks it, diffs the output and filters to it", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const name = `compare-e2e-${suffix}`;
  const dataset = await post(request, "/api/public/datasets", { name });
  const compareUrl = `/demo/datasets/${encodeURIComponent(String(dataset.id))}/compare`;
  await signIn(page);
  // Before any run: the empty state says how runs are made.
  await page.goto(compareUrl);
  await expect(page.getByText("No runs of this dataset yet")).toBeVisible();
  await expect(page.getByText("POST /api/public/dataset-run-items")).toBeVisible();
  await page.screenshot({ path: "/tmp/compare-e2e-empty.png" });

  for (const it of ITEMS) await post(request, "/api/public/dataset-items", { datasetName: name, id: `${it.id}-${suffix}`, input: it.input, expectedOutput: it.expected });
  // Dated before the demo's 14 days, and named after its scores ("correct", "helpfulness"), so
  // the specs that read the demo traces table still see only demo traces and score columns first.
  const t0 = Date.now() - 30 * 86_400_000;
  for (const run of ["v1", "v2"]) {
    const batch = ITEMS.flatMap((it, i) => {
      const trace = `${run}-${it.id}-${suffix}`;
      const output = OUTPUTS[run]![it.id];
      // Only the French answer is wrong in v2; the Italian one gained a key but still matches.
      const exact = run === "v2" && it.id === "capital-fr" ? 0 : 1;
      const start = new Date(t0 + i * 1000).toISOString();
      const end = new Date(t0 + i * 1000 + (run === "v1" ? 400 : 650)).toISOString();
      return [
        { id: `${trace}-t`, type: "trace-create", timestamp: start, body: { id: trace, name: "capital-agent", input: it.input, output } },
        { id: `${trace}-g`, type: "generation-create", timestamp: start, body: { id: `${trace}-gen`, traceId: trace, name: "answer", startTime: start, endTime: end, output } },
        { id: `${trace}-s`, type: "score-create", timestamp: end, body: { id: `${trace}-exact`, traceId: trace, name: "match", value: exact, dataType: "NUMERIC" } },
      ];
    });
    await post(request, "/api/public/ingestion", { batch });
    for (const it of ITEMS) await post(request, "/api/public/dataset-run-items", { runName: run, datasetItemId: `${it.id}-${suffix}`, traceId: `${run}-${it.id}-${suffix}` });
  }

  await page.goto(compareUrl);
  // The picker: newest two ticked, the older one as baseline.
  await expect(page.getByLabel("Compare v2")).toBeChecked();
  await expect(page.getByLabel("v1 as baseline")).toBeChecked();
  await page.screenshot({ path: "/tmp/compare-e2e-picker.png" });
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/runs=.*&baseline=/);

  const table = page.getByRole("table", { name: "Runs compared item by item" });
  await expect(table.locator("tbody tr")).toHaveCount(3);
  const v2Head = table.locator('th [data-run="v2"]');
  await expect(v2Head).toContainText("1 regression");
  await expect(v2Head).toContainText("0 improvements");
  const regressed = table.locator(`tr[data-item="capital-fr-${suffix}"]`);
  await expect(regressed).toHaveClass(/cmp-row-regression/);
  await expect(regressed.getByText("regression", { exact: true }).first()).toBeVisible();
  await expect(table.locator(`tr[data-item="capital-de-${suffix}"]`)).not.toHaveClass(/cmp-row-regression/);

  // The diff against the baseline: the changed word struck and inserted.
  await page.getByRole("link", { name: "Diff vs baseline" }).click();
  await expect(page).toHaveURL(/diff=baseline/);
  await expect(regressed.locator("del.diff-removed")).toHaveText("Paris");
  await expect(regressed.locator("ins.diff-added")).toHaveText("Lyon");
  await expect(table.locator(`tr[data-item="capital-de-${suffix}"]`)).toContainText("Same as baseline");
  // A JSON output is diffed key by key: the added key shows as inserted.
  await expect(table.locator(`tr[data-item="capital-it-${suffix}"] li.jdiff-added`)).toContainText("confidence");
  await page.screenshot({ path: "/tmp/compare-e2e-baseline.png", fullPage: true });

  // Against the expected output, the JSON item is diffed key by key.
  await page.getByRole("link", { name: "Diff vs expected" }).click();
  await expect(table.locator(`tr[data-item="capital-it-${suffix}"]`).getByText("Same as expected")).toHaveCount(1);
  await page.screenshot({ path: "/tmp/compare-e2e.png", fullPage: true });

  // A pass rule set in the editor lands in the URL: with none for match, nothing regresses.
  await page.getByText(/^Pass rules:/).click();
  await page.getByLabel("match", { exact: true }).fill("none");
  await page.getByRole("button", { name: "Apply pass rules" }).click();
  await expect(page).toHaveURL(/pass\.match=none/);
  await expect(v2Head).toContainText("0 regressions");
  await page.getByLabel("match", { exact: true }).fill("");
  await page.getByRole("button", { name: "Apply pass rules" }).click();
  await expect(v2Head).toContainText("1 regression");

  await page.getByRole("link", { name: "Regressions only" }).click();
  await expect(page).toHaveURL(/filter=regressions/);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-item", `capital-fr-${suffix}`);
  await expect(page.getByText("1 of 3 items")).toBeVisible();
});

// Bounded, word-level diffs: a multi-line answer shows the changed word only,
// an answer over 20,000 characters says it is too long to diff (shown cut),
// a long JSON object folds its unchanged keys; a link naming more than 10
// runs keeps 10 and says so.
test("diffs multi-line answers by word, refuses huge ones, folds unchanged keys, caps runs at 10", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const name = `compare-bounds-e2e-${suffix}`;
  const dataset = await post(request, "/api/public/datasets", { name });
  const compareUrl = `/demo/datasets/${encodeURIComponent(String(dataset.id))}/compare`;
  const wide = (city: string) => ({ ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${String(i).padStart(2, "0")}`, i])), city });
  const outputs: Record<string, Record<string, unknown>> = {
    b1: { prose: "The capital of France is Paris.\nIt lies on the Seine.\nAbout 2 million people live there.", huge: "word ".repeat(5000), wide: wide("Rome") },
    b2: { prose: "The capital of France is Lyon.\nIt lies on the Seine.\nAbout 2 million people live there.", huge: "other ".repeat(5000), wide: wide("Milan") },
  };
  for (const id of ["prose", "huge", "wide"]) await post(request, "/api/public/dataset-items", { datasetName: name, id: `${id}-${suffix}`, input: id, expectedOutput: outputs.b1![id] });
  const t0 = Date.now() - 30 * 86_400_000;
  const runIds: string[] = [];
  for (const run of ["b1", "b2"]) {
    const batch = Object.entries(outputs[run]!).map(([id, output], i) => ({
      id: `${run}-${id}-${suffix}-t`,
      type: "trace-create",
      timestamp: new Date(t0 + i * 1000).toISOString(),
      body: { id: `${run}-${id}-${suffix}`, name: "bounds-agent", output },
    }));
    await post(request, "/api/public/ingestion", { batch });
    for (const id of Object.keys(outputs[run]!)) runIds.push(String((await post(request, "/api/public/dataset-run-items", { runName: run, datasetItemId: `${id}-${suffix}`, traceId: `${run}-${id}-${suffix}` })).datasetRunId));
  }
  const [b1, b2] = [runIds[0]!, runIds.at(-1)!];
  await signIn(page);
  await page.goto(`${compareUrl}?runs=${b1},${b2}&baseline=${b1}&diff=baseline`);
  const table = page.getByRole("table", { name: "Runs compared item by item" });
  const prose = table.locator(`tr[data-item="prose-${suffix}"]`);
  await expect(prose.locator("del.diff-removed")).toHaveText("Paris");
  await expect(prose.locator("ins.diff-added")).toHaveText("Lyon");
  const huge = table.locator(`tr[data-item="huge-${suffix}"]`);
  await expect(huge.getByText(/Too long to diff \(30,000 characters\)/)).toBeVisible();
  await expect(huge.locator("del.diff-removed, ins.diff-added")).toHaveCount(0);
  const wideRow = table.locator(`tr[data-item="wide-${suffix}"]`);
  await expect(wideRow.locator("li.jdiff-changed")).toContainText("Milan");
  await expect(wideRow.locator("li.jdiff-collapsed")).toHaveText("… 18 unchanged keys");
  await page.screenshot({ path: "/tmp/compare-e2e-bounds.png", fullPage: true });

  const eleven = [b1, b2, ...Array.from({ length: 9 }, (_, i) => `gone-${i}`)];
  await page.goto(`${compareUrl}?runs=${eleven.join(",")}&baseline=${b1}`);
  await expect(page.getByText("at most 10 runs are compared at once: the first 10 of the 11 named are kept")).toBeVisible();
  await expect(page.getByText("8 runs of the link were left out")).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await page.screenshot({ path: "/tmp/compare-e2e-runs-cap.png" });
});
