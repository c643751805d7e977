import { expect, test, type Page } from "@playwright/test";
import { startHoloMeshSimulator, type HoloMeshSimulator } from "@/dev/simulator/holomesh";
import { storageStateFor } from "./support";

// A port of its own inside the e2e allow-list (127.0.0.1:4300-4399), away from the other specs' simulators.
const simulatorPort = 4321;
const teamId = `team_e2e_board_${Date.now()}`;
// Unique per run, so finding it anywhere the browser can see is never a leftover from another run.
const apiKey = `hm_e2e_secret_${Date.now()}_${Math.random().toString(36).slice(2, 12)}`;
const customObjective =
  "Get checkout green again: quarantine the flaky payment tests, no feature work";

let simulator: HoloMeshSimulator;

/** Every response body the page receives (HTML, RSC payloads, server action answers, JavaScript, JSON). */
function collectBodies(page: Page): () => Promise<Array<{ url: string; body: string }>> {
  const pending: Array<Promise<{ url: string; body: string }>> = [];
  page.on("response", (response) => {
    // The live event stream (open on every page for page alerts) never ends; it carries ids and titles, no settings.
    if ((response.headers()["content-type"] ?? "").startsWith("text/event-stream")) return;
    pending.push(
      response
        .body()
        .then((body) => ({ url: response.url(), body: body.toString("utf8") }))
        // Redirects and aborted requests have no body to search.
        .catch(() => ({ url: response.url(), body: "" })),
    );
  });
  return () => Promise.all(pending);
}

function expectNoKeyIn(bodies: Array<{ url: string; body: string }>): void {
  expect(bodies.length).toBeGreaterThan(0);
  const leaks = bodies.filter((entry) => entry.body.includes(apiKey)).map((entry) => entry.url);
  expect(leaks).toEqual([]);
}

const modePosts = () =>
  simulator
    .requests()
    .filter((request) => request.method === "POST" && request.path.endsWith("/mode")).length;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  simulator = await startHoloMeshSimulator({ port: simulatorPort });
  simulator.addKey(apiKey, "vigil-e2e");
  simulator.addTeam({
    id: teamId,
    name: "E2E Board Team",
    ownerKey: apiKey,
    mode: "build",
    tasks: [
      { id: "task_1", title: "Fix flaky checkout test", status: "open", priority: 1 },
      { id: "task_2", title: "Bump the SDK", status: "claimed" },
      { id: "task_3", title: "Waiting on infra", status: "blocked" },
      { id: "task_4", title: "Write the runbook page", status: "open" },
    ],
    doneCount: 41,
  });
});
test.afterAll(async () => simulator.stop());

test("an admin saves the HoloMesh connection with a key, and the settings page never shows the key", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await context.newPage();
  const bodies = collectBodies(page);

  await page.goto("/settings");
  // A client-side navigation, so the page's RSC payload is among the responses searched below.
  await page.getByRole("link", { name: /HoloMesh/ }).click();
  await expect(page).toHaveURL(/\/settings\/holomesh$/);
  const form = page.getByTestId("holomesh-form");
  await expect(form).toBeVisible();

  await page.getByLabel("Team id").fill("not a team id!");
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.locator("#holomesh-team-id-error")).toBeVisible();

  await page.getByLabel("Base URL").fill(simulator.url);
  await page.getByLabel("Team id").fill(teamId);
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByTestId("holomesh-saved")).toBeVisible();
  await expect(page.getByTestId("holomesh-key-source")).toHaveText(
    `API key: stored encrypted (…${apiKey.slice(-4)})`,
  );
  await expect(page.getByLabel("API key")).toHaveValue("");

  await page.reload();
  await expect(page.getByTestId("holomesh-key-source")).toContainText("stored encrypted");
  await expect(page.getByLabel("Team id")).toHaveValue(teamId);

  // The lead's board page is searched too, after the admin's own view of it.
  await page.goto("/board");
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-mode")).toContainText("build");
  const api = await page.request.get("/api/v1/board?refresh=1");
  expect(api.status()).toBe(200);
  expect(await api.text()).not.toContain(apiKey);

  const seen = await bodies();
  expect(seen.some((entry) => entry.url.includes(".js"))).toBe(true);
  expectNoKeyIn(seen);
  await context.close();
});

test("a lead switches the board to stabilize with a custom objective; Vigil confirms both, once for a double click", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  const page = await context.newPage();
  const bodies = collectBodies(page);
  await page.goto("/board");
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-mode")).toContainText("build");
  await expect(page.getByTestId("board-objective-state")).toHaveAttribute("data-state", "preset");
  await expect(page.getByTestId("board-counts")).toContainText(
    "2 open · 1 claimed · 1 blocked · 41 done",
  );

  const form = page.getByTestId("board-change-form");
  await form.getByTestId("board-mode-option-stabilize").click();
  await expect(form.getByTestId("board-mode-option-stabilize")).toContainText(
    "Make main trustworthy",
  );
  await form.getByLabel("Custom objective (optional)").fill(customObjective);
  await expect(form.getByTestId("board-objective-counter")).toHaveText(
    `${customObjective.length}/200`,
  );
  await form.getByLabel("Reason").fill("Checkout error rate over the SLO after the deploy");
  const postsBefore = modePosts();
  await form.getByRole("button", { name: "Change mode" }).dblclick();

  await expect(page.getByTestId("board-change-verdict")).toHaveText(
    "Confirmed: the board shows stabilize with your objective.",
    { timeout: 15_000 },
  );
  const steps = page.getByTestId("board-change-steps").locator("li");
  await expect(steps).toHaveCount(3);
  await expect(page.getByTestId("board-change-steps").locator('[data-ok="false"]')).toHaveCount(0);
  await expect(page.getByTestId("board-mode")).toContainText("stabilize");
  await expect(page.getByTestId("board-objective-text")).toHaveText(customObjective);
  await expect(page.getByTestId("board-objective-state")).toHaveAttribute("data-state", "custom");
  await expect(
    page.getByTestId("board-changes").getByTestId("board-change").first(),
  ).toHaveAttribute("data-outcome", "confirmed");

  expect(modePosts() - postsBefore).toBe(1);
  expect(simulator.team(teamId)).toMatchObject({ mode: "stabilize", objective: customObjective });

  // Still there after a reload: the panel reads Vigil's record, not the form's answer.
  await page.reload();
  await expect(page.getByTestId("board-objective-text")).toHaveText(customObjective);
  await expect(page.getByTestId("board-objective-state")).toHaveAttribute("data-state", "custom");
  expectNoKeyIn(await bodies());
  await context.close();
});

test("a viewer sees the panel but no change form, and the API refuses the viewer's change", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("viewer") });
  const page = await context.newPage();
  await page.goto("/board");
  await expect(page.getByTestId("board-panel")).toBeVisible();
  await expect(page.getByTestId("board-mode")).toContainText("stabilize");
  await expect(page.getByTestId("board-read-only")).toContainText("needs the lead role");
  await expect(page.getByTestId("board-change-form")).toHaveCount(0);

  const postsBefore = modePosts();
  const refused = await page.request.post("/api/v1/board/mode", {
    data: { mode: "build", reason: "a viewer trying", idempotencyKey: `viewer-${Date.now()}` },
    failOnStatusCode: false,
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(apiKey);
  expect(modePosts()).toBe(postsBefore);
  expect(simulator.team(teamId).mode).toBe("stabilize");
  await context.close();
});

test("a mode changed outside Vigil shows after Refresh now, with its provenance, and is recorded", async ({
  browser,
}) => {
  simulator.changeModeAsAgent(teamId, "review", {
    by: "night-bot",
    source: "mcp_tool",
    reason: "release train",
  });
  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  const page = await context.newPage();
  await page.goto("/board");
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-mode")).toContainText("review");
  await expect(page.getByTestId("board-provenance")).toContainText("agent_night_bot");
  await expect(page.getByTestId("board-provenance")).toContainText("the MCP tool");
  await expect(page.getByTestId("board-objective-state")).toHaveAttribute("data-state", "preset");
  await expect(page.getByTestId("board-mode-history").locator("li").first()).toContainText(
    "night-bot",
  );
  const outside = page.getByTestId("board-changes").locator('[data-source="outside"]').first();
  await expect(outside).toContainText("review");
  await expect(outside).toHaveAttribute("data-outcome", "observed");
  await context.close();
});

test("on an open SEV1 a lead switches the board to stabilize in one click, with the incident as the reason", async ({
  browser,
}) => {
  expect(simulator.team(teamId).mode).toBe("review");
  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  const page = await context.newPage();
  const title = `Board switch e2e ${Date.now()}`;
  const declared = await page.request.post("/api/v1/incidents", {
    data: { title, severity: "sev1" },
    headers: { "Idempotency-Key": `e2e-board-switch-${Date.now()}` },
  });
  expect(declared.status()).toBe(201);
  const { incident } = (await declared.json()) as { incident: { id: string; number: number } };

  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(`/incidents/${incident.id}`);
  await expect(viewerPage.getByTestId("incident-header")).toBeVisible();
  await expect(viewerPage.getByTestId("board-switch")).toHaveCount(0);
  await viewer.close();

  await page.goto(`/incidents/${incident.id}`);
  const offer = page.getByTestId("board-switch");
  await expect(offer).toContainText("The team board is in review.");
  const postsBefore = modePosts();
  await offer.getByTestId("board-switch-button").click();
  await expect(offer.getByTestId("board-change-verdict")).toHaveText(
    "Confirmed: the board shows stabilize with the preset objective.",
    { timeout: 15_000 },
  );
  expect(modePosts() - postsBefore).toBe(1);
  const team = simulator.team(teamId);
  expect(team.mode).toBe("stabilize");
  expect(team.modeHistory[0]?.reason).toBe(`INC-${incident.number} ${title} (SEV1)`);

  await page.reload();
  await expect(page.getByTestId("incident-header")).toBeVisible();
  await expect(page.getByTestId("board-switch")).toHaveCount(0);
  await context.close();
});

test("HoloMesh answering a 502 page is said plainly; the last board stays on screen marked STALE until a good fetch", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("viewer") });
  const page = await context.newPage();
  await page.goto("/board");
  await expect(page.getByTestId("board-mode")).toContainText("stabilize");
  await expect(page.getByTestId("board-stale")).toHaveCount(0);

  simulator.setBehaviour({ mode: "http-502-html" });
  try {
    await page.getByTestId("board-refresh").click();
    await expect(page.getByTestId("board-error")).toContainText(
      "Could not fetch the board from HoloMesh",
    );
    await expect(page.getByTestId("board-error")).toContainText("502");
    await expect(page.getByTestId("board-error")).not.toContainText("<html");
    await expect(page.getByTestId("board-stale")).toHaveText("STALE");
    await expect(page.getByTestId("board-mode")).toContainText("stabilize");
  } finally {
    simulator.setBehaviour({ mode: "normal" });
  }
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-error")).toHaveCount(0);
  await expect(page.getByTestId("board-stale")).toHaveCount(0);
  await context.close();
});

test("an objective changed outside Vigil is shown OUT OF STEP with the mode, with what to do", async ({
  browser,
}) => {
  // Someone with the owner's key rewrites the objective directly, leaving the mode alone.
  const patched = await fetch(`${simulator.url}/api/holomesh/team/${teamId}/room`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ objective: "Ship the new onboarding flow" }),
  });
  expect(patched.status).toBe(200);

  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  const page = await context.newPage();
  await page.goto("/board");
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-objective-text")).toHaveText("Ship the new onboarding flow");
  await expect(page.getByTestId("board-objective-state")).toHaveText("OUT OF STEP with the mode");
  await expect(page.getByTestId("board-out-of-step")).toContainText("Set the mode again below");
  await context.close();
});

test("a lead's change whose POST answer is lost (and whose PATCH fails) ends Partial; one click sets the objective; Vigil's record shows the confirmed outcome", async ({
  browser,
}) => {
  const objective = "Audit the payment retries end to end before Friday's release";
  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  const page = await context.newPage();
  await page.goto("/board");
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-mode")).toContainText("stabilize");
  // A second lead, ready to submit while the first change runs.
  const other = await browser.newContext({ storageState: storageStateFor("lead") });
  const otherPage = await other.newPage();
  await otherPage.goto("/board");
  const otherForm = otherPage.getByTestId("board-change-form");
  await otherForm.getByTestId("board-mode-option-docs").click();
  await otherForm.getByLabel("Reason").fill("A second change meanwhile");
  await expect(otherForm.getByRole("button", { name: "Change mode" })).toBeEnabled();

  const form = page.getByTestId("board-change-form");
  await form.getByTestId("board-mode-option-audit").click();
  await expect(form.getByText("recorded in the board's mode history")).toBeVisible();
  await form.getByLabel("Custom objective (optional)").fill(objective);
  await form.getByLabel("Reason").fill("Payment retries double-charged two customers");
  // The POST is applied and its answer lost; the PATCH after it is reset before it is applied.
  simulator.setFault({ step: "post_mode", kind: "apply_then_reset", times: 1 });
  simulator.setFault({ step: "patch_room", kind: "reset_before", times: 1 });
  const postsBefore = modePosts();
  try {
    await form.getByRole("button", { name: "Change mode" }).click();

    // Each step shows as it runs, with its elapsed time.
    const progress = page.getByTestId("board-progress");
    await expect(progress).toContainText("Changing the board to audit", { timeout: 10_000 });
    await expect(progress.locator('[data-step="post_mode"]')).toContainText(
      "Set the mode (POST mode)",
    );
    await expect(progress.getByTestId("board-progress-elapsed").first()).toHaveText(/^\d+\.\d s$/);

    // A second change while this one runs is refused at once, in words.
    const refusedAt = Date.now();
    await otherForm.getByRole("button", { name: "Change mode" }).click();
    await expect(otherForm.getByRole("alert")).toContainText(
      "Another board change is still running",
      { timeout: 5_000 },
    );
    expect(Date.now() - refusedAt).toBeLessThan(5_000);

    const verdict = page.getByTestId("board-change-verdict");
    await expect(verdict).toContainText("Partial: mode set, objective not set", {
      timeout: 60_000,
    });
    await expect(page.getByTestId("board-change-result")).toHaveAttribute("data-state", "partial");
    // The lost POST answer reads "no answer" (amber), not "failed": the board read after it shows the mode applied.
    await expect(
      page.getByTestId("board-change-result").locator('[data-step="post_mode"]'),
    ).toContainText("no answer");
  } finally {
    simulator.clearFaults();
    await other.close();
  }
  expect(simulator.team(teamId).mode).toBe("audit");
  expect(simulator.team(teamId).objective).not.toBe(objective);
  await expect(page.getByTestId("board-mode")).toContainText("audit");
  await expect(page.getByTestId("board-progress")).toHaveCount(0);

  // One click completes it with the lead's text kept: the objective only (PATCH room), no second POST.
  const complete = page.getByTestId("board-change-complete");
  await expect(complete).toHaveText("Set it now");
  await complete.click();
  await expect(page.getByTestId("board-change-verdict")).toContainText(
    "Confirmed: the board shows audit with your objective.",
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("board-change-verdict")).toContainText("recorded only in Vigil");
  expect(modePosts() - postsBefore).toBe(1);
  expect(simulator.team(teamId)).toMatchObject({ mode: "audit", objective });
  await expect(page.getByTestId("board-objective-text")).toHaveText(objective);
  await expect(page.getByTestId("board-objective-state")).toHaveAttribute("data-state", "custom");

  // Vigil's record, read again from the server: the completing change confirmed, the first one partial.
  await page.reload();
  const changes = page.getByTestId("board-changes").locator('[data-source="vigil"]');
  await expect(changes.first()).toHaveAttribute("data-state", "confirmed");
  await expect(changes.first()).toContainText(objective);
  await expect(changes.nth(1)).toHaveAttribute("data-state", "partial");
  await expect(changes.nth(1)).toContainText("Partial: mode set, objective not set");
  await expect(page.getByTestId("board-stale")).toHaveCount(0);
  await context.close();
});

test("a change whose confirming read fails is 'not yet confirmed' (not failed), the board is STALE until Vigil reads it again and confirms", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  const page = await context.newPage();
  await page.goto("/board");
  await page.getByTestId("board-refresh").click();
  await expect(page.getByTestId("board-mode")).toContainText("audit");
  await expect(page.getByTestId("board-stale")).toHaveCount(0);

  const form = page.getByTestId("board-change-form");
  await form.getByTestId("board-mode-option-docs").click();
  await form.getByLabel("Reason").fill("Release notes week");
  // The first read (before the POST) goes through; every read after it is reset until cleared.
  simulator.setFault({ step: "get_board", kind: "reset_before", skip: 1 });
  try {
    await form.getByRole("button", { name: "Change mode" }).click();
    const result = page.getByTestId("board-change-result");
    await expect(result).toHaveAttribute("data-state", "unconfirmed", { timeout: 60_000 });
    await expect(page.getByTestId("board-change-verdict")).toContainText("not yet confirmed");
    await expect(page.getByTestId("board-change-verdict")).not.toContainText("Failed");
    await expect(page.getByTestId("board-change-complete")).toHaveCount(0);
    await expect(page.getByTestId("board-stale")).toHaveText("STALE");
    await expect(page.getByTestId("board-out-of-step")).toHaveCount(0);
  } finally {
    simulator.clearFaults();
  }
  expect(simulator.team(teamId).mode).toBe("docs");
  // Vigil reads the board again on its own; the panel follows without a reload.
  await expect(page.getByTestId("board-mode")).toContainText("docs", { timeout: 40_000 });
  await expect(page.getByTestId("board-stale")).toHaveCount(0);
  await expect(
    page.getByTestId("board-changes").locator('[data-source="vigil"]').first(),
  ).toHaveAttribute("data-state", "confirmed");
  await context.close();
});
