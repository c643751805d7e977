import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { storageStateFor } from "./support";

const run = Date.now();

type Incident = { id: string; number: number };

async function declare(request: APIRequestContext): Promise<Incident> {
  const response = await request.post("/api/v1/incidents", {
    data: { title: `CSP e2e ${run}`, severity: "sev3" },
    headers: { "Idempotency-Key": `e2e-csp-${randomUUID()}` },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { incident: Incident }).incident;
}

async function draftPostmortem(request: APIRequestContext, incidentId: string): Promise<string> {
  const response = await request.put(`/api/v1/incidents/${incidentId}/postmortem`, {
    data: { content: { summary: `CSP e2e summary ${run}` } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { postmortem: { id: string } }).postmortem.id;
}

function nonceOf(policy: string | undefined): string {
  const match = /'nonce-([^']+)'/.exec(policy ?? "");
  expect(match, `no nonce in ${policy}`).not.toBeNull();
  return match?.[1] ?? "";
}

type Watch = { problems: string[] };

/** Records every policy violation (the DOM event and Chromium's console report) and every console error. */
async function watch(page: Page): Promise<Watch> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction("reportCspViolation", (text: string) =>
    problems.push(`violation: ${text}`),
  );
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void })
        .reportCspViolation;
      void report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return { problems };
}

async function expectHydrated(page: Page, testId: string): Promise<void> {
  await expect
    .poll(() =>
      page
        .getByTestId(testId)
        .first()
        .evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber"))),
    )
    .toBe(true);
}

async function visit(page: Page, path: string): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const policy = response?.headers()["content-security-policy"];
  expect(policy, `${path} has a Content-Security-Policy`).toContain("'strict-dynamic'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  // Served over plain http here, so no HSTS.
  expect(response?.headers()["strict-transport-security"]).toBeUndefined();
  // Every script the server wrote carries this response's nonce (Next.js's own, the theme script); scripts those
  // load later are allowed by 'strict-dynamic' and need none.
  const nonce = nonceOf(policy);
  const scriptTags = [...((await response?.text()) ?? "").matchAll(/<script\b[^>]*>/g)].map(
    (match) => match[0],
  );
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce;
}

test.describe("the Content-Security-Policy", () => {
  test("sign-in: a fresh nonce per response, no violation, and the form hydrates", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const page = await context.newPage();
      const { problems } = await watch(page);
      const first = await visit(page, "/signin");
      await expectHydrated(page, "signin-email");
      const second = await visit(page, "/signin");
      expect(second).not.toBe(first);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test.describe("signed in", () => {
    test.use({ storageState: storageStateFor("responder") });

    test("overview, an incident and a postmortem load under the policy and work", async ({
      page,
    }) => {
      test.setTimeout(60_000);
      const incident = await declare(page.request);
      const postmortemId = await draftPostmortem(page.request, incident.id);
      const { problems } = await watch(page);
      const seen = new Set<string>();

      seen.add(await visit(page, "/"));
      await expectHydrated(page, "theme-toggle");
      const toggle = page.getByTestId("theme-toggle");
      const before = await toggle.getAttribute("data-preference");
      await toggle.click();
      await expect(toggle).not.toHaveAttribute("data-preference", before ?? "");
      // The inline theme script in <head> ran under the nonce: it set the theme before React did.
      await expect(page.locator("html")).toHaveAttribute("data-theme", /^(light|dark)$/);

      seen.add(await visit(page, `/incidents/${incident.id}`));
      // React Query and the live stream run under connect-src 'self'.
      await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", {
        timeout: 10_000,
      });
      const text = `CSP e2e note ${run}`;
      await page.getByTestId("timeline-input").fill(text);
      await page.getByTestId("timeline-input").press("Enter");
      await expect(page.getByTestId("timeline-entry").filter({ hasText: text })).toBeVisible();

      seen.add(await visit(page, `/postmortems/${postmortemId}`));
      await expect(page.getByTestId("postmortem-status")).toHaveText("Draft");
      await expectHydrated(page, "postmortem-status");

      seen.add(await visit(page, "/services"));
      await expectHydrated(page, "theme-toggle");

      expect(seen.size).toBe(4);
      expect(problems).toEqual([]);
    });

    test("direction controls in an incident title and a timeline entry are shown as inert markers", async ({
      page,
    }) => {
      const response = await page.request.post("/api/v1/incidents", {
        data: { title: `Bidi e2e \u202Eexe.txt\u202C ${run}`, severity: "sev3" },
        headers: { "Idempotency-Key": `e2e-bidi-${randomUUID()}` },
      });
      expect(response.status()).toBe(201);
      const { incident } = (await response.json()) as { incident: Incident };
      const note = await page.request.post(`/api/v1/incidents/${incident.id}/timeline`, {
        data: { body: `tail \u2067the logs\u2069 then \u202Eflesym\u202C ${run}`, kind: "note" },
        headers: { "Idempotency-Key": `e2e-bidi-${randomUUID()}` },
      });
      expect(note.status()).toBe(201);
      await page.goto(`/incidents/${incident.id}`);
      await expect(page.getByTestId("incident-title")).toHaveText(
        `Bidi e2e ⟨U+202E⟩exe.txt⟨U+202C⟩ ${run}`,
      );
      const body = page
        .getByTestId("timeline-entry")
        .filter({ hasText: `then` })
        .getByTestId("entry-body");
      await expect(body).toHaveText(
        `tail ⟨U+2067⟩the logs⟨U+2069⟩ then ⟨U+202E⟩flesym⟨U+202C⟩ ${run}`,
      );
      await expect(body.getByTestId("bidi-control")).toHaveCount(4);
      expect(
        await body.evaluate((element) =>
          /[\u202A-\u202E\u2066-\u2069]/.test(element.textContent ?? ""),
        ),
      ).toBe(false);
      expect(await body.locator("bdi").count()).toBeGreaterThan(0);
    });

    test("the not-found page carries the policy too", async ({ page }) => {
      const { problems } = await watch(page);
      const response = await page.goto(`/incidents/${randomUUID()}`);
      expect(response?.status()).toBe(404);
      expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
      await expectHydrated(page, "theme-toggle");
      expect(problems.filter((problem) => !/404/.test(problem))).toEqual([]);
    });
  });

  test("API answers and static files carry the hardening headers; a forged X-Forwarded-Proto earns no HSTS", async ({
    request,
  }) => {
    const health = await request.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } });
    const headers = health.headers();
    expect(headers["content-security-policy"]).toContain("default-src 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // No trusted proxy is configured for the e2e server, so the header is anyone's word.
    expect(headers["strict-transport-security"]).toBeUndefined();

    const signIn = await request.get("/signin");
    const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(await signIn.text())?.[1];
    expect(script).toBeTruthy();
    const asset = await request.get(script ?? "");
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
    expect(asset.headers()["cross-origin-resource-policy"]).toBe("same-origin");
  });
});
