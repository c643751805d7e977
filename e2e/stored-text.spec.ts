import { expect, test } from "@playwright/test";
import { inDatabase, storageStateFor } from "./support";

test.describe("text Postgres cannot store, typed into a form", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("a NUL in an incident's title is a field error on the form, not a crash", async ({
    page,
  }) => {
    await page.goto("/incidents/new");
    const title = page.getByRole("textbox", { name: "Title" });
    await title.fill("placeholder");
    await title.evaluate((input: HTMLInputElement) => {
      input.value = "API down\u0000 for everyone";
    });
    await page.getByTestId("severity-option-sev3").click();
    await page.getByRole("button", { name: "Declare", exact: true }).click();
    await expect(page.getByText(/Contains a NUL character/)).toBeVisible();
    await expect(page).toHaveURL(/\/incidents\/new/);
  });
});

test.describe("monitoring degraded by results that could not be stored", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the overview says how many results could not be stored and since when", async ({
    page,
  }) => {
    await inDatabase(
      `INSERT INTO "MonitorStatus" (id, "unstoredCount", "unstoredSince", "unstoredLastAt", "unstoredReason", "updatedAt")
       VALUES (1, 5, now() - interval '3 minutes', now(), 'the database refused a result: e2e', now())
       ON CONFLICT (id) DO UPDATE SET "unstoredCount" = 5, "unstoredSince" = now() - interval '3 minutes', "unstoredLastAt" = now(),
         "unstoredReason" = 'the database refused a result: e2e', "updatedAt" = now()`,
    );
    try {
      await page.goto("/");
      const banner = page.getByTestId("unstored-banner");
      await expect(banner).toContainText(
        "Monitoring is degraded: 5 check results could not be stored since",
      );
      await expect(banner).toContainText("the database refused a result: e2e");
    } finally {
      await inDatabase(
        `UPDATE "MonitorStatus" SET "unstoredCount" = 0, "unstoredSince" = NULL, "unstoredLastAt" = NULL, "unstoredReason" = NULL WHERE id = 1`,
      );
    }
  });
});

test.describe("an oversized server action", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("is answered 413 with the product's error shape, not Next.js' bare 500", async ({
    page,
  }) => {
    await page.goto("/incidents/new");
    const response = await page.request.post("/incidents/new", {
      headers: {
        "next-action": "0".repeat(42),
        "content-type": "text/plain;charset=UTF-8",
        origin: new URL(page.url()).origin,
      },
      data: "x".repeat(1536 * 1024),
      failOnStatusCode: false,
    });
    expect(response.status()).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toMatch(/too large to send .* the limit is 1024 KiB/);
  });
});
