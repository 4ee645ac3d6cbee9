import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { createReceiver, type RunResult } from "../../scripts/experiment-receiver";
import { freePort } from "../support/server";
import { signIn } from "./sign-in";

// "Run experiment" from a dataset: without an endpoint the dialog says where to
// set one; Settings takes the receiver's URL and a generated secret (shown only
// as its last 4 characters once saved); the signed request reaches a receiver
// (started here) that runs the items through the SDK; a stopped receiver is
// shown as unreachable.
const auth = { authorization: `Basic ${Buffer.from("pk-lf-loupe-demo:sk-lf-loupe-demo").toString("base64")}` };
const shots = process.env.TRIGGER_SHOTS_DIR;

test("set the experiment endpoint, run an experiment from the dataset page, see the outcome", async ({ page, request, baseURL }) => {
  const name = `e2e-trigger-${Date.now().toString(36)}`;
  const ds = await request.post("/api/public/v2/datasets", { headers: auth, data: { name } });
  expect(ds.ok()).toBe(true);
  const datasetId = ((await ds.json()) as { id: string }).id;
  for (const [i, q] of ["2+2", "3+3", "capital of France"].entries()) {
    const item = await request.post("/api/public/dataset-items", { headers: auth, data: { datasetName: name, id: `${name}-${i}`, input: q, expectedOutput: String(i) } });
    expect(item.ok()).toBe(true);
  }
  if (shots) mkdirSync(shots, { recursive: true });

  await signIn(page);
  await page.goto(`/demo/datasets/${datasetId}`);
  await page.getByRole("button", { name: "Run experiment" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("This project has no experiment endpoint yet.")).toBeVisible();
  if (shots) await dialog.screenshot({ path: `${shots}/dialog-no-endpoint.png` });
  await dialog.getByRole("link", { name: "Set the endpoint in Settings" }).click();
  await expect(page).toHaveURL(/\/demo\/settings#experiment-endpoint$/);

  // Settings: a wrong URL is refused at its field; then the receiver's URL and a generated secret.
  const port = await freePort();
  const form = page.getByRole("form", { name: "Experiment endpoint" });
  await form.getByLabel("URL").fill("localhost:8787/run");
  await form.getByRole("button", { name: "Generate" }).click();
  await form.getByRole("button", { name: "Save endpoint" }).click();
  await expect(form.getByText("must start with http:// or https://")).toBeVisible();
  const url = `http://127.0.0.1:${port}/loupe/experiments`;
  await form.getByLabel("URL").fill(url);
  const secret = await form.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^lxs_[0-9a-f]{64}$/);
  await expect(form.getByText(/Copy the secret into your receiver now/)).toBeVisible();
  if (shots) await page.locator("#experiment-endpoint").screenshot({ path: `${shots}/settings-before-save.png` });
  await form.getByRole("button", { name: "Save endpoint" }).click();
  await expect(form.getByText(`Saved. “Run experiment” now sends to ${url}.`)).toBeVisible();
  await expect(form.getByLabel("Signing secret")).toHaveValue("");
  await expect(form.getByText(`••••${secret.slice(-4)}`).first()).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  if (shots) await page.locator("#experiment-endpoint").screenshot({ path: `${shots}/settings-saved.png` });

  // The receiver the team would run, on the port saved above.
  let ended!: (r: RunResult | Error) => void;
  const runEnded = new Promise<RunResult | Error>((r) => (ended = r));
  const receiver: Server = createReceiver({
    secret,
    langfuse: { publicKey: "pk-lf-loupe-demo", secretKey: "sk-lf-loupe-demo", baseUrl: baseURL! },
    onRunEnd: (r) => ended(r),
  });
  await new Promise<void>((r) => receiver.listen(port, "127.0.0.1", r));

  try {
    await page.goto(`/demo/datasets/${datasetId}`);
    await page.getByRole("button", { name: "Run experiment" }).click();
    const run = page.getByRole("form", { name: "Run experiment" });
    await expect(run.getByText(`Sends to ${url}`)).toBeVisible();
    await expect(run.getByLabel("Run name")).toHaveValue(/^run-\d{4}-\d{2}-\d{2}-\d{4}$/);
    await run.getByLabel("Run name").fill(`${name} nightly`);
    await run.getByLabel("Payload (JSON, optional)").fill("{model: m}");
    await run.getByLabel("Run name").focus();
    await expect(run.getByText(/is not valid JSON/)).toBeVisible();
    await run.getByLabel("Payload (JSON, optional)").fill('{"model": "m-2"}');
    await expect(run.getByText(/is not valid JSON/)).toHaveCount(0);
    await run.getByRole("button", { name: "Run experiment" }).click();
    const outcome = page.getByTestId("trigger-outcome");
    await expect(outcome).toContainText("Sent (202)");
    await expect(outcome.getByRole("link", { name: "Open the runs list" })).toHaveAttribute("href", `/demo/datasets/${datasetId}/runs`);
    if (shots) await page.getByRole("dialog").screenshot({ path: `${shots}/dialog-sent.png` });

    const result = await runEnded;
    if (result instanceof Error) throw result;
    expect(result).toMatchObject({ runName: `${name} nightly`, items: 3, linked: 3, failures: [] });
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }

  // The receiver is gone: the next request says so.
  await page.getByRole("form", { name: "Run experiment" }).getByRole("button", { name: "Run experiment" }).click();
  await expect(page.getByTestId("trigger-outcome")).toContainText(/Unreachable: .*ECONNREFUSED/);
  if (shots) await page.getByRole("dialog").screenshot({ path: `${shots}/dialog-unreachable.png` });

  // A receiver that fails: its status and the first lines of its answer, as text (never HTML).
  const failing = createServer((_req, res) => {
    res.writeHead(500, { "content-type": "text/html" });
    res.end(`<script>document.title="owned"</script>\nTraceback (most recent call last):\n  KeyError: 'model'\n${"more\n".repeat(40)}`);
  });
  await new Promise<void>((r) => failing.listen(port, "127.0.0.1", r));
  try {
    await page.getByRole("form", { name: "Run experiment" }).getByRole("button", { name: "Run experiment" }).click();
    const refused = page.getByTestId("trigger-outcome");
    await expect(refused).toContainText("Refused (500)");
    await expect(refused.locator("pre")).toContainText('<script>document.title="owned"</script>');
    await expect(refused.locator("pre")).toContainText("KeyError: 'model'");
    expect(await page.title()).not.toBe("owned");
    if (shots) await page.getByRole("dialog").screenshot({ path: `${shots}/dialog-refused.png` });
  } finally {
    await new Promise<void>((r) => failing.close(() => r()));
  }

  // The runs list shows what was started here (the page reads the requests and passes them), newest first.
  await page.goto(`/demo/datasets/${datasetId}/runs`);
  const recent = page.getByRole("table", { name: "Recent experiment requests" });
  await expect(recent.locator("tbody tr")).toHaveCount(3);
  await expect(recent.locator("tbody tr").nth(0)).toContainText("refused 500");
  await expect(recent.locator("tbody tr").nth(1)).toContainText("unreachable");
  await expect(recent.locator("tbody tr").nth(2)).toContainText("sent 202");
  await expect(page.getByRole("button", { name: "Run experiment" })).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/runs-recent.png`, fullPage: true });
});
