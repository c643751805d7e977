import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ActionItemView, PostmortemDetail } from "@/lib/postmortems/types";
import type { TeamCalendarView } from "@/lib/team/types";
import { inDatabase, storageStateFor, withRole } from "./support";

const run = Date.now();

type Resolved = { incidentId: string; postmortemId: string; title: string };

/** A SEV1 declared and resolved through the API: resolving drafts its required postmortem. */
async function resolvedSev1(request: APIRequestContext, title: string): Promise<Resolved> {
  const declared = await request.post("/api/v1/incidents", {
    data: { title, severity: "sev1" },
    headers: { "Idempotency-Key": `e2e-postmortems-list-${randomUUID()}` },
  });
  expect(declared.status()).toBe(201);
  const incident = ((await declared.json()) as { incident: { id: string; version: number } })
    .incident;
  const resolved = await request.patch(`/api/v1/incidents/${incident.id}`, {
    data: {
      version: incident.version,
      status: "resolved",
      rootCause: "A certificate expired on the edge proxy.",
    },
  });
  expect(resolved.status()).toBe(200);
  const postmortem = await request.get(`/api/v1/incidents/${incident.id}/postmortem`);
  expect(postmortem.status()).toBe(200);
  return {
    incidentId: incident.id,
    postmortemId: ((await postmortem.json()) as PostmortemDetail).postmortem.id,
    title,
  };
}

/** Resolved three weeks ago, so the due date (five business days later) passed long ago, whatever the calendar says. */
async function makeOverdue({ incidentId, postmortemId }: Resolved): Promise<void> {
  await inDatabase(
    `UPDATE "Incident" SET "declaredAt" = now() - interval '22 days', "resolvedAt" = now() - interval '21 days' WHERE id = $1`,
    [incidentId],
  );
  await inDatabase(`UPDATE "Postmortem" SET "dueAt" = now() - interval '14 days' WHERE id = $1`, [
    postmortemId,
  ]);
}

async function addActionItem(
  request: APIRequestContext,
  postmortemId: string,
  data: Record<string, unknown>,
): Promise<ActionItemView> {
  const response = await request.post(`/api/v1/postmortems/${postmortemId}/action-items`, { data });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { actionItem: ActionItemView }).actionItem;
}

test.describe("the team calendar", () => {
  test.use({ storageState: storageStateFor("admin") });

  test.afterAll(async ({ browser }) => {
    // Other specs count business days in UTC without holidays.
    await withRole(browser, "admin", async (page) => {
      const current = (await (
        await page.request.get("/api/v1/team/calendar")
      ).json()) as TeamCalendarView;
      const restored = await page.request.put("/api/v1/team/calendar", {
        data: { timeZone: "UTC", holidays: [], version: current.version },
      });
      expect(restored.status()).toBe(200);
    });
  });

  test("an admin sets the time zone and a holiday; a bad zone is refused under its field; a viewer gets the 403 page", async ({
    page,
    browser,
  }) => {
    await page.goto("/settings");
    await page.getByRole("link", { name: /Team calendar/ }).click();
    await expect(page).toHaveURL(/\/settings\/team$/);

    const zone = page.getByTestId("team-time-zone");
    await zone.fill("Mars/Olympus_Mons");
    await page.getByRole("button", { name: "Save calendar" }).click();
    await expect(page.getByTestId("team-calendar-form")).toContainText(
      "That is not a time zone this server knows",
    );
    await expect(zone).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("team-calendar-saved")).toHaveCount(0);

    await zone.fill("Europe/Berlin");
    await page.getByTestId("team-holiday-add").click();
    const row = page.getByTestId("team-holiday-row").last();
    await row.getByTestId("team-holiday-date").fill("2026-12-24");
    await row.getByTestId("team-holiday-name").fill(`Christmas Eve ${run}`);
    await page.getByRole("button", { name: "Save calendar" }).click();
    await expect(page.getByTestId("team-calendar-saved")).toHaveText(
      /^Saved\. \d+ open postmortem due dates? recomputed\.$/,
    );

    await page.reload();
    await expect(page.getByTestId("team-time-zone")).toHaveValue("Europe/Berlin");
    await expect(page.getByTestId("team-holiday-name")).toHaveValue(`Christmas Eve ${run}`);
    await expect(page.getByTestId("team-holiday-date")).toHaveValue("2026-12-24");
    const stored = (await (
      await page.request.get("/api/v1/team/calendar")
    ).json()) as TeamCalendarView;
    expect(stored).toMatchObject({
      timeZone: "Europe/Berlin",
      holidays: [{ date: "2026-12-24", name: `Christmas Eve ${run}` }],
    });

    // Removing the row and saving again leaves no holidays.
    await page.getByTestId("team-holiday-remove").click();
    await expect(page.getByTestId("team-holidays-empty")).toBeVisible();
    await page.getByRole("button", { name: "Save calendar" }).click();
    await expect(page.getByTestId("team-calendar-saved")).toBeVisible();
    expect(
      ((await (await page.request.get("/api/v1/team/calendar")).json()) as TeamCalendarView)
        .holidays,
    ).toEqual([]);

    await withRole(browser, "viewer", async (viewer) => {
      await viewer.goto("/settings/team");
      await expect(viewer.getByTestId("forbidden")).toBeVisible();
      await expect(viewer.getByTestId("team-calendar-form")).toHaveCount(0);
      await viewer.goto("/settings");
      await expect(viewer.getByRole("link", { name: /Team calendar/ })).toHaveCount(0);
    });
  });
});

test.describe("the postmortems list and the action items", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("the overdue filter shows an overdue postmortem, marked, and hides one that is on time", async ({
    page,
    browser,
  }) => {
    const late = await resolvedSev1(page.request, `Overdue list e2e ${run}`);
    const onTime = await resolvedSev1(page.request, `On-time list e2e ${run}`);
    await makeOverdue(late);

    await page.goto("/postmortems");
    const lateRow = page.getByTestId("postmortem-row").filter({ hasText: late.title });
    const onTimeRow = page.getByTestId("postmortem-row").filter({ hasText: onTime.title });
    await expect(lateRow).toHaveAttribute("data-overdue", "true");
    await expect(lateRow.getByTestId("postmortem-due")).toContainText(
      /overdue by \d+ business days/,
    );
    await expect(lateRow.getByTestId("postmortem-overdue")).toBeVisible();
    await expect(onTimeRow).not.toHaveAttribute("data-overdue", "true");
    await expect(onTimeRow.getByTestId("postmortem-due")).toContainText("due in 5 business days");

    await page.getByTestId("postmortem-filter-overdue").check();
    await page.getByTestId("postmortem-filters-apply").click();
    await expect(page).toHaveURL(/[?&]overdue=1/);
    await expect(lateRow).toBeVisible();
    await expect(onTimeRow).toHaveCount(0);
    await expect(
      page.getByTestId("postmortem-row").and(page.locator(":not([data-overdue])")),
    ).toHaveCount(0);
    await expect(page.getByTestId("postmortem-filter-overdue")).toBeChecked();

    await page.goto("/postmortems?status=published&overdue=1");
    await expect(lateRow).toHaveCount(0);

    // The row and the overview's banner both open the document itself.
    await page.goto("/postmortems?overdue=1");
    await expect(lateRow.getByTestId("postmortem-link")).toHaveAttribute(
      "href",
      `/postmortems/${late.postmortemId}`,
    );
    await withRole(browser, "viewer", async (viewer) => {
      await viewer.goto("/");
      await expect(
        viewer
          .getByTestId("overdue-postmortems-banner")
          .getByRole("link", { name: new RegExp(late.title) }),
      ).toHaveAttribute("href", `/postmortems/${late.postmortemId}`);
    });
  });

  test("the action items page lists open items with overdue ones marked; a responder moves one along; a stale change is reloaded", async ({
    page,
  }) => {
    const source = await resolvedSev1(page.request, `Action items e2e ${run}`);
    const overdue = await addActionItem(page.request, source.postmortemId, {
      title: `Rotate the edge certificates automatically ${run}`,
      dueDate: "2020-01-10",
      issueUrl: "https://tracker.example/VIG-101",
    });
    const later = await addActionItem(page.request, source.postmortemId, {
      title: `Alert 14 days before a certificate expires ${run}`,
      dueDate: "2099-01-01",
    });

    await page.goto("/postmortems");
    await page.getByTestId("postmortem-tabs").getByRole("link", { name: "Action items" }).click();
    await expect(page).toHaveURL(/\/postmortems\/action-items$/);
    const overdueRow = page.getByTestId("action-item-row").filter({ hasText: overdue.title });
    const laterRow = page.getByTestId("action-item-row").filter({ hasText: later.title });
    await expect(overdueRow).toHaveAttribute("data-overdue", "true");
    await expect(overdueRow.getByTestId("action-item-overdue")).toBeVisible();
    await expect(overdueRow.getByTestId("action-item-issue")).toHaveAttribute(
      "href",
      "https://tracker.example/VIG-101",
    );
    await expect(overdueRow.getByTestId("action-item-issue")).toHaveAttribute(
      "rel",
      "noopener noreferrer nofollow",
    );
    await expect(overdueRow.getByRole("link", { name: new RegExp(source.title) })).toHaveAttribute(
      "href",
      `/postmortems/${source.postmortemId}`,
    );
    await expect(laterRow).toBeVisible();
    await expect(laterRow.getByTestId("action-item-overdue")).toHaveCount(0);
    // Overdue first.
    const titles = await page.getByTestId("action-item-title").allTextContents();
    expect(titles.indexOf(overdue.title)).toBeLessThan(titles.indexOf(later.title));

    // Someone else renames the overdue item after the page loaded: the status change is refused and the row shows theirs.
    const renamed = `Rotate certificates with cert-manager ${run}`;
    const patched = await page.request.patch(
      `/api/v1/postmortems/${source.postmortemId}/action-items/${overdue.id}`,
      { data: { version: overdue.version, title: renamed } },
    );
    expect(patched.status()).toBe(200);
    await overdueRow.getByTestId("action-item-status-select").selectOption("in_progress");
    await overdueRow.getByTestId("action-item-status-save").click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Someone changed this item: reloaded" }),
    ).toBeVisible();
    const renamedRow = page.getByTestId("action-item-row").filter({ hasText: renamed });
    await expect(renamedRow.getByTestId("action-item-status-select")).toHaveValue("open");

    await renamedRow.getByTestId("action-item-status-select").selectOption("in_progress");
    await renamedRow.getByTestId("action-item-status-save").click();
    await expect(renamedRow.getByTestId("action-item-status-select")).toHaveValue("in_progress");
    await expect(renamedRow.getByTestId("action-item-status-save")).toBeDisabled();

    // Done items leave the open list and come back with the toggle.
    await laterRow.getByTestId("action-item-status-select").selectOption("done");
    await laterRow.getByTestId("action-item-status-save").click();
    await expect(laterRow).toHaveCount(0);
    await page.getByTestId("action-items-show-all").click();
    await expect(page).toHaveURL(/[?&]all=1/);
    await expect(laterRow.getByTestId("action-item-status-select")).toHaveValue("done");
    await expect(renamedRow).toBeVisible();
  });

  test("resolving a SEV1 in the browser leads straight into its postmortem", async ({ page }) => {
    const title = `Resolve leads to postmortem e2e ${run}`;
    const declared = await page.request.post("/api/v1/incidents", {
      data: { title, severity: "sev1" },
      headers: { "Idempotency-Key": `e2e-postmortems-list-${randomUUID()}` },
    });
    expect(declared.status()).toBe(201);
    const incidentId = ((await declared.json()) as { incident: { id: string } }).incident.id;

    await page.goto(`/incidents/${incidentId}`);
    await page.getByTestId("open-resolve").click();
    await page.getByTestId("resolve-root-cause").fill("The edge certificate expired.");
    await page.getByTestId("resolve-submit").click();
    await expect(page).toHaveURL(/\/postmortems\/[0-9a-f-]{36}$/);
    const postmortemId = new URL(page.url()).pathname.split("/").pop();
    const detail = (await (
      await page.request.get(`/api/v1/incidents/${incidentId}/postmortem`)
    ).json()) as PostmortemDetail;
    expect(detail.postmortem.id).toBe(postmortemId);

    await page.goto(`/incidents/${incidentId}`);
    const fact = page.getByTestId("incident-postmortem");
    await expect(fact.getByRole("link")).toHaveAttribute("href", `/postmortems/${postmortemId}`);
    await expect(fact).toContainText("Postmortem draft");
    await expect(fact).toContainText("due");
  });
});

test.describe("the action items section of a postmortem", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("adds an item with its fields checked, edits it, and reloads a stale edit instead of overwriting", async ({
    page,
  }) => {
    const source = await resolvedSev1(page.request, `Section e2e ${run}`);
    await page.goto(`/postmortems/${source.postmortemId}`);
    const section = page.getByTestId("action-items-section");
    const add = section.getByTestId("action-item-add-form");
    const title = `Page on certificate expiry ${run}`;

    await add.getByTestId("action-item-title-input").fill(title);
    await add.getByTestId("action-item-issue-input").fill("javascript:alert(1)");
    await add.getByTestId("action-item-add").click();
    await expect(add).toContainText("Use an http(s) link to the issue.");
    await expect(add.getByTestId("action-item-issue-input")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(section.getByTestId("action-item")).toHaveCount(0);

    await add.getByTestId("action-item-issue-input").fill("https://tracker.example/VIG-202");
    await add.getByTestId("action-item-owner").selectOption({ label: "E2E lead (lead@e2e.test)" });
    await add.getByTestId("action-item-due-input").fill("2020-02-03");
    await add.getByTestId("action-item-add").click();
    const item = section.getByTestId("action-item").filter({ hasText: title });
    await expect(item).toHaveAttribute("data-overdue", "true");
    await expect(item.getByTestId("action-item-owner-name")).toHaveText("E2E lead");
    await expect(item.getByTestId("action-item-issue")).toHaveAttribute(
      "href",
      "https://tracker.example/VIG-202",
    );
    await expect(add.getByTestId("action-item-title-input")).toHaveValue("");

    await item.getByTestId("action-item-edit").click();
    await item.getByTestId("action-item-due-input").fill("2099-03-01");
    await item.getByTestId("action-item-status-input").selectOption("in_progress");
    await item.getByTestId("action-item-save").click();
    await expect(item.getByTestId("action-item-form")).toHaveCount(0);
    await expect(item.getByTestId("action-item-status")).toHaveText("In progress");
    await expect(item).not.toHaveAttribute("data-overdue", "true");

    const stored = (
      (await (
        await page.request.get(`/api/v1/postmortems/${source.postmortemId}`)
      ).json()) as PostmortemDetail
    ).actionItems.find((entry) => entry.title === title);
    expect(stored).toMatchObject({ dueDate: "2099-03-01", status: "in_progress" });
    await item.getByTestId("action-item-edit").click();
    const patched = await page.request.patch(
      `/api/v1/postmortems/${source.postmortemId}/action-items/${stored?.id}`,
      { data: { version: stored?.version, status: "done" } },
    );
    expect(patched.status()).toBe(200);
    await item.getByTestId("action-item-issue-input").fill("https://tracker.example/VIG-303");
    await item.getByTestId("action-item-save").click();
    await expect(item.getByTestId("action-item-stale")).toHaveText(
      /Someone changed this item: reloaded/,
    );
    await expect(item.getByTestId("action-item-status")).toHaveText("Done");
    await expect(item.getByTestId("action-item-issue-input")).toHaveValue(
      "https://tracker.example/VIG-202",
    );
  });
});
