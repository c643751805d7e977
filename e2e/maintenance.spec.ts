import { expect, test, type Browser, type Page } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import type { MaintenanceList } from "@/lib/maintenance/schema";
import { startSimulator, type Simulator } from "@/lib/simulator/fleet";
import { storageStateFor } from "./support";

// Ports of their own inside the e2e allow-list (127.0.0.1:4300-4399), away from the other specs' simulators.
const controlPort = 4376;
const environment = "e2e-maintenance";
const serviceName = `Absorb maintenance ${Date.now()}`;

let simulator: Simulator;
let serviceId = "";

async function withRole<T>(browser: Browser, role: Role, act: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  try {
    return await act(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  simulator = await startSimulator({ controlPort, targets: [{ id: "absorb", kind: "absorb", port: controlPort + 1 }] });
  await withRole(browser, "lead", async (page) => {
    const created = await page.request.post("/api/v1/services", {
      data: { name: serviceName, environment, baseUrl: simulator.urlOf("absorb"), profile: "absorb", intervalSeconds: 10, timeoutSeconds: 3 },
    });
    expect(created.status()).toBe(201);
    serviceId = ((await created.json()) as { service: { id: string } }).service.id;
  });
});

test.afterAll(async ({ browser }) => {
  if (serviceId) {
    await withRole(browser, "lead", async (page) => {
      const current = await page.request.get(`/api/v1/services/${serviceId}`);
      if (!current.ok()) return;
      const { service } = (await current.json()) as { service: { version: number } };
      await page.request.patch(`/api/v1/services/${serviceId}`, { data: { version: service.version, enabled: false } });
    });
  }
  await simulator?.stop();
});

test.describe("as a responder", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("opens a window from the form, the tile says until when instead of paging, and End now ends it", async ({ page }) => {
    await page.goto("/maintenance");
    const form = page.getByTestId("maintenance-form");
    // Field errors first: no service, no reason.
    await form.getByRole("button", { name: "Start maintenance window" }).click();
    await expect(form.getByText("Choose at least one service.")).toBeVisible();
    await expect(form.getByText("Say why (the reason shows on the tiles).")).toBeVisible();

    await form.getByLabel("Services").selectOption(serviceId);
    await form.getByTestId("maintenance-minutes").fill("45");
    await form.getByLabel("Reason").fill("Moltbook migration");
    await form.getByRole("button", { name: "Start maintenance window" }).click();
    await expect(page.getByTestId("maintenance-created")).toContainText(serviceName);
    const active = page.getByTestId("maintenance-active").getByTestId("maintenance-row").filter({ hasText: serviceName });
    await expect(active).toContainText("Moltbook migration");

    const list = (await (await page.request.get(`/api/v1/maintenance?service=${serviceId}`)).json()) as MaintenanceList;
    const window = list.active[0];
    expect(window?.reason).toBe("Moltbook migration");
    const until = `${window?.current?.end.slice(11, 16)} UTC`;

    // The service breaks during the window: the tile keeps its real status but says maintenance, not PAGING.
    await simulator.setBehaviour("absorb", { mode: "down" });
    await page.goto("/");
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${serviceName}"]`);
    await expect(tile.getByTestId("tile-maintenance")).toHaveText(`In maintenance until ${until}`);
    await expect(tile.getByTestId("maintenance-badge")).toBeVisible();
    await expect(tile).toHaveAttribute("data-status", "down", { timeout: 25_000 });
    await expect(tile.getByTestId("paging-badge")).toHaveCount(0);

    await page.goto(`/services/${serviceId}`);
    await expect(page.getByTestId("service-maintenance")).toContainText(`In maintenance until ${until}`);

    await page.goto("/maintenance");
    await page.getByTestId("maintenance-active").getByTestId("maintenance-row").filter({ hasText: serviceName }).getByRole("button", { name: "End now" }).click();
    await expect(page.getByTestId("maintenance-recent").getByTestId("maintenance-row").filter({ hasText: serviceName })).toContainText("ended");
    await expect(page.getByTestId("maintenance-row").filter({ hasText: "Moltbook migration" }).getByRole("button", { name: "End now" })).toHaveCount(0);

    await page.goto("/");
    await expect(tile.getByTestId("tile-maintenance")).toHaveCount(0);
    await simulator.setBehaviour("absorb", { mode: "healthy" });
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the windows but no form and no End now", async ({ page }) => {
    await page.goto("/maintenance");
    await expect(page.getByRole("heading", { name: "Maintenance", exact: true })).toBeVisible();
    await expect(page.getByTestId("maintenance-form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "End now" })).toHaveCount(0);
  });
});
