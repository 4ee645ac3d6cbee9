import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

// One reviewer's path: define what to score, score and comment on a session and
// a trace, queue sessions, and work through the queue with the keyboard.
test.describe.configure({ mode: "serial" });

test("create score configs in settings", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/settings");
  const form = page.getByRole("form", { name: "New score config" });
  await form.getByLabel("Name").fill("verdict");
  await form.getByLabel("Type").selectOption("CATEGORICAL");
  await form.getByLabel("Category 1 label").fill("good");
  await form.getByLabel("Category 1 value").fill("1");
  await form.getByLabel("Category 2 label").fill("bad");
  await form.getByLabel("Category 2 value").fill("0");
  await form.getByRole("button", { name: "Create score config" }).click();
  const configs = page.getByRole("table", { name: "Score configs" });
  await expect(configs.getByRole("row", { name: /verdict/ })).toContainText("good (1), bad (0)");

  await form.getByLabel("Name").fill("rating");
  await form.getByLabel("Min").fill("1");
  await form.getByLabel("Max").fill("5");
  await form.getByRole("button", { name: "Create score config" }).click();
  await expect(configs.getByRole("row", { name: /rating/ })).toContainText("1 … 5");

  // names are unique
  await form.getByLabel("Name").fill("rating");
  await form.getByRole("button", { name: "Create score config" }).click();
  await expect(form.getByText(/already exists/)).toBeVisible();
});

test("score and comment on a session, then queue it", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/sessions");
  await page.getByRole("link", { name: /^demo-session-/ }).first().click();
  await expect(page.getByRole("list", { name: "Conversation" })).toBeVisible();
  const panel = page.getByTestId("annotation-panel");

  const scoreForm = panel.getByRole("form", { name: "Add score" });
  await scoreForm.getByLabel("Score config").selectOption({ label: "rating" });
  // out of range: the browser refuses it before the server would
  await scoreForm.locator("input[name=value]").fill("9");
  expect(await scoreForm.locator("input[name=value]").evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
  await scoreForm.locator("input[name=value]").fill("4");
  await scoreForm.getByLabel("Score comment").fill("helpful overall");
  await scoreForm.getByRole("button", { name: "Save score" }).click();
  const rating = panel.getByRole("list", { name: "Scores" }).getByRole("listitem").filter({ hasText: "rating" });
  await expect(rating).toContainText("human");
  await expect(rating).toContainText("Demo reviewer");
  await expect(rating).toContainText("helpful overall");

  // edit it: a new value and comment
  await rating.getByRole("button", { name: "Edit rating" }).click();
  await rating.locator("input[type=number]").fill("5");
  await rating.getByLabel("Score comment").fill("very helpful");
  await rating.getByRole("button", { name: "Save" }).click();
  await expect(rating).toContainText("very helpful");
  await expect(rating.locator(".mono")).toHaveText("5");

  await panel.getByLabel("Comment", { exact: true }).fill("<script>alert(1)</script> check the refund policy");
  await panel.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(panel.getByRole("list", { name: "Comments" })).toContainText("<script>alert(1)</script> check the refund policy");

  // a queue to work through, then this session into it
  await page.goto("/demo/queues");
  await page.getByLabel("Name").fill("Support review");
  await page.getByRole("checkbox", { name: /verdict/ }).check();
  await page.getByRole("checkbox", { name: /rating/ }).check();
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page).toHaveURL(/\/demo\/queues\/[^/?]+/);

  await page.goBack();
  await page.goto("/demo/sessions");
  // bulk: the first three sessions of the table
  const boxes = page.getByRole("checkbox", { name: "Select row" });
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await page.getByRole("button", { name: "Add 3 to queue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 3 to Support review" })).toBeVisible();
});

test("a trace can be scored and commented on from its page", async ({ page }) => {
  await signIn(page);
  const res = await page.goto("/demo/traces/demo-trace-1");
  const panel = page.getByTestId("annotation-panel");
  test.skip(!res || res.status() !== 200 || !(await panel.isVisible()), "the trace page is not built yet");
  const scoreForm = panel.getByRole("form", { name: "Add score" });
  await scoreForm.getByLabel("Score config").selectOption({ label: "verdict" });
  await scoreForm.locator("select[name=value]").selectOption("bad");
  await scoreForm.getByRole("button", { name: "Save score" }).click();
  await expect(panel.getByRole("list", { name: "Scores" }).getByRole("listitem").filter({ hasText: "verdict" })).toContainText("bad");
  await panel.getByLabel("Comment", { exact: true }).fill("wrong order number");
  await panel.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(panel.getByRole("list", { name: "Comments" })).toContainText("wrong order number");
});

test("work through the queue with the keyboard", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/queues");
  await expect(page.getByRole("table", { name: "Queues" })).toContainText("0 / 3 done");
  await page.getByRole("link", { name: "Review", exact: true }).click();
  await expect(page).toHaveURL(/\?item=/);
  await expect(page.getByText("Item 1 of 3")).toBeVisible();
  await expect(page.getByLabel("Keyboard shortcuts")).toBeVisible();
  const first = page.url();

  // The queue asks for rating (numeric) then verdict (categorical). A digit on the active numeric
  // score focuses its field; Esc leaves it, j moves to verdict, 1 picks "good", Enter completes.
  await page.keyboard.press("4");
  await expect(page.getByLabel("rating value")).toBeFocused();
  await expect(page.getByLabel("rating value")).toHaveValue("4");
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await expect(page.getByRole("radio", { name: /good/ })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Item 2 of 3")).toBeVisible();

  // s skips item 2 → item 3; b goes back
  await page.keyboard.press("s");
  await expect(page.getByText("Item 3 of 3")).toBeVisible();
  await page.keyboard.press("b");
  await expect(page.getByText("Item 2 of 3")).toBeVisible();
  await page.keyboard.press("b");
  await expect(page.getByText("Item 1 of 3")).toBeVisible();
  expect(page.url()).toBe(first);
  // the completed item shows the scores given
  await expect(page.getByRole("radio", { name: /good/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByLabel("rating value")).toHaveValue("4");

  // c completes again (updating) and moves on; finish the rest
  await page.keyboard.press("c");
  await expect(page.getByText("Item 2 of 3")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("2");
  await expect(page.getByRole("radio", { name: /bad/ })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("c");
  await expect(page.getByText("Item 3 of 3")).toBeVisible();
  await page.keyboard.press("3");
  await expect(page.getByLabel("rating value")).toHaveValue("3");
  await page.getByLabel("rating value").press("Enter");
  await expect(page.getByText("All done")).toBeVisible();
  await expect(page.getByText("3 / 3 done")).toBeVisible();
  await expect(page.getByLabel("Done per reviewer")).toContainText("Demo reviewer: 3");
});
