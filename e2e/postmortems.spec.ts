import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import type { PostmortemDetail } from "@/lib/postmortems/types";
import { storageStateFor } from "./support";

const run = Date.now();
const sectionLabels = [
  "Summary",
  "Impact",
  "Detection",
  "Root cause(s)",
  "Contributing factors",
  "What went well",
  "What was hard",
  "Lessons",
];

type Incident = { id: string; number: number; version: number };

async function declare(
  request: APIRequestContext,
  data: Record<string, unknown>,
): Promise<Incident> {
  const response = await request.post("/api/v1/incidents", {
    data,
    headers: { "Idempotency-Key": `e2e-postmortem-${randomUUID()}` },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { incident: Incident }).incident;
}

async function note(request: APIRequestContext, incidentId: string, body: string): Promise<string> {
  const response = await request.post(`/api/v1/incidents/${incidentId}/timeline`, {
    data: { body, kind: "note" },
    headers: { "Idempotency-Key": `e2e-postmortem-${randomUUID()}` },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { entry: { id: string } }).entry.id;
}

async function openAs<T>(
  browser: Browser,
  role: Role,
  path: string,
  act: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  try {
    const page = await context.newPage();
    await page.goto(path);
    return await act(page);
  } finally {
    await context.close();
  }
}

const section = (page: Page, name: string) =>
  page.locator(`[data-testid="postmortem-section"][data-section="${name}"]`);
const input = (page: Page, name: string) => section(page, name).getByTestId("section-input");
const entry = (page: Page, id: string) =>
  page.locator(`[data-testid="curated-entry"][data-entry-id="${id}"]`);

async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("autosave-status")).toHaveAttribute("data-state", "saved", {
    timeout: 10_000,
  });
  await expect(page.getByTestId("autosave-status")).toHaveText(/^Saved \d{2}:\d{2}$/);
}

test.describe("the postmortem document", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("a resolved SEV1 leads into its prefilled postmortem: write, curate, review, publish, export", async ({
    page,
    context,
    browser,
  }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const incident = await declare(page.request, {
      title: `Postmortem e2e ${run}`,
      severity: "sev1",
      summary: `Checkout returned 502s for twenty minutes ${run}.`,
      userImpact: `Users could not pay ${run}.`,
    });
    const noise = `paged the wrong team by mistake ${run}`;
    const noiseId = await note(page.request, incident.id, noise);
    const rollbackId = await note(page.request, incident.id, `rolled back the gateway ${run}`);

    // Resolving the SEV1 lands its owner (the commander, who declared it) in the drafted postmortem.
    await page.goto(`/incidents/${incident.id}`);
    await page.getByTestId("open-resolve").click();
    await page
      .getByTestId("resolve-root-cause")
      .fill(`The gateway's connection pool was exhausted ${run}.`);
    await page.getByTestId("resolve-submit").click();
    await page.waitForURL(/\/postmortems\/[0-9a-f-]{36}$/);
    const postmortemPath = new URL(page.url()).pathname;
    await expect(page).toHaveTitle(new RegExp(`INC-${incident.number} postmortem`));
    await expect(page.getByTestId("postmortem-status")).toHaveText("Draft");
    await expect(page.getByTestId("postmortem-required")).toHaveText("Required");
    await expect(page.getByTestId("postmortem-due")).toContainText(
      /due (in \d business days?|today)/,
    );
    await expect(page.getByTestId("postmortem-due")).toHaveAttribute("data-overdue", "false");
    await expect(page.getByTestId("postmortem-incident-link")).toHaveAttribute(
      "href",
      `/incidents/${incident.id}`,
    );
    await expect(input(page, "summary")).toHaveValue(
      `Checkout returned 502s for twenty minutes ${run}.`,
    );
    await expect(input(page, "impact")).toHaveValue(new RegExp(`Users could not pay ${run}`));
    await expect(input(page, "rootCauses")).toHaveValue(
      `The gateway's connection pool was exhausted ${run}.`,
    );
    await expect(page.getByTestId("impact-facts")).toContainText("SEV1");
    await expect(page.getByTestId("detection-facts")).toBeVisible();
    await expect(section(page, "summary").getByTestId("blame-hint")).toHaveCount(0);

    // Autosave: typing pauses, the page says Saved, and a reload keeps the text.
    const wentWell = `The rollback runbook was up to date ${run}.`;
    await input(page, "wentWell").fill(wentWell);
    await expect(page.getByTestId("autosave-status")).toHaveAttribute(
      "data-state",
      /pending|saving|saved/,
    );
    await expectSaved(page);

    // A blaming sentence gets a gentle hint and is saved all the same.
    const blaming = `Sam should have checked the pool size before the launch ${run}.`;
    await input(page, "contributingFactors").fill(blaming);
    const hint = section(page, "contributingFactors").getByTestId("blame-hint");
    await expect(hint).toContainText("Blameless tip");
    await expect(hint).toContainText("“should have”");
    await input(page, "contributingFactors").blur();
    await expectSaved(page);

    // Timeline curation: leave one entry out, annotate another; the entries themselves are not editable.
    await expect(entry(page, noiseId).getByTestId("curated-entry-body")).toHaveText(noise);
    await entry(page, noiseId).getByTestId("entry-include").uncheck();
    await expect(entry(page, noiseId)).toHaveAttribute("data-included", "false");
    const annotation = `This stopped the errors within two minutes ${run}`;
    await entry(page, rollbackId).getByTestId("entry-annotation").fill(annotation);
    await expectSaved(page);

    await page.reload();
    await expect(input(page, "wentWell")).toHaveValue(wentWell);
    await expect(input(page, "contributingFactors")).toHaveValue(blaming);
    await expect(section(page, "contributingFactors").getByTestId("blame-hint")).toBeVisible();
    await expect(entry(page, noiseId)).toHaveAttribute("data-included", "false");
    await expect(entry(page, noiseId).getByTestId("entry-include")).not.toBeChecked();
    await expect(entry(page, rollbackId).getByTestId("entry-annotation")).toHaveValue(annotation);
    await page.getByTestId("revision-history").locator("summary").first().click();
    await expect(page.getByTestId("revision").first()).toBeVisible();

    // The owner asks the lead for a review; publishing waits for an approval.
    await expect(page.getByTestId("publish")).toBeDisabled();
    await expect(page.getByTestId("request-review")).toBeDisabled();
    await page
      .locator('[data-testid="reviewer-option"][data-email="lead@e2e.test"]')
      .getByRole("checkbox")
      .check();
    await page.getByTestId("request-review").click();
    await expect(page.getByTestId("postmortem-status")).toHaveText("In review");
    await expect(page.getByTestId("reviewer")).toHaveCount(1);
    await expect(page.getByTestId("reviewer")).toContainText("E2E lead");
    await expect(page.getByTestId("readiness-reason").first()).toBeVisible();
    await expect(page.getByTestId("publish")).toBeDisabled();
    // The owner is not a reviewer: no decision buttons.
    await expect(page.getByTestId("review-form")).toHaveCount(0);

    await openAs(browser, "lead", postmortemPath, async (lead) => {
      const form = lead.getByTestId("review-form");
      await form.getByTestId("review-request-changes").click();
      await expect(form.getByRole("alert")).toHaveText("Say what should change.");
      await form.getByTestId("review-comment").fill(`Clear and blameless; ship it ${run}`);
      await form.getByTestId("review-approve").click();
      await expect(lead.getByTestId("reviewer")).toHaveAttribute("data-decision", "approved");
      await expect(lead.getByTestId("review")).toContainText(`Clear and blameless; ship it ${run}`);
      await expect(lead.getByTestId("readiness")).toHaveAttribute("data-can-publish", "true");
    });

    await page.reload();
    await expect(page.getByTestId("review").first()).toHaveAttribute("data-decision", "approved");
    await expect(page.getByTestId("publish")).toBeEnabled();
    await page.getByTestId("publish").click();
    await expect(page.getByTestId("postmortem-status")).toHaveText("Published");
    await expect(page.getByTestId("published-by")).toContainText("Published by E2E responder on");
    // Read-only: no text fields, no curation controls, the text shown as written.
    await expect(page.getByTestId("section-input")).toHaveCount(0);
    await expect(page.getByTestId("entry-include")).toHaveCount(0);
    await expect(page.getByTestId("postmortem-owner")).toHaveCount(0);
    await expect(section(page, "wentWell").getByTestId("section-text")).toHaveText(wentWell);
    await expect(entry(page, noiseId)).toHaveCount(0);
    await expect(entry(page, rollbackId).getByTestId("entry-annotation-text")).toHaveText(
      annotation,
    );
    await expect(page.getByTestId("postmortem-due")).toHaveCount(0);

    // Export: the Markdown holds every section, the annotation, and not the entry left out.
    await page.getByTestId("copy-markdown").click();
    await expect(page.getByTestId("copy-markdown")).toHaveText("Copied");
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    for (const label of sectionLabels) expect(markdown, label).toContain(label);
    expect(markdown).toContain(`INC-${incident.number}`);
    expect(markdown).toContain(wentWell);
    expect(markdown).toContain(annotation);
    expect(markdown).toContain(`rolled back the gateway ${run}`);
    expect(markdown).not.toContain(noise);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-markdown").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`INC-${incident.number}-postmortem.md`);

    const [printView] = await Promise.all([
      context.waitForEvent("page"),
      page.getByTestId("print-view-link").click(),
    ]);
    await printView.waitForLoadState();
    expect(new URL(printView.url()).pathname).toBe(`${postmortemPath}/print`);
    await expect(printView.getByText(wentWell)).toBeVisible();
    await printView.close();

    // Viewers read the same document, without controls.
    await openAs(browser, "viewer", postmortemPath, async (viewer) => {
      await expect(viewer.getByTestId("postmortem-status")).toHaveText("Published");
      await expect(viewer.getByTestId("section-input")).toHaveCount(0);
      await expect(viewer.getByTestId("request-review")).toHaveCount(0);
      await expect(section(viewer, "wentWell").getByTestId("section-text")).toHaveText(wentWell);
    });
  });

  test("two editors on one section: the second is shown what changed and nothing is lost", async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    const incident = await declare(page.request, {
      title: `Postmortem conflict e2e ${run}`,
      severity: "sev2",
    });
    const created = await page.request.put(`/api/v1/incidents/${incident.id}/postmortem`, {
      data: { content: { summary: "first draft" } },
    });
    expect(created.status()).toBe(201);
    const postmortemId = ((await created.json()) as PostmortemDetail).postmortem.id;
    const path = `/postmortems/${postmortemId}`;

    await page.goto(path);
    await expect(page.getByTestId("postmortem-required")).toHaveText("Optional");
    const leadContext = await browser.newContext({ storageState: storageStateFor("lead") });
    try {
      const lead = await leadContext.newPage();
      await lead.goto(path);
      await expect(input(lead, "summary")).toHaveValue("first draft");

      const theirSummary = `The lead's summary ${run}`;
      const theirLessons = `The lead's lessons ${run}`;
      await input(lead, "summary").fill(theirSummary);
      await input(lead, "lessons").fill(theirLessons);
      await input(lead, "lessons").blur();
      await expectSaved(lead);

      // The responder still has the page as it was, and writes into the same sections (and one more). Moving from
      // one box to the next saves the first; on a slow line that answer comes after all three are typed, which is
      // the case this test is about (a fast answer would already have put the lead's lessons in front of them).
      let slowLine = true;
      await page.route(path, async (route) => {
        if (slowLine && route.request().method() === "POST")
          await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      });
      const mySummary = `The responder's summary ${run}`;
      const myLessons = `The responder's lessons ${run}`;
      const myHard = `Finding the right dashboard ${run}`;
      await input(page, "summary").fill(mySummary);
      await input(page, "lessons").fill(myLessons);
      await input(page, "wasHard").fill(myHard);
      await input(page, "wasHard").blur();

      const notice = page.getByTestId("postmortem-conflict");
      await expect(notice).toBeVisible({ timeout: 10_000 });
      await expect(page.getByTestId("autosave-status")).toHaveAttribute("data-state", "error");
      await expect(page.getByTestId("autosave-status")).toContainText("Not saved");
      const summaryConflict = notice.locator(
        '[data-testid="conflict-section"][data-section="summary"]',
      );
      const lessonsConflict = notice.locator(
        '[data-testid="conflict-section"][data-section="lessons"]',
      );
      await expect(summaryConflict.getByTestId("conflict-theirs")).toHaveText(theirSummary);
      await expect(summaryConflict.getByTestId("conflict-mine")).toHaveText(mySummary);
      await expect(lessonsConflict.getByTestId("conflict-theirs")).toHaveText(theirLessons);
      // A section only one editor touched is not a conflict.
      await expect(
        notice.locator('[data-testid="conflict-section"][data-section="wasHard"]'),
      ).toHaveCount(0);
      // Nothing typed is lost while the choice is open.
      await expect(input(page, "summary")).toHaveValue(mySummary);
      await expect(input(page, "lessons")).toHaveValue(myLessons);

      slowLine = false;
      await lessonsConflict.getByTestId("conflict-use-theirs").click();
      await expect(input(page, "lessons")).toHaveValue(theirLessons);
      await summaryConflict.getByTestId("conflict-keep-mine").click();
      await expect(notice).toHaveCount(0);
      await expectSaved(page);

      const saved = await page.request.get(`/api/v1/postmortems/${postmortemId}`);
      expect(saved.status()).toBe(200);
      const { postmortem, revisions } = (await saved.json()) as PostmortemDetail;
      expect(postmortem.content.summary).toBe(mySummary);
      expect(postmortem.content.lessons).toBe(theirLessons);
      expect(postmortem.content.wasHard).toBe(myHard);
      // The lead's text stays in the revision history.
      expect(revisions.some((revision) => revision.content.summary === theirSummary)).toBe(true);

      // The lead's page is now behind: its next save merges what the responder did instead of undoing it.
      await input(lead, "wentWell").fill(`Paging worked ${run}`);
      await expectSaved(lead);
      await expect(input(lead, "summary")).toHaveValue(mySummary);
      await expect(input(lead, "wasHard")).toHaveValue(myHard);
      await expect(lead.getByTestId("postmortem-conflict")).toHaveCount(0);
    } finally {
      await leadContext.close();
    }
  });
});
