import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// Settings → Retention: a bad value is refused at its field; a saved retention
// shows in the section's description and in the field after a reload; saving
// queues the first sweep, whose outcome shows as the last sweep; Run now
// queues another; emptying the field keeps traces forever again.
const shots = process.env.RETENTION_SHOTS_DIR;

test("set the project's retention in Settings, see it saved and swept, then keep traces forever again", async ({ page }) => {
  if (shots) mkdirSync(shots, { recursive: true });
  await signIn(page);
  await page.goto("/demo/settings#retention");
  const section = page.locator("#retention");
  const form = section.getByRole("form", { name: "Retention" });
  await expect(section.getByText(/Traces are kept forever/)).toBeVisible();
  if (shots) await section.screenshot({ path: `${shots}/retention-empty.png` });

  await form.getByLabel("Keep traces for (days)").fill("0");
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form.getByText("Keep traces at least 1 day")).toBeVisible();

  // 400 days: the demo's traces are all recent, so the sweep finds nothing to delete.
  await form.getByLabel("Keep traces for (days)").fill("400");
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form.getByText("Saved: traces older than 400 days are deleted daily.")).toBeVisible();
  await page.reload();
  await expect(section.getByLabel("Keep traces for (days)")).toHaveValue("400");
  await expect(section.getByText(/Traces older than 400 days \(by trace timestamp\) are deleted daily/)).toBeVisible();
  const last = section.getByLabel("Last sweep");
  await expect(last.getByText(/0 traces deleted: everything with a timestamp before .* \(older than 400 days\)/)).toBeVisible({ timeout: 30_000 });
  if (shots) await section.screenshot({ path: `${shots}/retention-saved.png` });

  // Run now asks first, then queues a new sweep (the one saving queued has finished).
  const firstSweep = await last.locator("[data-job-status]").getAttribute("data-job-status");
  expect(firstSweep).toBe("DONE");
  page.once("dialog", (d) => void d.accept());
  await section.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText("Delete traces past the project's retention").first()).toBeVisible();
  await expect(last.locator('[data-job-status="DONE"]')).toBeVisible({ timeout: 30_000 });

  await section.getByLabel("Keep traces for (days)").fill("");
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(section.getByText("Saved: traces are kept forever.")).toBeVisible();
  await expect(section.getByText(/Traces are kept forever/)).toBeVisible();
});
