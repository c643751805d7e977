import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { nextSlotAfter } from "@/lib/health/slots";
import { inDatabase, storageStateFor } from "./support";

// Services seeded straight into the database in states a person would otherwise wait hours for. Their checks
// are 30 minutes apart and their ids are picked so the poller's first slot for each is at least 15 minutes
// away: nothing it does can overwrite the seeded state while this spec runs.
const environment = "e2e-alerts";
const intervalSeconds = 1_800;
const run = Date.now().toString(36);
const now = Date.now();
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const minutes = (count: number) => count * 60_000;
// The newest counted check, 50 s short of an interval ago: the next scheduled check is due in 50 s.
const lastCountedAt = at(-(intervalSeconds * 1_000 - 50_000));

function quietServiceId(): string {
  for (;;) {
    const id = randomUUID();
    if (nextSlotAfter(Date.now(), id, intervalSeconds) - Date.now() > minutes(15)) return id;
  }
}

const names = {
  paging: `Paging API ${run}`,
  flapping: `Flapping Studio ${run}`,
  certificate: `Certificate Edge ${run}`,
  crashed: `Crashed Absorb ${run}`,
  young: `Young MCP ${run}`,
};
const ids = Object.fromEntries(Object.keys(names).map((key) => [key, quietServiceId()])) as Record<
  keyof typeof names,
  string
>;

type Seed = {
  id: string;
  name: string;
  profile: "absorb" | "studio" | "holoscript_mcp" | "http";
  baseUrl?: string;
  state: Record<string, unknown>;
};

async function seedService({ id, name, profile, baseUrl, state }: Seed): Promise<void> {
  await inDatabase(
    `INSERT INTO "Service" (id, name, environment, "baseUrl", profile, "intervalSeconds", "timeoutSeconds", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 10, now())`,
    [id, name, environment, baseUrl ?? "http://127.0.0.1:4399", profile, intervalSeconds],
  );
  const columns = Object.keys(state);
  await inDatabase(
    `INSERT INTO "ServiceState" ("serviceId", "updatedAt", ${columns.map((column) => `"${column}"`).join(", ")})
     VALUES ($1, now(), ${columns.map((_, index) => `$${index + 2}`).join(", ")})`,
    [
      id,
      ...Object.values(state).map((value) =>
        value !== null &&
        typeof value === "object" &&
        !(value instanceof Date) &&
        !Array.isArray(value)
          ? JSON.stringify(value)
          : value,
      ),
    ],
  );
}

async function seedAlert(
  serviceId: string,
  alert: {
    rule: string;
    level: "page" | "warning";
    reason: string;
    startedAt: string;
    endedAt?: string;
    endReason?: string;
    evidence?: unknown[];
  },
) {
  await inDatabase(
    `INSERT INTO "Alert" (id, "serviceId", rule, level, reason, evidence, "startedAt", "endedAt", "endReason", "updatedAt")
     VALUES ($1, $2, $3::"AlertRule", $4::"AlertLevel", $5, $6::jsonb, $7, $8, $9, now())`,
    [
      randomUUID(),
      serviceId,
      alert.rule,
      alert.level,
      alert.reason,
      JSON.stringify(alert.evidence ?? []),
      alert.startedAt,
      alert.endedAt ?? null,
      alert.endReason ?? null,
    ],
  );
}

const refused = "/health: connection refused (ECONNREFUSED)";
const pageReason = `paging: 2 consecutive scheduled checks failed: ${refused}`;

test.beforeAll(async () => {
  await inDatabase(`DELETE FROM "Service" WHERE environment = $1`, [environment]);

  // Down and paging: two scheduled checks failed, stored with the alert as its evidence; an earlier page ended.
  await seedService({
    id: ids.paging,
    name: names.paging,
    profile: "absorb",
    state: {
      alertState: "alerting",
      consecutiveFailures: 2,
      lastStatus: "down",
      lastReason: refused,
      lastScheduledAt: lastCountedAt,
      lastCountedAt,
      stateSince: lastCountedAt,
      statusSince: at(-(intervalSeconds * 2_000 - 50_000)),
      unhealthySince: at(-(intervalSeconds * 2_000 - 50_000)),
      firstCheckedAt: at(-minutes(60 * 24 * 40)),
      lastFailureAt: lastCountedAt,
      lastFailureReason: refused,
    },
  });
  await inDatabase(
    `WITH checks AS (
       INSERT INTO "CheckResult" ("serviceId", "scheduledAt", "startedAt", status, reason)
       VALUES ($1, $2::timestamptz, $2::timestamptz, 'down', $4), ($1, $3::timestamptz, $3::timestamptz, 'down', $4)
       RETURNING id, "scheduledAt", status, reason
     )
     INSERT INTO "Alert" (id, "serviceId", rule, level, reason, evidence, "startedAt", "updatedAt")
     SELECT $5, $1, 'down', 'page', $6,
            (SELECT jsonb_agg(jsonb_build_object('at', to_char("scheduledAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'status', status, 'reason', reason, 'checkId', id::text) ORDER BY "scheduledAt") FROM checks),
            $3::timestamptz, now()`,
    [
      ids.paging,
      at(-(intervalSeconds * 2_000 - 50_000)),
      lastCountedAt,
      refused,
      randomUUID(),
      pageReason,
    ],
  );
  await seedAlert(ids.paging, {
    rule: "down",
    level: "page",
    reason: "paging: 2 consecutive scheduled checks failed: /health: HTTP 502 from the edge proxy",
    startedAt: at(-minutes(60 * 26)),
    endedAt: at(-minutes(60 * 25)),
    endReason: "recovered: 2 consecutive checks passed",
  });

  // Flapping but passing right now: a warning, never a page.
  await seedService({
    id: ids.flapping,
    name: names.flapping,
    profile: "studio",
    state: {
      alertState: "ok",
      consecutiveSuccesses: 1,
      lastStatus: "up",
      lastReason: "All checks passed",
      lastScheduledAt: lastCountedAt,
      lastCountedAt,
      statusSince: lastCountedAt,
      flapping: true,
      flappingSince: at(-minutes(40)),
      firstCheckedAt: at(-minutes(60 * 24 * 40)),
      lastFailureAt: at(-minutes(32)),
      lastFailureReason: "/api/health: connection reset by peer",
    },
  });
  await seedAlert(ids.flapping, {
    rule: "flapping",
    level: "warning",
    reason:
      "flapping: passing and failing in turn since 02:10 UTC; judged again after 5 min of the same result",
    startedAt: at(-minutes(40)),
    evidence: [
      { at: at(-minutes(32)), status: null, reason: "the result switched between pass and fail" },
    ],
  });

  // Up, with a certificate five days from expiry: a warning of its own, uptime untouched.
  await seedService({
    id: ids.certificate,
    name: names.certificate,
    profile: "http",
    baseUrl: "https://127.0.0.1:4399",
    state: {
      lastStatus: "up",
      lastReason: "HTTP 200",
      lastScheduledAt: lastCountedAt,
      lastCountedAt,
      statusSince: at(-minutes(60 * 24 * 3)),
      tlsExpiresAt: at(minutes(60 * 24 * 5 + 120)),
      firstCheckedAt: at(-minutes(60 * 24 * 40)),
    },
  });
  await seedAlert(ids.certificate, {
    rule: "certificate",
    level: "warning",
    reason: "certificate expires in 5 days",
    startedAt: at(-minutes(60)),
  });

  // Crashed: the newest check failed (1 of 2), and the figures on file are from the check before it.
  await seedService({
    id: ids.crashed,
    name: names.crashed,
    profile: "absorb",
    state: {
      alertState: "failing",
      consecutiveFailures: 1,
      lastStatus: "down",
      lastReason: refused,
      lastScheduledAt: lastCountedAt,
      lastCountedAt,
      stateSince: lastCountedAt,
      statusSince: lastCountedAt,
      unhealthySince: lastCountedAt,
      lastVersion: "6.1.0",
      lastFigures: { agents: 42, database: "connected" },
      lastFiguresAt: at(-(intervalSeconds * 2_000 - 50_000)),
      firstCheckedAt: at(-minutes(60 * 24 * 40)),
      lastFailureAt: lastCountedAt,
      lastFailureReason: refused,
    },
  });

  // Twenty minutes old, its tool count far below the baseline it set.
  await seedService({
    id: ids.young,
    name: names.young,
    profile: "holoscript_mcp",
    state: {
      lastStatus: "degraded",
      lastReason:
        "tool count 12, down from 234 (the 24 h maximum); stays degraded until it returns or a lead accepts the new figure",
      lastScheduledAt: lastCountedAt,
      lastCountedAt,
      statusSince: at(-minutes(12)),
      unhealthySince: at(-minutes(12)),
      lastFigures: { tools: 12 },
      lastFiguresAt: lastCountedAt,
      firstCheckedAt: at(-minutes(20)),
    },
  });
  await inDatabase(
    `INSERT INTO "CheckRollup" ("serviceId", granularity, bucket, total, up, degraded, down, "latencyCount", "latencySumMs", "latencyMaxMs", "latencyHistogram")
     VALUES ($1, 'day', date_trunc('day', now()), 40, 28, 11, 1, 40, 4000, 300, '{}'),
            ($1, 'hour', date_trunc('hour', now()), 40, 28, 11, 1, 40, 4000, 300, '{}')`,
    [ids.young],
  );
  await inDatabase(
    `INSERT INTO "ServiceBaseline" ("serviceId", figure, value, source, "setAt") VALUES ($1, 'tools', 234, 'observed', $2)`,
    [ids.young, at(-minutes(19))],
  );
  for (const [kind, reason, offset] of [
    ["warning", "degraded for 6 min: tool count 12, down from 234", 8],
    ["certificate_warning", "certificate expires in 12 days", 6],
    ["burn_slow", "error budget burning: 7x over 6 h and 30 min", 4],
    ["kind_from_a_newer_vigil", "an event this version has no words for", 2],
  ] as const) {
    await inDatabase(
      `INSERT INTO "HealthEvent" ("serviceId", kind, status, reason, at) VALUES ($1, $2, 'degraded', $3, $4)`,
      [ids.young, kind, reason, at(-minutes(offset))],
    );
  }
});

test.afterAll(async () => {
  await inDatabase(`DELETE FROM "Service" WHERE environment = $1`, [environment]);
});

test.use({ storageState: storageStateFor("lead") });

const tileOf = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="service-tile"][data-service-name="${name}"]`);

/** "02:58 UTC", or with the date when it was another UTC day: as the tile labels old figures. */
function seenAt(iso: string): RegExp {
  const text = new Date(iso).toISOString();
  return new RegExp(`last seen (${text.slice(0, 10)} )?${text.slice(11, 16)} UTC:`);
}

test("the overview pages only on an open page, warns on the rest, and labels what it does not know now", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(`/?environment=${environment}`);

  const paging = tileOf(page, names.paging);
  await expect(paging.getByTestId("paging-badge")).toHaveText("PAGING");
  await expect(paging.getByTestId("tile-status")).toHaveText(/down/i);
  await expect(paging.getByTestId("tile-reason")).toContainText(
    /^Down for \d+ (min|h)( \d+ min)?: \/health: connection refused/,
  );
  await expect(paging.getByTestId("tile-alert")).toHaveText(
    /^Alerting: 2 consecutive checks failed; next check (in \d+ s|due now)$/,
  );
  await expect(page.getByTestId("alert-banner")).toContainText(`1 service paging: ${names.paging}`);

  const flapping = tileOf(page, names.flapping);
  await expect(flapping.getByTestId("flapping-badge")).toBeVisible();
  await expect(flapping.getByTestId("tile-status")).toHaveText(/up/i);
  await expect(flapping.getByTestId("paging-badge")).toHaveCount(0);
  await expect(flapping.getByTestId("tile-alert")).toContainText(
    "Flapping: passing and failing in turn",
  );

  const certificate = tileOf(page, names.certificate);
  await expect(certificate.getByTestId("tile-certificate")).toHaveText(
    /^certificate expires in 5 days \((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2}:\d{2} UTC\)$/,
  );
  await expect(certificate.getByTestId("tile-certificate")).toHaveAttribute(
    "data-level",
    "warning",
  );
  await expect(certificate.getByTestId("tile-warning-badge")).toHaveText("Warning · certificate");
  await expect(certificate.getByTestId("paging-badge")).toHaveCount(0);
  await expect(certificate.getByTestId("tile-status")).toHaveText(/up/i);

  const crashed = tileOf(page, names.crashed);
  await expect(crashed.getByTestId("tile-alert")).toHaveText(
    /^1 of 2 checks failed; next check (in \d+ s|due now)$/,
  );
  await expect(crashed.getByTestId("tile-next-check")).toBeVisible();
  await expect(crashed.getByTestId("paging-badge")).toHaveCount(0);
  await expect(crashed.getByTestId("tile-figures-age")).toHaveText(
    seenAt(at(-(intervalSeconds * 2_000 - 50_000))),
  );
  await expect(crashed).toContainText("agents42");
  await expect(crashed).toContainText("versionv6.1.0");

  const young = tileOf(page, names.young);
  await expect(young.getByTestId("tile-reason")).toContainText(
    /^Degraded for 1[12] min: tool count 12, down from 234/,
  );
  await expect(young.getByTestId("tile-figures-age")).toHaveCount(0);
  // The overview reuses the fleet's uptime figures for 30 s, so the seeded rollups may take that long to show.
  await expect(async () => {
    await page.reload();
    await expect(young.getByTestId("tile-uptime-coverage")).toHaveText(
      /^30 d:\s?97\.50% of 20 min of data$/,
      { timeout: 1_000 },
    );
    // 2.5 % of checks failed, but over 20 minutes of a 30-day window: about 30 s of its 43 min budget.
    await expect(young.getByTestId("tile-budget")).toHaveText("budget 98 % left", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 45_000, intervals: [2_000] });
});

test("a flapping service that passes pre-fills the declaration from its last failure, as SEV2", async ({
  page,
}) => {
  await page.goto(`/?environment=${environment}`);
  await tileOf(page, names.flapping).getByTestId("tile-declare").click();
  await page.waitForURL(/\/incidents\/new\?service=/);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(
    `${names.flapping} flapping: /api/health: connection reset by peer`,
  );
  await expect(page.getByTestId("severity-option-sev2").getByRole("radio")).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Summary" })).not.toHaveValue(
    /all checks passed/i,
  );
});

test("the service page shows the open page with its evidence, the ended one, the SLO and the burn rates", async ({
  page,
}) => {
  await page.goto(`/services/${ids.paging}`);
  await expect(page.getByTestId("paging-badge")).toHaveText("PAGING");
  await expect(page.getByTestId("service-reason")).toContainText(
    /^Down for \d+ (min|h)( \d+ min)?: \/health: connection refused/,
  );

  const open = page.getByTestId("open-alerts").getByTestId("alert-item");
  await expect(open).toHaveCount(1);
  await expect(open.getByTestId("alert-level")).toHaveText("Page");
  await expect(open.getByTestId("alert-rule")).toHaveText("Down");
  await expect(open.getByTestId("alert-reason")).toHaveText(pageReason);
  const evidence = open.getByTestId("alert-evidence-item");
  await expect(evidence).toHaveCount(2);
  await expect(evidence.first()).toContainText("connection refused");
  const checkLink = evidence.last().getByTestId("alert-evidence-check");
  await expect(checkLink).toHaveText(/^check \d+$/);
  const check = await page.request.get((await checkLink.getAttribute("href")) ?? "");
  expect(check.status()).toBe(200);
  const { checks } = (await check.json()) as {
    checks: Array<{ id: string; status: string; scheduledAt: string }>;
  };
  expect(checks).toHaveLength(1);
  expect(checks[0]).toMatchObject({
    id: (await checkLink.textContent())?.replace("check ", ""),
    status: "down",
    scheduledAt: lastCountedAt,
  });

  const past = page.getByTestId("past-alerts").getByTestId("alert-item");
  await expect(past).toHaveCount(1);
  await expect(past).toContainText("HTTP 502 from the edge proxy");
  await expect(past).toContainText("Ended: recovered: 2 consecutive checks passed");
  await expect(past).toContainText(/ended .* after 1 h/);

  await expect(page.getByTestId("slo-target")).toHaveText("99.9 % of checks not down");
  await expect(page.getByTestId("burn-fast")).toContainText("14.4x over 1 h and 5 min pages");
  await expect(page.getByTestId("burn-slow")).toContainText("6x over 6 h and 30 min warns");
});

test("the event log words the new alert events and keeps an unknown kind as stored", async ({
  page,
}) => {
  await page.goto(`/services/${ids.young}`);
  const log = page.getByTestId("event-log");
  await expect(log).toContainText("Warning raised");
  await expect(log).toContainText("Warning: certificate expiring");
  await expect(log).toContainText("Warning: slow error-budget burn");
  await expect(log).toContainText("kind_from_a_newer_vigil");
  await expect(page.getByTestId("service-figures-age")).toHaveCount(0);
});

test("a lead accepts the current tool count as the baseline, with a reason that is required", async ({
  page,
  browser,
}) => {
  await page.goto(`/services/${ids.young}`);
  const row = page.locator('[data-testid="baseline-row"][data-figure="tools"]');
  await expect(row).toContainText("234");
  await expect(row).toContainText("the 24 h maximum");
  await expect(row.getByTestId("baseline-dropped")).toHaveText("dropped");

  const form = page.getByTestId("baseline-form");
  await form.getByRole("button", { name: "Accept current value as baseline" }).click();
  await expect(
    form.getByText("Say why the new figure is right (at least 3 characters)."),
  ).toBeVisible();
  await expect(
    page.getByRole("textbox", { name: "Why the current value is right" }),
  ).toHaveAttribute("aria-invalid", "true");
  await expect(row.getByTestId("baseline-accepted-by")).toHaveText("—");

  await page
    .getByRole("textbox", { name: "Why the current value is right" })
    .fill("Legacy tools removed in 6.2");
  await form.getByRole("button", { name: "Accept current value as baseline" }).click();
  await expect(page.getByTestId("baseline-accepted")).toHaveText("The tools baseline is now 12.");
  await expect(row.getByTestId("baseline-accepted-by")).toHaveText(
    "accepted by E2E lead: Legacy tools removed in 6.2",
  );
  await expect(row).toContainText("accepted by a lead");
  await expect(row.getByTestId("baseline-dropped")).toHaveCount(0);

  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const refusedAccept = await viewer.request.post(`/api/v1/services/${ids.young}/baselines`, {
    data: { figure: "tools", reason: "I say so" },
    failOnStatusCode: false,
  });
  expect(refusedAccept.status()).toBe(403);
  const listed = await viewer.request.get(`/api/v1/services/${ids.young}/baselines`);
  expect(
    ((await listed.json()) as { baselines: Array<{ acceptedBy: string; value: number }> })
      .baselines,
  ).toMatchObject([{ figure: "tools", value: 12, acceptedBy: "E2E lead" }]);
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(`/services/${ids.young}`);
  await expect(viewerPage.getByTestId("baselines-table")).toBeVisible();
  await expect(viewerPage.getByTestId("baseline-form")).toHaveCount(0);
  await viewer.close();
});

test("a lead sets the alert levels of a service: the SLO typed as a percentage, a bad value refused under its field", async ({
  page,
}) => {
  await page.goto(`/settings/services/${ids.certificate}`);
  const form = page.getByTestId("service-form");
  await expect(form.getByRole("textbox", { name: "Availability SLO (%)" })).toHaveValue("99.9");
  await form.getByRole("spinbutton", { name: "Warn when degraded for (s)" }).fill("30");
  await form.getByRole("textbox", { name: "Availability SLO (%)" }).fill("99.95");
  await page.getByTestId("service-save").click();
  await expect(form.getByText("Warn after at least 60 seconds.")).toBeVisible();

  await form.getByRole("spinbutton", { name: "Warn when degraded for (s)" }).fill("600");
  await form.getByRole("spinbutton", { name: "Certificate: page within (days)" }).fill("20");
  await page.getByTestId("service-save").click();
  await expect(
    form.getByText("Page closer to expiry than the warning (fewer days)."),
  ).toBeVisible();
  await expect(form.getByText("Warn after at least 60 seconds.")).toHaveCount(0);

  await form.getByRole("spinbutton", { name: "Certificate: page within (days)" }).fill("5");
  await page.getByTestId("service-save").click();
  await page.waitForURL(/\/settings\/services\?saved=/);
  const saved = await page.request.get(`/api/v1/services/${ids.certificate}`);
  const { service } = (await saved.json()) as { service: Record<string, unknown> };
  expect(service).toMatchObject({
    availabilitySlo: 0.9995,
    degradedWarnAfterSeconds: 600,
    certPageDays: 5,
    certWarnDays: 14,
  });

  await page.goto(`/settings/services/${ids.certificate}`);
  await expect(page.getByRole("textbox", { name: "Availability SLO (%)" })).toHaveValue("99.95");
});
