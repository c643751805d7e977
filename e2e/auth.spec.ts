import { expect, test } from "@playwright/test";
import { e2ePassword, emailFor, expectSignedInAs, signIn, storageStateFor } from "./support";

test.describe("sign-in", () => {
  test("an unknown email and a wrong password get the same answer", async ({ page }) => {
    await signIn(page, "nobody-here@e2e.test", "whatever password 1");
    const unknown = await page.getByTestId("signin-error").textContent();
    await signIn(page, emailFor("viewer"), "wrong password 12345");
    const wrong = await page.getByTestId("signin-error").textContent();
    expect(unknown?.trim()).toBeTruthy();
    expect(wrong).toBe(unknown);
    await expect(page).toHaveURL(/\/signin/);
  });

  test("signs in, returns to the page asked for, and signs out", async ({ page, browser }) => {
    await page.goto("/settings/account");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Faccount/);
    await page.getByTestId("signin-email").fill(emailFor("responder"));
    await page.getByTestId("signin-password").fill(e2ePassword);
    await page.getByTestId("signin-submit").click();
    await page.waitForURL("/settings/account");
    await expectSignedInAs(page, "responder");
    await expect(page.getByTestId("current-user")).toContainText(emailFor("responder"));

    // Someone who copied the session cookie before the sign-out gets nothing with it afterwards.
    const copy = await browser.newContext();
    await copy.addCookies(await page.context().cookies());
    expect((await copy.request.get("/api/v1/me", { failOnStatusCode: false })).status()).toBe(200);

    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/signin/);
    await page.goto("/incidents");
    await expect(page).toHaveURL(/\/signin/);
    expect((await copy.request.get("/api/v1/me", { failOnStatusCode: false })).status()).toBe(401);
    await copy.close();
  });

  test("ignores a callbackUrl to another site", async ({ page }) => {
    await signIn(page, emailFor("viewer"), e2ePassword, "https://evil.example/steal");
    await page.waitForURL("/");
    expect(new URL(page.url()).host).toBe("127.0.0.1:3100");
  });
});

test.describe("roles", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a viewer sees the 403 page on an admin page and no admin links", async ({ page }) => {
    const response = await page.goto("/settings/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByRole("link", { name: /users/i })).toHaveCount(0);
  });

  test("a viewer is refused an admin API route", async ({ page }) => {
    const response = await page.request.get("/api/v1/tokens", { failOnStatusCode: false });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

test.describe("sessions", () => {
  test("a role change by an admin ends the user's open session on their next request", async ({
    browser,
  }) => {
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    const email = `session-${Date.now()}@e2e.test`;
    await adminPage.goto("/settings/users");
    const form = adminPage.getByTestId("create-user-form");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Session Test");
    await form.getByLabel("Password").fill(e2ePassword);
    await form.getByRole("button", { name: /add user/i }).click();
    const row = adminPage.getByTestId(`user-row-${email}`);
    await expect(row).toBeVisible();

    const user = await browser.newContext();
    const userPage = await user.newPage();
    await signIn(userPage, email, e2ePassword);
    await userPage.waitForURL("/");
    await expectSignedInAs(userPage, "viewer");

    await row.getByTestId("user-role-select").selectOption("responder");
    await row.getByTestId("user-role-save").click();
    await expect(
      adminPage.getByTestId(`user-row-${email}`).getByTestId("user-role-select"),
    ).toHaveValue("responder");
    // The select shows the new role before the server saved it: wait for the save, or the next request can race it.
    await expect(adminPage.getByTestId(`user-row-${email}`).getByRole("status")).toHaveText(
      "Saved",
    );

    await userPage.goto("/incidents");
    await expect(userPage).toHaveURL(/\/signin/);
    await admin.close();
    await user.close();
  });
});
