import { expect, test } from "@playwright/test";
import { startTcpProxy, type TcpProxy } from "../test/tcp-proxy";
import { databaseProxyPort, proxiedDbBaseUrl, storageStateFor } from "./support";

// The server on proxiedDbBaseUrl reaches the e2e database only through this proxy (see playwright.config.ts).
let proxy: TcpProxy;

test.beforeAll(async () => {
  const database = new URL(process.env.VIGIL_E2E_DATABASE_URL ?? "");
  proxy = await startTcpProxy({
    targetHost: database.hostname,
    targetPort: Number(database.port || 5432),
    port: databaseProxyPort,
  });
});
test.afterAll(() => proxy.close());

test.use({ storageState: storageStateFor("viewer"), baseURL: proxiedDbBaseUrl });

test("a stalled database: pages answer 503 with the outage page and the API 503 'unavailable', both within 5 s; a cut too; then it recovers", async ({
  page,
  request,
}) => {
  const before = await page.goto("/services");
  expect(before?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Vigil can't reach its database" })).toHaveCount(
    0,
  );
  expect(
    (
      await request.get("/api/v1/services", {
        headers: {
          authorization: "Bearer vgl_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        },
        failOnStatusCode: false,
      })
    ).status(),
  ).toBe(401);

  proxy.stall();
  // A recent answer from the database is trusted for a second; wait it out.
  await page.waitForTimeout(1_200);
  let started = Date.now();
  const stalledPage = await page.goto("/services", { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(stalledPage?.status()).toBe(503);
  await expect(page.getByRole("heading", { name: "Vigil can't reach its database" })).toBeVisible();
  await expect(page.getByText("Health checks go on at every interval")).toBeVisible();

  started = Date.now();
  const stalledApi = await request.get("/api/v1/services", {
    headers: { authorization: "Bearer vgl_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    failOnStatusCode: false,
    timeout: 10_000,
  });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(stalledApi.status()).toBe(503);
  expect((await stalledApi.json()).error.code).toBe("unavailable");

  await proxy.cut();
  started = Date.now();
  const cutPage = await page.goto("/incidents", { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(cutPage?.status()).toBe(503);

  await proxy.pass();
  await expect(async () => {
    const after = await page.goto("/services");
    expect(after?.status()).toBe(200);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Vigil can't reach its database" })).toHaveCount(
    0,
  );
});
