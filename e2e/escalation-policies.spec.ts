import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support";

test.use({ storageState: storageStateFor("lead") });

const policyName = `E2E policy ${Date.now()}`;

test("a lead creates an escalation policy: an empty level is refused on that level, the saved policy is there after a reload", async ({
  page,
}) => {
  await page.goto("/settings/on-call");
  await expect(page.getByTestId("escalation-policy-default").first()).toBeVisible();

  await page.getByTestId("escalation-policy-new").locator("summary").click();
  const form = page.getByTestId("escalation-policy-new-form");
  await form.getByTestId("escalation-policy-name").fill(policyName);
  await expect(form.getByTestId("escalation-level")).toHaveCount(3);
  await form.getByTestId("escalation-level-add").click();
  const added = form.getByTestId("escalation-level").nth(3);
  await added.getByTestId("escalation-level-delay").fill("15");
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(added.getByTestId("escalation-level-error")).toHaveText(
    "A level needs at least one target.",
  );
  await expect(
    form.getByTestId("escalation-level").nth(0).getByTestId("escalation-level-error"),
  ).toHaveCount(0);

  await added.getByTestId("escalation-level-leads").check();
  await added.getByTestId("escalation-level-person").selectOption({ label: "E2E responder" });
  await added.getByTestId("escalation-level-person-add").click();
  await expect(added.getByTestId("escalation-level-people")).toContainText("E2E responder");
  await form.getByTestId("escalation-policy-repeat").fill("2");
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(form.getByTestId("escalation-policy-saved")).toContainText(
    `Saved ${policyName}: 4 levels, repeated 2 times.`,
  );

  await page.reload();
  const saved = page.locator(`[data-testid="escalation-policy"][data-name="${policyName}"]`);
  await expect(saved).toBeVisible();
  await expect(saved.getByTestId("escalation-policy-default")).toHaveCount(0);
  await saved.locator("summary").click();
  const levels = saved.getByTestId("escalation-level");
  await expect(levels).toHaveCount(4);
  await expect(levels.nth(3).getByTestId("escalation-level-delay")).toHaveValue("15");
  await expect(levels.nth(3).getByTestId("escalation-level-leads")).toBeChecked();
  await expect(levels.nth(3).getByTestId("escalation-level-onCall")).not.toBeChecked();
  await expect(levels.nth(3).getByTestId("escalation-level-people")).toContainText("E2E responder");
  await expect(saved.getByTestId("escalation-policy-repeat")).toHaveValue("2");

  // The API reads the same policy; then it goes, so other specs see only their own.
  const listed = (await (await page.request.get("/api/v1/escalation-policies")).json()) as {
    policies: { id: string | null; name: string; levels: unknown[] }[];
  };
  const policy = listed.policies.find((entry) => entry.name === policyName);
  expect(policy?.levels).toHaveLength(4);
  expect((await page.request.delete(`/api/v1/escalation-policies/${policy?.id}`)).status()).toBe(
    200,
  );
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("an admin adds a contact method for someone from Settings → Users and links an escalation contact to them", async ({
    page,
    browser,
  }) => {
    const address = `responder-pager-${Date.now()}@example.test`;
    await page.goto("/settings/users");
    await page
      .getByTestId("user-row-responder@e2e.test")
      .getByTestId("user-contact-methods-link")
      .click();
    await page.waitForURL(/\/settings\/users\/[0-9a-f-]{36}\/contact-methods$/);
    const responderId = /\/settings\/users\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
    await expect(
      page.getByRole("heading", { name: /Contact methods: E2E responder/ }),
    ).toBeVisible();
    await page.getByLabel("Address or URL").fill(address);
    await page.getByRole("button", { name: "Add contact method" }).click();
    await expect(page.getByTestId("contact-method-added")).toContainText(address);
    await expect(page.getByTestId("contact-methods")).toContainText(address);

    // Contact details stay with the person and admins: a lead is refused.
    const lead = await browser.newContext({ storageState: storageStateFor("lead") });
    try {
      const refused = await lead.request.get(`/api/v1/users/${responderId}/contact-methods`);
      expect(refused.status()).toBe(403);
      expect(await refused.text()).not.toContain(address);
    } finally {
      await lead.close();
    }

    const contactName = `Pager contact ${Date.now()}`;
    await page.goto("/settings/on-call");
    const add = page.getByTestId("escalation-contact-add");
    await add.getByTestId("escalation-contact-name").fill(contactName);
    await add.getByTestId("escalation-contact-contact").fill("+44 20 7946 0001");
    await add.getByTestId("escalation-contact-user").selectOption({ label: "E2E responder" });
    await add.getByRole("button", { name: "Add contact" }).click();
    const row = page.locator(`[data-testid="escalation-contact"][data-name="${contactName}"]`);
    await expect(row.getByTestId("escalation-contact-reach")).toHaveText(
      /^Reached by: E2E responder's contact methods \(\d+ enabled\)\.$/,
    );

    // Unlinked, the row says it cannot be paged by itself.
    await row
      .getByTestId("escalation-contact-user")
      .selectOption({ label: "Nobody: not paged automatically" });
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByTestId("escalation-contact-reach")).toHaveText(
      "Not reachable automatically (+44 20 7946 0001): link a Vigil user so pages reach them.",
    );

    const contacts = (await (await page.request.get("/api/v1/escalation-contacts")).json()) as {
      contacts: { id: string; name: string }[];
    };
    const contact = contacts.contacts.find((entry) => entry.name === contactName);
    expect((await page.request.delete(`/api/v1/escalation-contacts/${contact?.id}`)).status()).toBe(
      200,
    );
    const methods = (await (
      await page.request.get(`/api/v1/users/${responderId}/contact-methods`)
    ).json()) as { contactMethods: { id: string; displayTarget: string }[] };
    const method = methods.contactMethods.find((entry) => entry.displayTarget === address);
    expect((await page.request.delete(`/api/v1/me/contact-methods/${method?.id}`)).status()).toBe(
      200,
    );
  });
});
