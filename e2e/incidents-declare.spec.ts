import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { storageStateFor, withRole } from "./support";

// Ports of their own (the e2e allow-list covers 127.0.0.1:4300-4399), so no other spec's simulator collides.
const controlPort = 4310;
const environment = "e2e-incidents";

let simulator: Simulator;
const run = Date.now();
const absorbName = `Absorb incidents ${run}`;
const studioName = `Studio incidents ${run}`;
const serviceIds: Record<"absorb" | "studio", string> = { absorb: "", studio: "" };
let pagedIncidentTitle = "";
const sev2Title = `Studio slow e2e ${run}`;

type ListedIncident = {
  id: string;
  title: string;
  severity: string;
  services: Array<{ id: string }>;
};

const asLead = <T>(browser: Browser, act: (request: APIRequestContext) => Promise<T>): Promise<T> =>
  withRole(browser, "lead", (page) => act(page.request));

async function incidentsTitled(
  request: APIRequestContext,
  title: string,
  serviceId: string,
): Promise<ListedIncident[]> {
  const response = await request.get(`/api/v1/incidents?service=${serviceId}&limit=500`);
  expect(response.status()).toBe(200);
  const { incidents } = (await response.json()) as { incidents: ListedIncident[] };
  return incidents.filter((incident) => incident.title === title);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  simulator = await startSimulator({
    controlPort,
    targets: [
      { id: "absorb", kind: "absorb", port: controlPort + 1 },
      { id: "studio", kind: "studio", port: controlPort + 2 },
    ],
  });
  await simulator.setBehaviour("absorb", { mode: "down" });
  await asLead(browser, async (request) => {
    for (const [key, name, profile] of [
      ["absorb", absorbName, "absorb"],
      ["studio", studioName, "studio"],
    ] as const) {
      const created = await request.post("/api/v1/services", {
        data: {
          name,
          environment,
          baseUrl: simulator.urlOf(key),
          profile,
          intervalSeconds: 10,
          timeoutSeconds: 3,
        },
      });
      expect(created.status()).toBe(201);
      serviceIds[key] = ((await created.json()) as { service: { id: string } }).service.id;
    }
  });
});

test.afterAll(async ({ browser }) => {
  // Disabled rather than deleted: the incidents keep naming them, and a stopped simulator pages nobody.
  await asLead(browser, async (request) => {
    for (const id of Object.values(serviceIds).filter(Boolean)) {
      const current = await request.get(`/api/v1/services/${id}`);
      if (!current.ok()) continue;
      const { service } = (await current.json()) as { service: { version: number } };
      await request.patch(`/api/v1/services/${id}`, {
        data: { version: service.version, enabled: false },
      });
    }
  });
  await simulator?.stop();
});

test.describe("as a responder", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("an alerting tile becomes a declared SEV1 in two clicks", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?environment=${environment}`);
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${absorbName}"]`);
    await expect(tile.getByTestId("paging-badge")).toBeVisible({ timeout: 60_000 });

    await tile.getByTestId("tile-declare").click();
    await page.waitForURL(/\/incidents\/new\?service=/);
    const title = page.getByRole("textbox", { name: "Title" });
    await expect(title).toHaveValue(new RegExp(`^${absorbName} down: `));
    await expect(page.getByTestId("severity-option-sev1").getByRole("radio")).toBeChecked();
    await expect(
      page
        .locator(`[data-testid="declare-service"][data-service-name="${absorbName}"]`)
        .getByRole("checkbox"),
    ).toBeChecked();
    await expect(page.getByRole("textbox", { name: "Summary" })).toHaveValue(
      /has been down since .* UTC: .*Monitoring: Alerting/,
    );
    pagedIncidentTitle = await title.inputValue();

    await page.getByRole("button", { name: "Declare", exact: true }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("incident-severity").first()).toHaveText("SEV1");

    const incidentId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const detail = await page.request.get(`/api/v1/incidents/${incidentId}`);
    expect(detail.status()).toBe(200);
    const { incident } = (await detail.json()) as {
      incident: { severity: string; title: string; services: Array<{ id: string; name: string }> };
    };
    expect(incident.severity).toBe("sev1");
    expect(incident.title).toBe(pagedIncidentTitle);
    expect(incident.services.map((service) => service.name)).toEqual([absorbName]);

    // Back on the overview, the open incident is the first thing the on-call sees, and it links to the incident.
    await page.goto(`/?environment=${environment}`);
    const banner = page.getByTestId("open-incidents-banner");
    await expect(banner.getByRole("link", { name: pagedIncidentTitle })).toHaveAttribute(
      "href",
      `/incidents/${incidentId}`,
    );
  });

  test("double-clicking Declare or submitting twice declares one incident, with every checked service", async ({
    page,
  }) => {
    await page.goto("/incidents/new");
    await page.getByRole("textbox", { name: "Title" }).fill(sev2Title);
    await page.getByTestId("severity-option-sev2").click();
    for (const name of [absorbName, studioName]) {
      await page
        .locator(`[data-testid="declare-service"][data-service-name="${name}"]`)
        .getByRole("checkbox")
        .check();
    }
    await page
      .getByRole("textbox", { name: "User impact" })
      .fill("Studio pages take 10 s to open.");
    await page.getByRole("button", { name: "Declare", exact: true }).dblclick();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const declared = await incidentsTitled(page.request, sev2Title, serviceIds.studio);
    expect(declared).toHaveLength(1);
    expect(declared[0]?.severity).toBe("sev2");
    expect(declared[0]?.services.map((service) => service.id).sort()).toEqual(
      [serviceIds.absorb, serviceIds.studio].sort(),
    );

    // Two submits before React can disable the button: the page's idempotency key makes the second a replay.
    const replayTitle = `Replayed declaration e2e ${run}`;
    await page.goto("/incidents/new");
    await page.getByRole("textbox", { name: "Title" }).fill(replayTitle);
    await page.getByTestId("severity-option-sev3").click();
    await page
      .locator(`[data-testid="declare-service"][data-service-name="${studioName}"]`)
      .getByRole("checkbox")
      .check();
    await page.getByTestId("declare-form").evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await expect
      .poll(
        async () => (await incidentsTitled(page.request, replayTitle, serviceIds.studio)).length,
      )
      .toBe(1);
  });

  test("the page of a down service offers Declare incident, pre-filled the same way; a healthy one does not", async ({
    page,
  }) => {
    await page.goto(`/services/${serviceIds.studio}`);
    await expect(page.getByTestId("service-status")).toHaveText(/up/i, { timeout: 20_000 });
    await expect(page.getByTestId("service-declare")).toHaveCount(0);

    await page.goto(`/services/${serviceIds.absorb}`);
    await page.getByTestId("service-declare").click();
    await page.waitForURL(`/incidents/new?service=${serviceIds.absorb}`);
    await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(pagedIncidentTitle);
    await expect(page.getByTestId("severity-option-sev1").getByRole("radio")).toBeChecked();
  });

  test("a missing title and severity come back as field errors, and nothing is declared", async ({
    page,
  }) => {
    await page.goto("/incidents/new");
    await page.getByRole("button", { name: "Declare", exact: true }).click();
    await expect(page.getByText("Give the incident a title.")).toBeVisible();
    await expect(page.getByText("Choose SEV1, SEV2 or SEV3.")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/incidents/new");
  });

  test("the list shows open incidents with their durations, and the severity filter hides the others", async ({
    page,
  }) => {
    await page.goto(`/incidents?service=${serviceIds.absorb}`);
    await expect(page.getByTestId("open-incident-count")).toHaveText(/^\d+\+? open$/);
    await expect(page.getByTestId("declare-incident")).toBeVisible();
    const rows = page.getByTestId("incident-row");
    await expect(rows.filter({ hasText: pagedIncidentTitle })).toHaveCount(1);
    await expect(rows.filter({ hasText: sev2Title })).toHaveCount(1);
    await expect(
      rows.filter({ hasText: sev2Title }).getByTestId("incident-duration"),
    ).toContainText(/\d+ min\s*running/);

    await page.getByLabel("Severity").selectOption("sev2");
    await page.getByTestId("incident-filters-apply").click();
    await page.waitForURL(/severity=sev2/);
    await expect(rows.filter({ hasText: pagedIncidentTitle })).toHaveCount(0);
    await expect(rows.filter({ hasText: sev2Title })).toHaveCount(1);
    for (const severity of await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute("data-severity")),
    )) {
      expect(severity).toBe("sev2");
    }
    await expect(page.getByLabel("Severity")).toHaveValue("sev2");
  });

  test("the report charts severities per month with a table of the same numbers", async ({
    page,
  }) => {
    await page.goto("/incidents/report");
    const table = page.getByTestId("report-severity-table");
    await expect(table).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(13);
    await expect(
      page.getByTestId("report-severity-chart").locator(".recharts-bar-rectangle").first(),
    ).toBeVisible();
    await expect(page.getByTestId("report-ttm")).toContainText("median");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the paging tile and the incidents but no way to declare, and /incidents/new is forbidden", async ({
    page,
  }) => {
    await page.goto(`/?environment=${environment}`);
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${absorbName}"]`);
    await expect(tile.getByTestId("paging-badge")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("tile-declare")).toHaveCount(0);

    await page.goto(`/services/${serviceIds.absorb}`);
    await expect(page.getByTestId("service-status")).toHaveText(/down/i);
    await expect(page.getByTestId("service-declare")).toHaveCount(0);

    await page.goto(`/incidents?service=${serviceIds.absorb}`);
    await expect(
      page.getByTestId("incident-row").filter({ hasText: pagedIncidentTitle }),
    ).toHaveCount(1);
    await expect(page.getByTestId("declare-incident")).toHaveCount(0);

    const response = await page.goto("/incidents/new");
    expect(response?.status()).toBe(403);
  });
});
