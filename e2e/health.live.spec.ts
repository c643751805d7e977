import { expect, test } from "@playwright/test";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { storageStateFor } from "./support";

let simulator: Simulator;

test.beforeAll(async () => {
  simulator = await startSimulator({
    controlPort: 4300,
    targets: [{ id: "absorb", kind: "absorb", port: 4301 }],
  });
});
test.afterAll(async () => simulator.stop());

test.use({ storageState: storageStateFor("lead") });

test("a fault injected in the simulator shows on the open overview without a reload, and pages after two failed checks", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Absorb e2e ${Date.now()}`;
  const created = await page.request.post("/api/v1/services", {
    data: {
      name,
      environment: "e2e",
      baseUrl: simulator.urlOf("absorb"),
      profile: "absorb",
      intervalSeconds: 10,
      timeoutSeconds: 3,
    },
  });
  expect(created.status()).toBe(201);
  const { service } = (await created.json()) as { service: { id: string } };

  await page.goto("/?environment=e2e");
  // A marker on window survives client updates but not a reload: it proves the page was never reloaded.
  await page.evaluate(() => Object.assign(window, { vigilNoReload: true }));
  const tile = page.locator(`[data-testid="service-tile"][data-service-name="${name}"]`);
  await expect(tile).toBeVisible();
  await expect(tile.getByTestId("tile-status")).toHaveText(/up/i, { timeout: 40_000 });

  await simulator.setBehaviour("absorb", { mode: "degraded", variant: "database-degraded" });
  await expect(tile.getByTestId("tile-status")).toHaveText(/degraded/i, { timeout: 25_000 });
  await expect(tile.getByTestId("tile-reason")).toContainText(/database degraded/i);

  await simulator.setBehaviour("absorb", { mode: "down" });
  await expect(tile.getByTestId("tile-status")).toHaveText(/down/i, { timeout: 25_000 });
  await expect(tile.getByTestId("tile-reason")).toContainText(/connection refused/i);
  await expect(page.getByTestId("alert-banner")).toContainText(name, { timeout: 25_000 });
  expect(
    await page.evaluate(() => (window as unknown as { vigilNoReload?: boolean }).vigilNoReload),
  ).toBe(true);

  await simulator.setBehaviour("absorb", { mode: "healthy" });
  await page.goto(`/services/${service.id}`);
  await expect(page.getByTestId("latency-chart")).toBeVisible();
  await expect(page.getByTestId("uptime-bars")).toBeVisible();
  await expect(page.getByTestId("check-history")).toContainText(/connection refused/i);
});

test("a viewer can read a service but not check it now; a lead's bad input gets field errors", async ({
  page,
  browser,
}) => {
  const bad = await page.request.post("/api/v1/services", {
    data: {
      name: "",
      baseUrl: "http://169.254.169.254",
      profile: "nope",
      intervalSeconds: 5,
      timeoutSeconds: 60,
    },
    failOnStatusCode: false,
  });
  expect(bad.status()).toBe(422);
  const fields = Object.keys(
    ((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields,
  );
  expect(fields).toEqual(
    expect.arrayContaining(["name", "baseUrl", "profile", "intervalSeconds", "timeoutSeconds"]),
  );

  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const services = await viewer.request.get("/api/v1/services");
  const first = ((await services.json()) as { services: Array<{ id: string }> }).services[0];
  if (first) {
    const refused = await viewer.request.post(`/api/v1/services/${first.id}/check`, {
      failOnStatusCode: false,
    });
    expect(refused.status()).toBe(403);
  }
  await viewer.close();
});
