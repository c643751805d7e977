import { expect, test } from "@playwright/test";
import { emailFor, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("admin") });

test("an admin creates a token in Settings, sees it once, uses it, and revokes it", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/settings/tokens");
  const name = `e2e token ${Date.now()}`;
  await page.getByLabel(/name/i).first().fill(name);
  await page.getByRole("button", { name: /create/i }).click();
  const secret = (await page.getByTestId("token-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^vgl_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("Copy it now: Vigil stores only its hash.")).toBeVisible();

  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const me = await api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ email: emailFor("admin"), role: "admin" });

  await page.reload();
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);

  const row = page.getByRole("row", { name: new RegExp(name) });
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: /revoke/i }).click();
  await expect(row).toContainText(/revoked/i);

  const after = await api.get("/api/v1/me", { failOnStatusCode: false });
  expect(after.status()).toBe(401);
  await api.dispose();
});
