import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { storageStateFor, withRole } from "./support";

// Ports of their own (the e2e allow-list covers 127.0.0.1:4300-4399), so no other spec's simulator collides.
const controlPort = 4370;
const run = Date.now();
const serviceName = `MCP handoff ${run}`;
const contactName = `Ada Escalation ${run}`;
const contactPhone = "+44 20 7946 0000";
const injection = "<img src=x onerror=alert(1)>";

let simulator: Simulator;
let serviceId = "";

/** "2026-11-28T07:14": what a datetime-local input takes, in UTC. */
const utcInput = (ms: number) =>
  new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 16);
const utcText = (input: string) => `${input.slice(0, 10)} ${input.slice(11, 16)} UTC`;

test.beforeAll(async ({ browser }) => {
  simulator = await startSimulator({
    controlPort,
    targets: [{ id: "mcp", kind: "mcp", port: controlPort + 1 }],
  });
  await withRole(browser, "lead", async (lead) => {
    const created = await lead.request.post("/api/v1/services", {
      data: {
        name: serviceName,
        environment: "production",
        baseUrl: simulator.urlOf("mcp"),
        profile: "holoscript_mcp",
        intervalSeconds: 300,
        timeoutSeconds: 3,
      },
    });
    expect(created.status()).toBe(201);
    serviceId = ((await created.json()) as { service: { id: string } }).service.id;
    expect((await lead.request.post(`/api/v1/services/${serviceId}/check`)).status()).toBeLessThan(
      300,
    );
  });
});

test.afterAll(async ({ browser }) => {
  // Disabled rather than deleted: the handoff and the deploy keep naming it, and a stopped simulator pages nobody.
  if (serviceId) {
    await withRole(browser, "lead", async (lead) => {
      const current = await lead.request.get(`/api/v1/services/${serviceId}`);
      if (!current.ok()) return;
      const { service } = (await current.json()) as { service: { version: number } };
      await lead.request.patch(`/api/v1/services/${serviceId}`, {
        data: { version: service.version, enabled: false },
      });
    });
  }
  await simulator?.stop();
});

test("an outgoing on-call writes a complete handoff from live data; the incoming on-call acknowledges it", async ({
  browser,
}) => {
  test.setTimeout(120_000);

  // The admin keeps the escalation contacts list in Settings.
  await withRole(browser, "admin", async (admin) => {
    await admin.goto("/settings");
    await admin.getByRole("link", { name: /On-call/ }).click();
    await admin.waitForURL("/settings/on-call");
    await expect(admin.getByTestId("on-call-time")).toHaveValue(/^\d{2}:\d{2}$/);
    const add = admin.getByTestId("escalation-contact-add");
    await add.getByTestId("escalation-contact-name").fill(contactName);
    await add.getByTestId("escalation-contact-contact").fill(contactPhone);
    await add.getByRole("button", { name: "Add contact" }).click();
    await expect(admin.getByTestId("escalation-contact-added")).toContainText(contactName);
    await expect(
      admin.locator(`[data-testid="escalation-contact"][data-name="${contactName}"]`),
    ).toBeVisible();
  });

  // Live data: an open incident, declared through the API, and a deploy in flight, recorded as CI would.
  const context = await browser.newContext({ storageState: storageStateFor("responder") });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    const declared = await page.request.post("/api/v1/incidents", {
      data: { title: `Handoff e2e incident ${run}`, severity: "sev2", serviceIds: [serviceId] },
      headers: { "Idempotency-Key": `e2e-handoff-${randomUUID()}` },
    });
    expect(declared.status()).toBe(201);
    const incident = ((await declared.json()) as { incident: { id: string; number: number } })
      .incident;
    const services = (await (await page.request.get("/api/v1/services")).json()) as {
      services: Array<{ id: string; name: string }>;
    };
    const service = services.services.find((candidate) => candidate.id === serviceId);
    expect(service?.name).toBe(serviceName);
    const deployed = await page.request.post("/api/v1/deploys", {
      data: { service: serviceName, version: "v9.9.9", status: "started" },
      headers: { "Idempotency-Key": `e2e-handoff-${randomUUID()}` },
    });
    expect(deployed.status()).toBe(201);

    await page.goto("/handoffs");
    const form = page.getByTestId("handoff-form");
    const preview = page.getByTestId("handoff-preview");
    await expect(preview).toContainText(
      /^Window: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC – \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n/,
    );
    await expect(preview).toContainText(
      `INC-${incident.number} SEV2 Investigating “Handoff e2e incident ${run}”`,
    );
    await expect(preview).toContainText(
      `In-flight deploys: ${serviceName} v9.9.9 by E2E responder since`,
    );
    await expect(
      form.getByTestId("handoff-incident").and(page.locator(`[data-number="${incident.number}"]`)),
    ).toBeVisible();
    await expect(form.getByTestId("handoff-deploy").filter({ hasText: serviceName })).toContainText(
      "v9.9.9",
    );
    // The outgoing on-call is whoever is signed in.
    await expect(form.getByTestId("handoff-outgoing").locator("option:checked")).toHaveText(
      "E2E responder",
    );

    // Services owned: all checked, each with its state; keep only ours so the text does not depend on other specs' services.
    const ours = form.locator(
      `[data-testid="handoff-service"][data-service-name="${serviceName}"]`,
    );
    await expect(ours.getByRole("checkbox")).toBeChecked();
    await expect(ours.getByTestId("handoff-service-status")).toHaveText("Up");
    for (const other of await form.getByTestId("handoff-service").all()) {
      if ((await other.getAttribute("data-service-name")) !== serviceName)
        await other.getByRole("checkbox").uncheck();
    }
    await expect(preview).toContainText(`Services owned: ${serviceName} (up)\n`);

    // A window that started two hours ago, entered in UTC.
    const start = utcInput(Date.now() - 2 * 3_600_000);
    const end = utcInput(Date.now() + 22 * 3_600_000);
    await form.getByTestId("handoff-window-start").fill(start);
    await form.getByTestId("handoff-window-end").fill(end);
    await expect(preview).toContainText(`Window: ${utcText(start)} – ${utcText(end)}\n`);
    await expect(form.locator("#handoff-window-start-hint")).toHaveText(utcText(start));

    // Known risks: a plain one and an injection payload, which stays text.
    await form.getByTestId("handoff-risk-add").click();
    await form.getByTestId("handoff-risk-input").last().fill(`DB migration tonight ${run}`);
    await form.getByTestId("handoff-risk-add").click();
    await form.getByTestId("handoff-risk-input").last().fill(injection);
    await form.getByTestId("handoff-manual-deploy-add").click();
    await form
      .getByTestId("handoff-manual-deploy-input")
      .last()
      .fill(`Studio v2.4.0 canary ${run}`);
    await expect(preview).toContainText(`Known risks: DB migration tonight ${run}; ${injection}\n`);
    await expect(preview).toContainText(`; Studio v2.4.0 canary ${run}\n`);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);

    // Nobody chosen as incoming: the server's answer lands under that field, and nothing is created.
    await form.getByTestId("handoff-submit").click();
    await expect(form.locator("#handoff-incoming-error")).toHaveText(
      "Choose the incoming on-call.",
    );
    await expect(page).toHaveURL(/\/handoffs$/);
    await form.getByTestId("handoff-incoming").selectOption({ label: "E2E lead" });
    // Escalation: whatever was prefilled goes, the admin's contact is picked from the list.
    while ((await form.getByTestId("handoff-escalation-remove").count()) > 0)
      await form.getByTestId("handoff-escalation-remove").first().click();
    await expect(preview).toContainText("Escalation: none");
    await form
      .getByTestId("handoff-escalation-pick")
      .selectOption({ label: `${contactName} (${contactPhone})` });
    await expect(form.getByTestId("handoff-escalation-name")).toHaveValue(contactName);
    await expect(preview).toContainText(`Escalation: ${contactName} (${contactPhone})`);
    await form.getByTestId("handoff-notes").fill(`Pager is noisy ${run}`);
    await expect(preview).toContainText(new RegExp(`\\nNotes: Pager is noisy ${run}$`));
    const previewText = await preview.textContent();

    // A double click creates one handoff.
    await form.getByTestId("handoff-submit").dblclick();
    await page.waitForURL(/\/handoffs\/[0-9a-f-]{36}$/);
    const handoffPath = new URL(page.url()).pathname;
    const handoffId = handoffPath.split("/").at(-1) ?? "";
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Handoff HO-\d+$/);
    const number = Number(
      /HO-(\d+)/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")?.[1],
    );
    const storedText = page.getByTestId("handoff-text");
    await expect(storedText).toHaveText(previewText ?? "");
    await expect(storedText).toContainText(injection);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    const matching = (await (
      await page.request.get(`/api/v1/handoffs?q=${encodeURIComponent(contactName)}`)
    ).json()) as { handoffs: Array<{ id: string }> };
    expect(matching.handoffs.map((handoff) => handoff.id)).toEqual([handoffId]);

    // Its window has started and nobody acknowledged it: flagged, here and in the header.
    await expect(page.getByTestId("handoff-overdue")).toContainText(
      `Not acknowledged — window started ${utcText(start)}`,
    );
    await expect(page.getByTestId("on-call-name")).toHaveText("E2E lead");
    await expect(page.getByTestId("on-call-unacknowledged")).toBeVisible();
    // The outgoing on-call is not the one to acknowledge.
    await expect(page.getByTestId("handoff-acknowledge")).toHaveCount(0);
    await expect(page.getByTestId("handoff-awaiting")).toContainText("E2E lead");

    // Copy: the clipboard holds the stored template.
    await page.getByTestId("handoff-copy").click();
    await expect(page.getByTestId("handoff-copy")).toHaveText("Copied");
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard.startsWith("Window: ")).toBe(true);
    expect(clipboard).toBe(previewText);
    const api = (await (await page.request.get(`/api/v1/handoffs/${handoffId}`)).json()) as {
      handoff: { text: string };
    };
    expect(clipboard).toBe(api.handoff.text);

    // Download: Markdown, with the payload escaped.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("handoff-download").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`handoff-HO-${number}-${start.slice(0, 10)}.md`);
    const markdown = await readFile(await download.path(), "utf8");
    expect(markdown.startsWith(`# Handoff HO-${number}\n`)).toBe(true);
    expect(markdown).toContain(`INC-${incident.number}`);
    expect(markdown).toContain("\\<img src=x onerror=alert(1)>");
    expect(markdown).not.toMatch(/(^|[^\\])<img/m);

    // History: searchable, flagged.
    await page.goto(`/handoffs?q=${encodeURIComponent(`DB migration tonight ${run}`)}`);
    const row = page.locator(`[data-testid="handoff-history-row"][data-number="${number}"]`);
    await expect(row).toHaveAttribute("data-overdue", "true");
    await expect(row).toContainText("E2E responder → E2E lead");
    await expect(row.getByTestId("handoff-overdue")).toBeVisible();
    await expect(page.getByTestId("handoff-history-row")).toHaveCount(1);

    // A third person sees who must acknowledge, and no button.
    await withRole(browser, "admin", async (admin) => {
      await admin.goto(handoffPath);
      await expect(admin.getByTestId("handoff-text")).toHaveText(previewText ?? "");
      await expect(admin.getByTestId("handoff-acknowledge")).toHaveCount(0);
      await expect(admin.getByTestId("handoff-awaiting")).toContainText(
        "E2E lead acknowledges this handoff.",
      );
    });

    // The incoming on-call acknowledges: the time is shown, the flag goes, the header shows them on call.
    await withRole(browser, "lead", async (lead) => {
      await lead.goto(handoffPath);
      await expect(lead.getByTestId("handoff-overdue")).toBeVisible();
      await lead.getByTestId("handoff-acknowledge").click();
      await expect(lead.getByTestId("handoff-acknowledged")).toContainText(
        /Acknowledged \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC by E2E lead/,
      );
      await expect(lead.getByTestId("handoff-overdue")).toHaveCount(0);
      await expect(lead.getByTestId("handoff-acknowledge")).toHaveCount(0);
      await expect(lead.getByTestId("on-call")).toHaveAttribute("data-state", "acknowledged");
      await expect(lead.getByTestId("on-call-name")).toHaveText("E2E lead");
      await expect(lead.getByTestId("on-call-unacknowledged")).toHaveCount(0);
      await lead.goto("/");
      await expect(lead.getByTestId("on-call")).toHaveAttribute("href", handoffPath);
    });

    await page.goto(handoffPath);
    await expect(page.getByTestId("handoff-acknowledged")).toBeVisible();
    await expect(page.getByTestId("on-call-unacknowledged")).toHaveCount(0);
    expect(dialogs).toEqual([]);
  } finally {
    await context.close();
  }
});

test("on-call settings: a stale schedule save is refused with the current one; contacts are edited, ordered and removed", async ({
  browser,
}) => {
  const grace = `Grace Escalation ${run}`;
  await withRole(browser, "admin", async (first) => {
    const second = await first.context().newPage();
    await first.goto("/settings/on-call");
    await second.goto("/settings/on-call");
    const time = await first.getByTestId("on-call-time").inputValue();

    // Two admins opened the same version: the first save wins, the second is shown what it is now.
    await first.getByRole("button", { name: "Save schedule" }).click();
    await expect(first.getByTestId("on-call-schedule-saved")).toContainText(
      `Saved: shifts change daily at ${time} UTC.`,
    );
    await second.getByTestId("on-call-cadence").selectOption("weekly");
    await second.getByTestId("on-call-weekday").selectOption({ label: "Friday" });
    await second.getByRole("button", { name: "Save schedule" }).click();
    await expect(second.getByTestId("on-call-schedule-conflict")).toContainText(
      `it is now daily at ${time} UTC`,
    );
    await second.reload();
    await expect(second.getByTestId("on-call-cadence")).toHaveValue("daily");

    // A second contact: added at the end, edited, moved to the top, removed.
    const add = first.getByTestId("escalation-contact-add");
    await add.getByTestId("escalation-contact-name").fill(grace);
    await add.getByTestId("escalation-contact-contact").fill("@grace");
    await add.getByRole("button", { name: "Add contact" }).click();
    const row = first.locator(`[data-testid="escalation-contact"][data-name="${grace}"]`);
    await expect(row).toBeVisible();
    await expect(first.getByTestId("escalation-contact").last()).toHaveAttribute(
      "data-name",
      grace,
    );
    await row.getByTestId("escalation-contact-contact").fill("@grace-hopper");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByTestId("escalation-contact-saved")).toBeVisible();
    const positionOfGrace = async () =>
      (
        await first
          .getByTestId("escalation-contact")
          .evaluateAll((rows) => rows.map((element) => element.getAttribute("data-name")))
      ).indexOf(grace);
    for (let position = await positionOfGrace(); position > 0; position--) {
      await row.getByTestId("escalation-contact-up").click();
      await expect.poll(positionOfGrace).toBe(position - 1);
    }
    await first.reload();
    await expect(first.getByTestId("escalation-contact").first()).toHaveAttribute(
      "data-name",
      grace,
    );
    await expect(row.getByTestId("escalation-contact-contact")).toHaveValue("@grace-hopper");
    first.once("dialog", (dialog) => void dialog.accept());
    await row.getByTestId("escalation-contact-remove").click();
    await expect(row).toHaveCount(0);
    await expect(
      first.locator(`[data-testid="escalation-contact"][data-name="${contactName}"]`),
    ).toBeVisible();
  });
});

test("a viewer reads handoffs but gets no form, and the on-call settings are for admins", async ({
  browser,
}) => {
  await withRole(browser, "viewer", async (viewer) => {
    await viewer.goto("/handoffs");
    await expect(viewer.getByRole("heading", { level: 1, name: "Handoffs" })).toBeVisible();
    await expect(viewer.getByTestId("handoff-form")).toHaveCount(0);
    await expect(viewer.getByTestId("handoff-search")).toBeVisible();
    const refused = await viewer.goto("/settings/on-call");
    expect(refused?.status()).toBe(403);
  });
});

test("a lead orders the on-call rotation; the header, the settings page and the API give one answer", async ({
  browser,
}) => {
  await withRole(browser, "lead", async (lead) => {
    await lead.goto("/settings");
    await lead.getByRole("link", { name: /On-call/ }).click();
    await lead.waitForURL("/settings/on-call");
    // Leads edit the rotation only; the schedule and contacts stay with admins.
    await expect(lead.getByTestId("on-call-schedule-form")).toHaveCount(0);

    const members = () => lead.getByTestId("on-call-rotation-member").allInnerTexts();
    while ((await lead.getByTestId("on-call-rotation-member").count()) > 0) {
      await lead
        .getByTestId("on-call-rotation-member")
        .first()
        .getByRole("button", { name: /^Remove/ })
        .click();
    }
    for (const name of ["E2E responder", "E2E lead"]) {
      await lead.getByTestId("on-call-rotation-add").selectOption({ label: name });
      await lead.getByTestId("on-call-rotation-add-button").click();
    }
    await lead.getByRole("button", { name: "Move E2E lead up" }).click();
    expect((await members()).map((text) => text.split("\n").join(" "))).toEqual([
      expect.stringContaining("E2E lead"),
      expect.stringContaining("E2E responder"),
    ]);
    await lead.getByTestId("on-call-rotation-start").fill("2026-01-01T09:00");
    await lead.getByRole("button", { name: "Save rotation" }).click();
    await expect(lead.getByTestId("on-call-rotation-saved")).toContainText("2 in the rotation");

    await lead.reload();
    await expect(lead.getByTestId("on-call-rotation-member").first()).toContainText("E2E lead");
    await expect(lead.getByTestId("on-call-rotation-member").last()).toContainText("E2E responder");
    await expect(lead.getByTestId("on-call-rotation-start")).toHaveValue("2026-01-01T09:00");

    const api = (await (await lead.request.get("/api/v1/on-call")).json()) as {
      person: { name: string } | null;
      reason: string;
    };
    expect(api.person).not.toBeNull();
    await expect(lead.getByTestId("on-call-name")).toHaveText(api.person?.name ?? "");
    await expect(lead.getByTestId("on-call-now")).toContainText(api.reason);

    // Leave the rotation empty for the other specs.
    const { version } = (await (await lead.request.get("/api/v1/on-call/rotation")).json()) as {
      version: number;
    };
    expect(
      (
        await lead.request.put("/api/v1/on-call/rotation", { data: { rotation: [], version } })
      ).status(),
    ).toBe(200);
  });
});
