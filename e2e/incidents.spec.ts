import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { storageStateFor, withRole } from "./support";

// Ports of their own inside the e2e allow-list (127.0.0.1:4300-4399), away from the other specs' simulators.
const controlPort = 4330;
const run = Date.now();

type Incident = { id: string; number: number; version: number; severity: string; status: string };

async function declare(
  request: APIRequestContext,
  data: Record<string, unknown>,
): Promise<Incident> {
  const response = await request.post("/api/v1/incidents", {
    data,
    headers: { "Idempotency-Key": `e2e-incident-page-${randomUUID()}` },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { incident: Incident }).incident;
}

async function write(page: Page, text: string): Promise<void> {
  const input = page.getByTestId("timeline-input");
  await input.fill(text);
  await input.press("Enter");
}

const entry = (page: Page, text: string | RegExp) =>
  page.getByTestId("timeline-entry").filter({ hasText: text });

test.describe("the incident page", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("a responder and a lead on one incident see each other's entries live, without a reload", async ({
    page,
    browser,
  }) => {
    const incident = await declare(page.request, {
      title: `Live timeline e2e ${run}`,
      severity: "sev2",
    });
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");

    const leadContext = await browser.newContext({ storageState: storageStateFor("lead") });
    const lead = await leadContext.newPage();
    await lead.goto(`/incidents/${incident.id}`);
    await expect(lead.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
    // A marker on window survives client updates but not a reload: it proves neither page reloaded.
    for (const viewer of [page, lead])
      await viewer.evaluate(() => Object.assign(window, { vigilNoReload: true }));

    const fromResponder = `responder checked the Railway logs ${run}`;
    await write(page, fromResponder);
    await expect(page.getByTestId("timeline-input")).toHaveValue("");
    await expect(entry(lead, fromResponder)).toBeVisible({ timeout: 5_000 });
    await expect(entry(lead, fromResponder).getByTestId("entry-author")).toHaveText(
      "E2E responder",
    );

    const fromLead = `lead rolled back to the last green deployment ${run}`;
    await lead.getByTestId("entry-kind-picker").selectOption("rollback");
    await write(lead, fromLead);
    await expect(entry(page, fromLead)).toBeVisible({ timeout: 5_000 });
    await expect(entry(page, fromLead)).toHaveAttribute("data-kind", "rollback");
    // Newest first: the lead's entry sits above the responder's.
    await expect(page.getByTestId("timeline-entry").first()).toContainText(fromLead);

    for (const viewer of [page, lead])
      expect(
        await viewer.evaluate(
          () => (window as unknown as { vigilNoReload?: boolean }).vigilNoReload,
        ),
      ).toBe(true);
    await leadContext.close();
  });

  test("the scribe's slash commands change severity, status and commander; a bad one keeps the text", async ({
    page,
  }) => {
    const incident = await declare(page.request, {
      title: `Slash commands e2e ${run}`,
      severity: "sev3",
    });
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("incident-severity")).toHaveText("SEV3");

    // "/" anywhere on the page starts a command in the scribe's line.
    await page.getByTestId("incident-title").click();
    await page.keyboard.press("/");
    await expect(page.getByTestId("timeline-input")).toBeFocused();
    await expect(page.getByTestId("timeline-input")).toHaveValue("/");
    await page.keyboard.type("sev 1");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("incident-severity")).toHaveText("SEV1");
    await expect(page.getByTestId("timeline-input")).toHaveValue("");
    await expect(entry(page, "Severity changed from SEV3 to SEV1.")).toBeVisible();

    await write(page, "/status mitigated");
    await expect(page.getByTestId("incident-status")).toHaveText("Mitigated (monitoring)");
    await expect(
      page.getByTestId("runbook-step").and(page.locator('[data-step="mitigate"]')),
    ).toHaveAttribute("data-done", "true");

    await write(page, "/ic @lead");
    await expect(page.getByTestId("incident-commander")).toHaveText("E2E lead");
    await expect(entry(page, "Incident commander: E2E lead")).toBeVisible();

    await write(page, "/shrug everything");
    await expect(page.getByTestId("timeline-composer").getByRole("alert")).toContainText(
      "Unknown command /shrug",
    );
    await expect(page.getByTestId("timeline-input")).toHaveValue("/shrug everything");

    // A backdated action: when it happened and when it was written both show.
    await page.getByTestId("timeline-input").fill(`paged the database on-call ${run}`);
    await page.getByTestId("entry-kind-picker").selectOption("action");
    const earlier = new Date(Date.now() - 10 * 60_000).toISOString();
    await page.getByTestId("entry-happened-at").fill(earlier.slice(11, 19));
    await page.getByTestId("timeline-input").press("Enter");
    const backdated = entry(page, `paged the database on-call ${run}`);
    await expect(backdated).toHaveAttribute("data-kind", "action");
    await expect(backdated).toContainText(earlier.slice(11, 19));
    await expect(backdated.getByTestId("entry-recorded-at")).toBeVisible();

    // A correction is a new entry pointing at the original, which stays, marked.
    await backdated.getByTestId("entry-correct").click();
    await expect(page.getByTestId("composer-correcting")).toBeVisible();
    await write(page, `paged the network on-call, not the database ${run}`);
    const correction = entry(page, `paged the network on-call, not the database ${run}`);
    await expect(correction).toHaveAttribute("data-kind", "correction");
    const originalId = await backdated.getAttribute("data-entry-id");
    await expect(correction.getByTestId("entry-corrects")).toHaveText(`corrects #${originalId}`);
    await expect(backdated.getByTestId("entry-corrected-by")).toContainText("corrected by #");
  });

  test("resolving needs a root cause; a resolved SEV1 shows its postmortem draft and a SEV3 can start one", async ({
    page,
  }) => {
    const incident = await declare(page.request, { title: `Resolve e2e ${run}`, severity: "sev1" });
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("mitigate-first")).toBeVisible();
    await page.getByTestId("open-resolve").click();
    await page.getByTestId("resolve-submit").click();
    await expect(page.getByTestId("resolve-form")).toContainText(
      "Resolving needs a root-cause summary.",
    );
    await expect(page.getByTestId("incident-status")).toHaveText("Investigating");

    await page
      .getByTestId("resolve-root-cause")
      .fill("A bad deploy of the MCP server ran out of memory on boot.");
    await page
      .getByTestId("resolve-follow-ups")
      .fill("https://github.com/example/holoscript/issues/1\nRaise the memory limit");
    await page.getByTestId("resolve-submit").click();
    // Resolving a SEV1 leads straight into its postmortem.
    await page.waitForURL(/\/postmortems\/[0-9a-f-]{36}$/);
    const postmortemId = new URL(page.url()).pathname.split("/").pop();
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("incident-status")).toHaveText("Resolved");
    await expect(page.getByTestId("incident-root-cause")).toHaveText(
      "A bad deploy of the MCP server ran out of memory on boot.",
    );
    await expect(
      page
        .getByTestId("incident-follow-ups")
        .getByRole("link", { name: "https://github.com/example/holoscript/issues/1" }),
    ).toBeVisible();
    const postmortem = page.getByTestId("incident-postmortem");
    await expect(postmortem).toContainText("required");
    await expect(postmortem).toContainText("due");
    await expect(postmortem.getByRole("link")).toHaveAttribute(
      "href",
      `/postmortems/${postmortemId}`,
    );
    await expect(page.getByTestId("mitigate-first")).toHaveCount(0);
    await page.goto(`/postmortems?incident=${incident.id}`);
    await expect(page.getByTestId("postmortem-row")).toHaveCount(1);
    // Resolved just now: due at the end of the fifth business day after today, counted in business days.
    await expect(page.getByTestId("postmortem-due")).toContainText("due in 5 business days");
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("set-status-identified")).toHaveCount(0);
    await expect(page.getByTestId("reopen")).toBeVisible();

    const minor = await declare(page.request, {
      title: `Minor resolve e2e ${run}`,
      severity: "sev3",
    });
    await page.goto(`/incidents/${minor.id}`);
    await write(page, "/resolve the cache served a stale graph; purged it");
    await expect(page.getByTestId("incident-status")).toHaveText("Resolved");
    await expect(page.getByTestId("incident-root-cause")).toHaveText(
      "the cache served a stale graph; purged it",
    );
    // A SEV3 gets no draft on resolve; the button starts an optional one.
    const start = page.getByTestId("start-postmortem");
    await expect(start).toBeVisible();
    await start.click();
    await expect(page.getByTestId("incident-postmortem").getByRole("link")).toHaveAttribute(
      "href",
      /^\/postmortems\/[0-9a-f-]{36}$/,
    );
    await expect(page.getByTestId("incident-postmortem")).not.toContainText("required");
  });

  test("a change made on a stale version is refused with what changed, and can be re-applied", async ({
    page,
  }) => {
    const incident = await declare(page.request, {
      title: `Conflict e2e ${run}`,
      severity: "sev2",
    });
    // Without the live stream (and before the first poll) the page keeps showing the version it loaded.
    await page.route("**/api/v1/stream", (route) => route.abort());
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("incident-page")).toHaveAttribute(
      "data-version",
      String(incident.version),
    );

    const renamed = `Conflict e2e renamed ${run}`;
    const patched = await page.request.patch(`/api/v1/incidents/${incident.id}`, {
      data: { version: incident.version, title: renamed, severity: "sev1" },
    });
    expect(patched.status()).toBe(200);

    await page.getByTestId("set-status-identified").click();
    const notice = page.getByTestId("conflict-notice");
    await expect(notice).toBeVisible();
    await expect(notice.getByTestId("conflict-your-change")).toHaveText("Status → Identified");
    await expect(
      notice.locator('[data-testid="conflict-change"][data-field="title"]'),
    ).toContainText(renamed);
    await expect(
      notice.locator('[data-testid="conflict-change"][data-field="severity"]'),
    ).toContainText("SEV2");
    await expect(
      notice.locator('[data-testid="conflict-change"][data-field="severity"]'),
    ).toContainText("SEV1");
    // Nothing was overwritten: the page now shows the other change, and the status is untouched.
    await expect(page.getByTestId("incident-title")).toHaveText(renamed);
    await expect(page.getByTestId("incident-status")).toHaveText("Investigating");

    await notice.getByTestId("conflict-reapply").click();
    await expect(page.getByTestId("conflict-notice")).toHaveCount(0);
    await expect(page.getByTestId("incident-status")).toHaveText("Identified");
    await expect(page.getByTestId("incident-title")).toHaveText(renamed);

    // The editor sends only what it changed, with the version it saw.
    await page.getByTestId("open-edit").click();
    await page.getByTestId("edit-scribe").selectOption({ label: "E2E lead (lead@e2e.test)" });
    await page.getByTestId("edit-summary").fill(`Edited summary ${run}`);
    await page.getByTestId("edit-save").click();
    await expect(page.getByTestId("incident-scribe")).toHaveText("E2E lead");
    await expect(page.getByTestId("incident-summary")).toHaveText(`Edited summary ${run}`);
    await expect(page.getByTestId("incident-title")).toHaveText(renamed);
  });

  test("the runbook follows the incident: ticks and a status update land on the timeline", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const simulator: Simulator = await startSimulator({
      controlPort,
      targets: [{ id: "mcp", kind: "mcp", port: controlPort + 1 }],
    });
    try {
      await simulator.setBehaviour("mcp", { mode: "http-502-html" });
      const lead = await page
        .context()
        .browser()
        ?.newContext({ storageState: storageStateFor("lead") });
      if (!lead) throw new Error("no browser");
      const created = await lead.request.post("/api/v1/services", {
        data: {
          name: `MCP runbook e2e ${run}`,
          environment: "e2e-runbook",
          baseUrl: simulator.urlOf("mcp"),
          profile: "holoscript_mcp",
          intervalSeconds: 60,
          timeoutSeconds: 3,
        },
      });
      expect(created.status()).toBe(201);
      const service = ((await created.json()) as { service: { id: string; version: number } })
        .service;
      expect(
        (await page.request.post(`/api/v1/services/${service.id}/check`)).status(),
      ).toBeLessThan(300);

      const incident = await declare(page.request, {
        title: `Runbook e2e ${run}`,
        severity: "sev1",
        serviceIds: [service.id],
        workaround: "use stdio MCP instead of HTTP",
      });
      await page.goto(`/incidents/${incident.id}`);

      const cause = page.locator('[data-testid="runbook-cause"][data-row="502"]');
      await expect(cause).toContainText("Process crash, OOM, bad deploy");
      await expect(cause.getByTestId("runbook-evidence")).toContainText(`MCP runbook e2e ${run}`);
      const checkLogs = cause.locator('[data-step-key="hint:502:check-logs"]');
      await checkLogs.click();
      await expect(checkLogs).toBeChecked();
      await expect(checkLogs).toBeDisabled();
      await expect(
        entry(page, /^.*Checked the logs \(502 \/ upstream errors; MCP runbook e2e/),
      ).toBeVisible();

      const redeploy = page.locator('[data-step-key="mitigate:railway-redeploy"]');
      await redeploy.click();
      await expect(
        entry(page, "Rolled back: redeployed the last green Railway deployment."),
      ).toBeVisible();
      await expect(redeploy).toBeChecked();

      const communicate = page.locator('[data-testid="runbook-step"][data-step="communicate"]');
      await expect(communicate).toHaveAttribute("data-done", "false");
      await page.getByTestId("open-status-update").click();
      await expect(page.getByTestId("update-affected")).toHaveValue(`MCP runbook e2e ${run}`);
      await expect(page.getByTestId("update-workaround")).toHaveValue(
        "use stdio MCP instead of HTTP",
      );
      await page
        .getByTestId("update-message")
        .fill("MCP over HTTP answers 502; rolled back, watching.");
      await page.getByTestId("update-eta").fill("04:30 UTC");
      await page.getByTestId("update-submit").click();
      await expect(page.getByTestId("update-posted")).toContainText(
        "queued for the configured webhooks",
      );
      const update = page
        .getByTestId("timeline-entry")
        .and(page.locator('[data-kind="communication"]'));
      await expect(update).toContainText("MCP over HTTP answers 502; rolled back, watching.");
      await expect(update.getByTestId("entry-update-details")).toContainText(
        "use stdio MCP instead of HTTP",
      );
      await expect(communicate).toHaveAttribute("data-done", "true");
      await expect(page.getByTestId("incident-eta")).toHaveText("04:30 UTC");

      await lead.request.patch(`/api/v1/services/${service.id}`, {
        data: { version: service.version, enabled: false },
      });
      await lead.close();
    } finally {
      await simulator.stop();
    }
  });

  test("the newest page shows first and older entries load on demand", async ({ page }) => {
    const incident = await declare(page.request, {
      title: `Paginated e2e ${run}`,
      severity: "sev3",
    });
    for (let index = 1; index <= 55; index += 1) {
      const posted = await page.request.post(`/api/v1/incidents/${incident.id}/timeline`, {
        data: { body: `bulk entry ${index} of 55` },
      });
      expect(posted.status()).toBe(201);
    }
    await page.goto(`/incidents/${incident.id}`);
    const entries = page.getByTestId("timeline-entry");
    await expect(entries).toHaveCount(50);
    await expect(entries.first()).toContainText("bulk entry 55 of 55");
    await page.getByTestId("timeline-load-older").click();
    await expect(entries).toHaveCount(56);
    await expect(entries.last()).toHaveAttribute("data-kind", "declared");
    await expect(page.getByTestId("timeline-load-older")).toHaveCount(0);

    // A new entry keeps every loaded page, in order, without duplicates.
    await write(page, `after paging ${run}`);
    await expect(entries).toHaveCount(57);
    await expect(entries.first()).toContainText(`after paging ${run}`);
    await expect(entries.last()).toHaveAttribute("data-kind", "declared");
  });

  test("what someone types renders as text with working links, never as markup or script", async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const incident = await declare(page.request, {
      title: `<b>Markup</b> title e2e ${run}`,
      severity: "sev3",
    });
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("incident-title")).toHaveText(`<b>Markup</b> title e2e ${run}`);

    const hostile = "<img src=x onerror=alert(1)><script>alert(2)</script> https://example.com/x";
    await write(page, hostile);
    for (const pass of ["live", "server-rendered"]) {
      if (pass === "server-rendered") await page.reload();
      const hostileEntry = entry(page, "<script>alert(2)</script>");
      await expect(hostileEntry.getByTestId("entry-body")).toHaveText(hostile);
      await expect(hostileEntry.locator("img, script")).toHaveCount(0);
      const link = hostileEntry.getByRole("link", { name: "https://example.com/x" });
      await expect(link).toHaveAttribute("href", "https://example.com/x");
      await expect(link).toHaveAttribute("target", "_blank");
      await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    }
    await write(page, "javascript:alert(3)");
    await expect(entry(page, "javascript:alert(3)").getByTestId("entry-body")).toHaveText(
      "javascript:alert(3)",
    );
    await expect(
      entry(page, "javascript:alert(3)").getByTestId("entry-body").getByRole("link"),
    ).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});

test("a viewer reads the timeline but has no input or controls, and a direct write is refused", async ({
  browser,
}) => {
  const incident = await withRole(browser, "responder", async (page) => {
    const declared = await declare(page.request, { title: `Viewer e2e ${run}`, severity: "sev2" });
    const posted = await page.request.post(`/api/v1/incidents/${declared.id}/timeline`, {
      data: { body: `responder note for viewers ${run}` },
    });
    expect(posted.status()).toBe(201);
    return declared;
  });
  await withRole(browser, "viewer", async (page) => {
    await page.goto(`/incidents/${incident.id}`);
    await expect(entry(page, `responder note for viewers ${run}`)).toBeVisible();
    await expect(page.getByTestId("runbook-panel")).toBeVisible();
    await expect(page.getByTestId("timeline-read-only")).toBeVisible();
    for (const control of [
      "timeline-input",
      "incident-controls",
      "open-edit",
      "open-status-update",
      "entry-correct",
      "open-resolve",
    ]) {
      await expect(page.getByTestId(control)).toHaveCount(0);
    }
    for (const tick of await page.getByTestId("runbook-tick").all())
      await expect(tick).toBeDisabled();

    const refused = await page.request.post(`/api/v1/incidents/${incident.id}/timeline`, {
      data: { body: "a viewer tries to write" },
      failOnStatusCode: false,
    });
    expect(refused.status()).toBe(403);
    const patch = await page.request.patch(`/api/v1/incidents/${incident.id}`, {
      data: { version: incident.version, severity: "sev1" },
      failOnStatusCode: false,
    });
    expect(patch.status()).toBe(403);
  });
});

test("an incident that does not exist answers 404", async ({ browser }) => {
  await withRole(browser, "viewer", async (page) => {
    const response = await page.goto("/incidents/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    expect((await page.goto("/incidents/not-a-uuid"))?.status()).toBe(404);
  });
});
