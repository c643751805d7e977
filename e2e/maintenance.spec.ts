import { expect, test } from "@playwright/test";
import type { MaintenanceList } from "@/lib/maintenance/types";
import { checkedSimulatorTarget, storageStateFor } from "./support";

// Ports of their own inside the e2e allow-list (127.0.0.1:4300-4399), away from the other specs' simulators.
const controlPort = 4376;
const environment = "e2e-maintenance";
const serviceName = `Absorb maintenance ${Date.now()}`;

test.describe.configure({ mode: "serial" });

const absorb = checkedSimulatorTarget({
  controlPort,
  target: { id: "absorb", kind: "absorb" },
  service: {
    name: serviceName,
    environment,
    profile: "absorb",
    intervalSeconds: 10,
    timeoutSeconds: 3,
  },
});

test.describe("as a responder", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("opens a window from the form, the tile says until when instead of paging, and End now ends it", async ({
    page,
  }) => {
    await page.goto("/maintenance");
    const form = page.getByTestId("maintenance-form");
    // Field errors first: no service, no reason.
    await form.getByRole("button", { name: "Start maintenance window" }).click();
    await expect(form.getByText("Choose at least one service.")).toBeVisible();
    await expect(form.getByText("Say why (the reason shows on the tiles).")).toBeVisible();

    await form.getByLabel("Services").selectOption(absorb.serviceId);
    await form.getByTestId("maintenance-minutes").fill("45");
    await form.getByLabel("Reason").fill("Moltbook migration");
    await form.getByRole("button", { name: "Start maintenance window" }).click();
    await expect(page.getByTestId("maintenance-created")).toContainText(serviceName);
    const active = page
      .getByTestId("maintenance-active")
      .getByTestId("maintenance-row")
      .filter({ hasText: serviceName });
    await expect(active).toContainText("Moltbook migration");

    const list = (await (
      await page.request.get(`/api/v1/maintenance?service=${absorb.serviceId}`)
    ).json()) as MaintenanceList;
    const window = list.active[0];
    expect(window?.reason).toBe("Moltbook migration");
    // The tile names the day too when the window ends on another UTC day (a run near midnight).
    const end = window?.current?.end ?? "";
    const until = `${end.slice(0, 10) === new Date().toISOString().slice(0, 10) ? "" : `${end.slice(0, 10)} `}${end.slice(11, 16)} UTC`;

    // The service breaks during the window: the tile keeps its real status but says maintenance, not PAGING.
    await absorb.simulator.setBehaviour("absorb", { mode: "down" });
    await page.goto("/");
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${serviceName}"]`);
    await expect(tile.getByTestId("tile-maintenance")).toHaveText(`In maintenance until ${until}`);
    await expect(tile.getByTestId("maintenance-badge")).toBeVisible();
    await expect(tile).toHaveAttribute("data-status", "down", { timeout: 25_000 });
    await expect(tile.getByTestId("paging-badge")).toHaveCount(0);

    await page.goto(`/services/${absorb.serviceId}`);
    await expect(page.getByTestId("service-maintenance")).toContainText(
      `In maintenance until ${until}`,
    );

    await page.goto("/maintenance");
    await page
      .getByTestId("maintenance-active")
      .getByTestId("maintenance-row")
      .filter({ hasText: serviceName })
      .getByRole("button", { name: "End now" })
      .click();
    await expect(
      page
        .getByTestId("maintenance-recent")
        .getByTestId("maintenance-row")
        .filter({ hasText: serviceName }),
    ).toContainText("ended");
    await expect(
      page
        .getByTestId("maintenance-row")
        .filter({ hasText: "Moltbook migration" })
        .getByRole("button", { name: "End now" }),
    ).toHaveCount(0);

    await page.goto("/");
    await expect(tile.getByTestId("tile-maintenance")).toHaveCount(0);
    await absorb.simulator.setBehaviour("absorb", { mode: "healthy" });
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
