import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support";

test.use({ storageState: storageStateFor("lead") });

const policyName = `E2E policy ${Date.now()}`;

test("a lead creates an escalation policy: an empty level is refused on that level, the saved policy is there after a reload", async ({ page }) => {
  await page.goto("/settings/on-call");
  await expect(page.getByTestId("escalation-policy-default").first()).toBeVisible();

  await page.getByTestId("escalation-policy-new").locator("summary").click();
  const form = page.getByTestId("escalation-policy-new-form");
  await form.getByTestId("escalation-policy-name").fill(policyName);
  await expect(form.getByTestId("escalation-level")).toHaveCount(3);
  await form.getByTestId("escalation-level-add").click();
  const added = form.getByTestId("escalation-level").nth(3);
  await added.getByTestId("escalation-level-delay").fill("15");
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(added.getByTestId("escalation-level-error")).toHaveText("A level needs at least one target.");
  await expect(form.getByTestId("escalation-level").nth(0).getByTestId("escalation-level-error")).toHaveCount(0);

  await added.getByTestId("escalation-level-leads").check();
  await added.getByTestId("escalation-level-person").selectOption({ label: "E2E responder" });
  await added.getByTestId("escalation-level-person-add").click();
  await expect(added.getByTestId("escalation-level-people")).toContainText("E2E responder");
  await form.getByTestId("escalation-policy-repeat").fill("2");
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(form.getByTestId("escalation-policy-saved")).toContainText(`Saved ${policyName}: 4 levels, repeated 2 times.`);

  await page.reload();
  const saved = page.locator(`[data-testid="escalation-policy"][data-name="${policyName}"]`);
  await expect(saved).toBeVisible();
  await expect(saved.getByTestId("escalation-policy-default")).toHaveCount(0);
  await saved.locator("summary").click();
  const levels = saved.getByTestId("escalation-level");
  await expect(levels).toHaveCount(4);
  await expect(levels.nth(3).getByTestId("escalation-level-delay")).toHaveValue("15");
  await expect(levels.nth(3).getByTestId("escalation-level-leads")).toBeChecked();
  await expect(levels.nth(3).getByTestId("escalation-level-onCall")).not.toBeChecked();
  await expect(levels.nth(3).getByTestId("escalation-level-people")).toContainText("E2E responder");
  await expect(saved.getByTestId("escalation-policy-repeat")).toHaveValue("2");

  // The API reads the same policy; then it goes, so other specs see only their own.
  const listed = (await (await page.request.get("/api/v1/escalation-policies")).json()) as { policies: { id: string | null; name: string; levels: unknown[] }[] };
  const policy = listed.policies.find((entry) => entry.name === policyName);
  expect(policy?.levels).toHaveLength(4);
  expect((await page.request.delete(`/api/v1/escalation-policies/${policy?.id}`)).status()).toBe(200);
});
