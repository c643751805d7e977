import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { DeployView } from "@/lib/deploys/types";
import { checkedSimulatorTarget, storageStateFor } from "./support";

// Ports of their own inside the e2e allow-list (127.0.0.1:4300-4399), away from the other specs' simulators.
const controlPort = 4360;
const environment = "e2e-deploys";
const run = Date.now();
const mcpName = `MCP deploys ${run}`;
const firstVersion = `v1.${run % 100_000}.0`;
const badCommit = (run.toString(16) + "abcdef0").slice(0, 12);

async function recordViaApi(
  request: APIRequestContext,
  data: Record<string, unknown>,
): Promise<DeployView> {
  const response = await request.post("/api/v1/deploys", {
    data,
    headers: { "Idempotency-Key": `e2e-deploy-${randomUUID()}` },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { deploy: DeployView }).deploy;
}

async function patchStatus(
  request: APIRequestContext,
  deployId: string,
  status: string,
): Promise<number> {
  const response = await request.patch(`/api/v1/deploys/${deployId}`, {
    data: { status, skipSmoke: true },
  });
  return response.status();
}

async function deploysOfService(request: APIRequestContext): Promise<DeployView[]> {
  const response = await request.get(`/api/v1/deploys?service=${mcp.serviceId}&limit=200`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { deploys: DeployView[] }).deploys;
}

const row = (scope: Page | Locator, deployId: string) =>
  scope.locator(`[data-testid="deploy-row"][data-deploy-id="${deployId}"]`);
function rowLabelled(scope: Page | Locator, label: string): Locator {
  // A `has` locator is matched inside each row, so it must start from the page, not from the scope.
  const page = "goto" in scope ? scope : scope.page();
  return scope
    .getByTestId("deploy-row")
    .filter({ has: page.getByTestId("deploy-label").getByText(label, { exact: true }) });
}

test.describe.configure({ mode: "serial" });

const mcp = checkedSimulatorTarget({
  controlPort,
  target: { id: "mcp", kind: "mcp" },
  service: {
    name: mcpName,
    environment,
    profile: "holoscript_mcp",
    intervalSeconds: 10,
    timeoutSeconds: 3,
  },
});

test.describe("as a responder", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("a deploy recorded with the checklist shows as Deploying in the log and on the service's overview tile", async ({
    page,
  }) => {
    await page.goto("/deploys");
    const form = page.getByTestId("record-deploy-form");
    await form.getByLabel("Service", { exact: true }).selectOption(mcp.serviceId);
    await expect(form.getByLabel("Environment", { exact: true })).toHaveValue(environment);
    await form.getByLabel("Version", { exact: true }).fill(firstVersion);
    await form
      .getByLabel("Link (optional)", { exact: true })
      .fill(`https://github.com/example/holoscript/actions/runs/${run}`);
    await expect(form.getByLabel("Who", { exact: true })).toHaveValue("E2E responder");
    await page.getByTestId("deploy-check-ciGreen").check();
    await page.getByTestId("deploy-check-noSecretsInDiff").check();
    await page.getByTestId("deploy-check-versionTagRecorded").check();
    await form.getByRole("button", { name: "Record deploy" }).click();

    await expect(page.getByTestId("deploy-recorded")).toContainText(`Recorded deploy #`);
    await expect(page.getByTestId("deploy-recorded")).toContainText(
      `${mcpName} ${firstVersion}, Deploying.`,
    );
    // The form is emptied for the next deploy.
    await expect(form.getByLabel("Version", { exact: true })).toHaveValue("");

    const recorded = rowLabelled(page, firstVersion);
    await expect(recorded).toHaveCount(1);
    await expect(recorded).toHaveAttribute("data-status", "started");
    await expect(recorded.getByTestId("deploy-status")).toHaveText("Deploying");
    await expect(recorded.getByTestId("deploy-service")).toHaveText(mcpName);
    await expect(recorded.getByTestId("deploy-who")).toHaveText("E2E responder");
    for (const item of ["ciGreen", "noSecretsInDiff", "versionTagRecorded"]) {
      await expect(
        recorded.locator(`[data-testid="deploy-checklist-item"][data-item="${item}"]`),
      ).toHaveAttribute("data-value", "yes");
    }
    const link = recorded.getByTestId("deploy-link");
    await expect(link).toHaveAttribute(
      "href",
      `https://github.com/example/holoscript/actions/runs/${run}`,
    );
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");

    const [stored] = (await deploysOfService(page.request)).filter(
      (deploy) => deploy.label === firstVersion,
    );
    expect(stored?.status).toBe("started");
    expect(stored?.checklist).toEqual({
      ciGreen: true,
      noSecretsInDiff: true,
      versionTagRecorded: true,
    });
    expect(stored?.environment).toBe(environment);

    // The in-flight filter keeps it; the overview tile says it is deploying.
    await page.goto(`/deploys?service=${mcp.serviceId}&inFlight=true`);
    await expect(rowLabelled(page, firstVersion)).toHaveCount(1);
    await page.goto(`/?environment=${environment}`);
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${mcpName}"]`);
    await expect(tile.getByTestId("deploying-now")).toHaveText(
      new RegExp(
        `^Deploying now: ${firstVersion.replaceAll(".", "\\.")} \\(since \\d{2}:\\d{2} UTC\\)$`,
      ),
    );
  });

  test("a deploy without a version or a commit comes back with field errors, and nothing is recorded", async ({
    page,
  }) => {
    const before = (await deploysOfService(page.request)).length;
    await page.goto("/deploys");
    const form = page.getByTestId("record-deploy-form");
    await form.getByLabel("Service", { exact: true }).selectOption(mcp.serviceId);
    await form.getByLabel("Link (optional)", { exact: true }).fill("javascript:alert(1)");
    await form.getByRole("button", { name: "Record deploy" }).click();
    await expect(page.locator("#deploy-version-error")).toHaveText(
      "Give the version or the commit.",
    );
    await expect(page.locator("#deploy-link-error")).toHaveText("Use an http(s) link.");
    await expect(form.getByLabel("Version", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(page.getByTestId("deploy-recorded")).toHaveCount(0);
    // What was typed stays for the fix.
    await expect(form.getByLabel("Link (optional)", { exact: true })).toHaveValue(
      "javascript:alert(1)",
    );
    expect((await deploysOfService(page.request)).length).toBe(before);
  });

  test("marking it succeeded runs the post-deploy smoke check against the service and shows the result", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.goto(`/deploys?service=${mcp.serviceId}`);
    const recorded = rowLabelled(page, firstVersion);
    await recorded.getByTestId("deploy-mark-succeeded").click();
    await expect(recorded).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    await expect(recorded.getByTestId("deploy-status")).toHaveText("Succeeded");
    await expect(recorded.getByTestId("deploy-smoke")).toHaveText(
      /^post-deploy smoke: up in \d+ ms$/,
    );
    // Finished, so no more moves but a rollback.
    await expect(recorded.getByTestId("deploy-mark-failed")).toHaveCount(0);
    await expect(recorded.getByTestId("deploy-mark-rolled_back")).toBeVisible();

    const [stored] = (await deploysOfService(page.request)).filter(
      (deploy) => deploy.label === firstVersion,
    );
    expect(stored?.smoke?.status).toBe("up");
    expect(stored?.finishedAt).not.toBeNull();

    await page.goto(`/?environment=${environment}`);
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${mcpName}"]`);
    await expect(tile.getByTestId("tile-status")).toBeVisible();
    await expect(tile.getByTestId("deploying-now")).toHaveCount(0);
  });

  test("a deploy failed through the API shows the rollback guidance beside it on the service page", async ({
    page,
  }) => {
    // An open overview learns of CI's deploy through the live stream, without a reload.
    await page.goto(`/?environment=${environment}`);
    const tile = page.locator(`[data-testid="service-tile"][data-service-name="${mcpName}"]`);
    await expect(tile.getByTestId("tile-status")).toBeVisible();
    await expect(tile.getByTestId("deploying-now")).toHaveCount(0);
    const failed = await recordViaApi(page.request, {
      service: mcpName,
      commit: badCommit,
      who: "ci-bot",
      ciGreen: true,
    });
    expect(failed.label).toBe(badCommit.slice(0, 7));
    await expect(tile.getByTestId("deploying-now")).toContainText(
      `Deploying now: ${failed.label} (since `,
      { timeout: 10_000 },
    );
    expect(await patchStatus(page.request, failed.id, "failed")).toBe(200);
    await expect(tile.getByTestId("deploying-now")).toHaveCount(0, { timeout: 10_000 });
    // A failed deploy can only be rolled back.
    expect(await patchStatus(page.request, failed.id, "succeeded")).toBe(409);

    await page.goto(`/services/${mcp.serviceId}`);
    const section = page.getByTestId("service-deploys");
    const failedRow = row(section, failed.id);
    await expect(failedRow).toHaveAttribute("data-status", "failed");
    await expect(failedRow.getByTestId("deploy-status")).toHaveText("Failed");
    const guidance = failedRow.getByTestId("rollback-guidance");
    await expect(guidance.getByTestId("rollback-last-green")).toContainText(`Last green: #`);
    await expect(guidance.getByTestId("rollback-last-green")).toContainText(firstVersion);
    await expect(guidance.getByTestId("rollback-step").first()).toContainText(
      `Redeploy the last green deployment in Railway: service mcp-server → Deployments → ${firstVersion}`,
    );
    await expect(guidance.getByTestId("rollback-step").nth(1)).toContainText(
      `git revert ${badCommit}`,
    );
    // The succeeded one beside it has no guidance.
    await expect(rowLabelled(section, firstVersion).getByTestId("rollback-guidance")).toHaveCount(
      0,
    );
    await expect(page.getByTestId("service-deploys-link")).toHaveAttribute(
      "href",
      `/deploys?service=${mcp.serviceId}`,
    );
  });

  test("a move made on a stale row is refused with an explanation, and the row shows the deploy as it is now", async ({
    page,
  }) => {
    const stale = await recordViaApi(page.request, {
      service: mcp.serviceId,
      version: `${firstVersion}-stale`,
    });
    await page.goto(`/deploys?service=${mcp.serviceId}`);
    await expect(row(page, stale.id)).toHaveAttribute("data-status", "started");
    expect(await patchStatus(page.request, stale.id, "failed")).toBe(200);

    await row(page, stale.id).getByTestId("deploy-mark-succeeded").click();
    const notice = row(page, stale.id).getByTestId("deploy-notice");
    await expect(notice).toContainText("Not changed:");
    await expect(notice).toContainText("Someone marked it Failed since you loaded the page");
    await expect(row(page, stale.id)).toHaveAttribute("data-status", "failed");
    await expect(row(page, stale.id).getByTestId("rollback-guidance")).toBeVisible();
    const [stored] = (await deploysOfService(page.request)).filter(
      (deploy) => deploy.id === stale.id,
    );
    expect(stored?.status).toBe("failed");
  });

  test("a deploy while an incident on the service is open lands on the incident's timeline", async ({
    page,
  }) => {
    const declared = await page.request.post("/api/v1/incidents", {
      data: { title: `Deploy suspect e2e ${run}`, severity: "sev3", serviceIds: [mcp.serviceId] },
      headers: { "Idempotency-Key": `e2e-deploy-incident-${randomUUID()}` },
    });
    expect(declared.status()).toBe(201);
    const { incident } = (await declared.json()) as { incident: { id: string; version: number } };

    const during = await recordViaApi(page.request, {
      service: mcp.serviceId,
      version: `${firstVersion}-hotfix`,
      who: "ci-bot",
      link: "https://github.com/example/holoscript/actions/runs/2",
    });
    await page.goto(`/incidents/${incident.id}`);
    const entry = page.getByTestId("timeline-entry").filter({
      hasText: `Deploy #${during.number} of ${mcpName} ${firstVersion}-hotfix started by ci-bot`,
    });
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute("data-kind", "deploy");

    // Resolved again, so the open-incidents banner of other specs stays theirs.
    const current = await page.request.get(`/api/v1/incidents/${incident.id}`);
    const { incident: latest } = (await current.json()) as { incident: { version: number } };
    const resolved = await page.request.patch(`/api/v1/incidents/${incident.id}`, {
      data: { version: latest.version, status: "resolved", rootCause: "e2e: nothing broke" },
    });
    expect(resolved.status()).toBe(200);
    expect(await patchStatus(page.request, during.id, "succeeded")).toBe(200);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the log is readable but offers no record form or moves, and the API refuses a deploy with 403", async ({
    page,
  }) => {
    await page.goto(`/deploys?service=${mcp.serviceId}`);
    await expect(rowLabelled(page, firstVersion)).toHaveCount(1);
    await expect(page.getByTestId("record-deploy-form")).toHaveCount(0);
    await expect(page.locator('[data-testid^="deploy-mark-"]')).toHaveCount(0);
    const refused = await page.request.post("/api/v1/deploys", {
      data: { service: mcp.serviceId, version: "v0.0.1-viewer" },
    });
    expect(refused.status()).toBe(403);
    expect(
      (await deploysOfService(page.request)).some((deploy) => deploy.label === "v0.0.1-viewer"),
    ).toBe(false);
  });
});
