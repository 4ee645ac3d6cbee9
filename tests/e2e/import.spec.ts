import path from "node:path";
import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { databaseTarget } from "@/lib/db/url";
import { signIn } from "./sign-in";

// Importing a small JSONL file into a dataset: the preview shows the rows as
// they will be stored and each bad row's error, the import runs as a job with
// progress, and the result counts what was created and what failed.
test("import a JSONL file: preview with errors, progress, result", async ({ page }) => {
  // No dataset UI on this branch to make one with: the row is written straight to the server's file.
  const db = createDb(databaseTarget(`file:${path.join(process.env.LOUPE_E2E_DIR!, "loupe.db")}`));
  const ds = await db.dataset.create({
    data: { projectId: "demo", name: `imported ${Date.now()}`, inputSchema: { type: "object", required: ["question"] } },
  });
  await db.$disconnect();

  await signIn(page);
  await page.goto(`/demo/datasets/${ds.id}/import`);
  await expect(page.getByRole("heading", { name: "Import items" })).toBeVisible();
  await expect(page.getByText("Choose a file to see its columns")).toBeVisible();

  const lines = [
    { input: { question: "What is 2+2?" }, expectedOutput: "4", metadata: { topic: "math" } },
    "{oops",
    { input: { prompt: "no question key" }, expectedOutput: "x" },
    { input: { question: "Capital of France?" }, expectedOutput: "Paris" },
  ];
  const body = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
  await page.getByLabel("File").setInputFiles({ name: "items.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(body) });

  const preview = page.locator("table.import-preview");
  await expect(preview.getByRole("row")).toHaveCount(5);
  await expect(page.getByLabel("Input column")).toHaveValue("input");
  await expect(page.getByLabel("Expected output column")).toHaveValue("expectedOutput");
  await expect(preview.getByRole("row").nth(1)).toContainText('{"question":"What is 2+2?"}');
  await expect(preview.getByRole("row").nth(2)).toContainText("row 2: not valid JSON");
  await expect(preview.getByRole("row").nth(3)).toContainText("row 3: input: does not match the dataset's schema");
  await expect(page.getByText("2 with errors")).toBeVisible();
  await page.screenshot({ path: "/tmp/io-import-preview.png", fullPage: true });

  await page.getByLabel("Import the valid rows, list the others").check();
  await page.getByRole("button", { name: "Import items.jsonl" }).click();
  const progress = page.locator(".job-progress");
  await expect(progress).toHaveAttribute("data-job-status", "DONE", { timeout: 30_000 });
  await expect(progress).toContainText("2 created, 0 updated, 2 failed.");
  await progress.getByText("2 failures").click();
  await expect(progress).toContainText("row 2: not valid JSON");
  await expect(progress).toContainText("row 3: input: does not match the dataset's schema");
  await page.screenshot({ path: "/tmp/io-import-done.png", fullPage: true });
});
