import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// A reviewer corrects an output on the trace view (Langfuse's CORRECTION score):
// the original beside an editable copy, a live diff, save; the correction shows
// in the score list as text; editing it keeps one correction.
test.describe.configure({ mode: "serial" });

const TRACE = "/demo/traces/demo-trace-5";

test("a reviewer writes a correction on the trace, sees the diff, saves and edits it", async ({ page }) => {
  await signIn(page);
  await page.goto(TRACE);
  const panel = page.getByRole("region", { name: "Trace scores and comments" });
  const corr = panel.getByTestId("correction");
  await expect(corr.getByTestId("correction-status")).toContainText("No correction yet");
  const box = corr.getByLabel("Corrected output");
  // Prefilled with the output as text: nothing changed yet, nothing to save.
  await expect(box).not.toHaveValue("");
  await expect(corr.getByText(/Same as the original output/)).toBeVisible();
  await expect(corr.getByRole("button", { name: "Save correction" })).toBeDisabled();

  // Untrusted text stays text: the markup shows in the diff, it is not rendered.
  await box.fill("Refunds take <b>5</b> business days.");
  const diff = corr.getByLabel("Changes");
  // A word diff: the added words are marked one run at a time.
  const added = async () => (await diff.locator("ins").allTextContents()).join(" ");
  await expect(diff.locator("ins").first()).toBeVisible();
  expect(await added()).toContain("<b>5</b>");
  expect(await added()).toContain("business");
  await expect(diff.locator("del")).not.toHaveCount(0);
  await expect(diff.locator("b")).toHaveCount(0);
  await corr.getByRole("button", { name: "Save correction" }).click();
  await expect(corr.getByTestId("correction-status")).toContainText("Saved by you");

  const scores = panel.getByRole("list", { name: "Scores" });
  const listed = scores.getByRole("listitem").filter({ hasText: "Correction" });
  await expect(listed.getByTestId("correction-text")).toHaveText("Refunds take <b>5</b> business days.");
  await expect(listed).toContainText("human");
  await page.screenshot({ path: "/tmp/correction-trace.png", fullPage: true });

  // Edit it: the same correction, rewritten.
  await box.fill("Refunds take 5 to 7 business days.");
  await expect.poll(added).toContain("5 to 7");
  await corr.getByRole("button", { name: "Save correction" }).click();
  await expect(listed.getByTestId("correction-text")).toHaveText("Refunds take 5 to 7 business days.");
  await expect(scores.getByRole("listitem").filter({ hasText: "Correction" })).toHaveCount(1);

  // After a reload the editor starts from the saved correction.
  await page.reload();
  await expect(page.getByRole("region", { name: "Trace scores and comments" }).getByLabel("Corrected output")).toHaveValue("Refunds take 5 to 7 business days.");
});

test("a selected observation has its own correction", async ({ page }) => {
  await signIn(page);
  await page.goto(TRACE);
  await page.getByRole("treeitem").nth(1).click();
  const obsPanel = page.getByRole("region", { name: "Observation scores and comments" });
  const corr = obsPanel.getByTestId("correction");
  await expect(corr.getByTestId("correction-status")).toContainText("No correction yet");
  await corr.getByLabel("Corrected output").fill("the corrected step output");
  await corr.getByRole("button", { name: "Save correction" }).click();
  await expect(obsPanel.getByRole("list", { name: "Scores" }).getByTestId("correction-text")).toHaveText("the corrected step output");
  // The trace's correction is untouched.
  await expect(page.getByRole("region", { name: "Trace scores and comments" }).getByTestId("correction-text")).toHaveText("Refunds take 5 to 7 business days.");

  // Clear it: the editor starts from the output again.
  page.once("dialog", (d) => d.accept());
  await corr.getByRole("button", { name: "Clear correction" }).click();
  await expect(corr.getByTestId("correction-status")).toContainText("No correction yet");
  await expect(obsPanel.getByTestId("correction-text")).toHaveCount(0);
});
