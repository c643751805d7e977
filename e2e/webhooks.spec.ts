import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("adds a webhook and never sees its full URL again", async ({ page }) => {
    const token = `e2eSecret${Date.now()}`;
    const name = `e2e hook ${Date.now()}`;
    await page.goto("/settings/webhooks");
    const form = page.getByTestId("webhook-form");
    await form.getByLabel("Name").fill(name);
    await form
      .getByLabel("URL")
      .fill(`https://hooks.example.com/services/T0TEAM/B0HOOK/${token}?sig=${token}`);
    await form.getByLabel("Format").selectOption("slack");
    // Created disabled: other specs' incidents must not queue sends to a host that does not exist.
    await form.getByLabel("Enabled").uncheck();
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByTestId("webhook-saved")).toContainText(`Added ${name}`);
    await expect(form.getByLabel("URL")).toHaveValue("");

    const row = page.locator(`[data-testid="webhook-row"][data-webhook-name="${name}"]`);
    await expect(row.getByTestId("webhook-url")).toHaveText(
      "https://hooks.example.com/services/••••",
    );
    await expect(row.getByTestId("webhook-enabled")).toHaveText("disabled");
    expect(await page.content()).not.toContain(token);

    const list = await page.request.get("/settings/webhooks");
    expect(await list.text()).not.toContain(token);
    await row.getByRole("link", { name: /edit/i }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByTestId("webhook-form").getByLabel(/new url/i)).toHaveValue("");
    const detail = await page.request.get(page.url());
    expect(detail.status()).toBe(200);
    expect(await detail.text()).not.toContain(token);
    expect(await page.content()).not.toContain(token);

    await page.goto("/settings/webhooks");
    page.once("dialog", (dialog) => dialog.accept());
    await row.getByTestId("webhook-delete").click();
    await expect(row).toHaveCount(0);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("gets 403 on the webhook settings", async ({ page }) => {
    const response = await page.goto("/settings/webhooks");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  });
});
