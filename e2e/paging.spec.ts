import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { e2ePassword, emailFor, storageStateFor } from "./support";

// Ports of their own inside the e2e allow-list (127.0.0.1:4300-4399), so no other spec's simulator collides.
const controlPort = 4384;
const name = `Studio paging ${Date.now()}`;

const receiverPort = controlPort + 2;

let simulator: Simulator;
let receiver: http.Server;
const received: string[] = [];
let serviceId = "";
let contactMethodId = "";
let previousRotation: { rotation: string[]; version: number } | null = null;

test.use({ storageState: storageStateFor("lead") });

test.beforeAll(async () => {
  simulator = await startSimulator({
    controlPort,
    targets: [{ id: "studio", kind: "studio", port: controlPort + 1 }],
  });
  // The lead's generic webhook: a real receiver, so the page reaches them by a method (and so in the browser too).
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(receiverPort, "127.0.0.1", resolve));
});

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("lead") });
  await simulator.setBehaviour("studio", { mode: "healthy" }).catch(() => {});
  if (serviceId) await context.request.delete(`/api/v1/services/${serviceId}`);
  if (contactMethodId)
    await context.request.delete(`/api/v1/me/contact-methods/${contactMethodId}`);
  if (previousRotation) await restoreRotation(context.request, previousRotation.rotation);
  await context.close();
  await simulator.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function restoreRotation(request: APIRequestContext, rotation: string[]): Promise<void> {
  const current = (await (await request.get("/api/v1/on-call/rotation")).json()) as {
    version: number;
  };
  await request.put("/api/v1/on-call/rotation", { data: { rotation, version: current.version } });
}

test("the on-call sees a page arrive live on the overview, acknowledges it, and declares an incident from it", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(150_000);
  await context.grantPermissions(["notifications"]);
  const me = (
    (await (await page.request.get("/api/v1/me")).json()) as { user: { id: string; name: string } }
  ).user;

  // The signed-in lead is the rotation's on-call (unless a handoff covers now), so level 1 pages them.
  const rotationNow = (await (await page.request.get("/api/v1/on-call/rotation")).json()) as {
    rotation: { id: string }[];
    version: number;
  };
  previousRotation = {
    rotation: rotationNow.rotation.map((person) => person.id),
    version: rotationNow.version,
  };
  const saved = await page.request.put("/api/v1/on-call/rotation", {
    data: { rotation: [me.id], version: rotationNow.version },
  });
  expect(saved.status()).toBe(200);
  const onCall = (await (await page.request.get("/api/v1/on-call")).json()) as {
    person: { id: string } | null;
  };

  const method = await page.request.post("/api/v1/me/contact-methods", {
    data: { kind: "webhook", label: "e2e paging", target: `http://127.0.0.1:${receiverPort}/page` },
  });
  expect(method.status()).toBe(201);
  contactMethodId = ((await method.json()) as { contactMethod: { id: string } }).contactMethod.id;

  const created = await page.request.post("/api/v1/services", {
    data: {
      name,
      environment: "e2e-paging",
      baseUrl: simulator.urlOf("studio"),
      profile: "studio",
      intervalSeconds: 10,
      timeoutSeconds: 3,
    },
  });
  expect(created.status()).toBe(201);
  serviceId = ((await created.json()) as { service: { id: string } }).service.id;

  await page.goto("/");
  await page.evaluate(() => {
    Object.assign(window, { vigilNoReload: true, vigilPageAlerts: [] as unknown[] });
    document.addEventListener("vigil:page-alert", (event) =>
      (window as unknown as { vigilPageAlerts: unknown[] }).vigilPageAlerts.push(
        (event as CustomEvent).detail,
      ),
    );
  });
  await expect(page.getByTestId("page-banner-item").filter({ hasText: name })).toHaveCount(0);

  await simulator.setBehaviour("studio", { mode: "down" });
  const item = page.getByTestId("page-banner-item").filter({ hasText: name });
  await expect(item).toBeVisible({ timeout: 75_000 });
  await expect(item).toContainText("PAGING:");
  const pageId = await item.getAttribute("data-page-id");
  expect(pageId).toBeTruthy();
  // The banner sits above everything else on the overview.
  const bannerBox = await page.getByTestId("page-banner").boundingBox();
  const headingBox = await page.getByRole("heading", { level: 1, name: "Overview" }).boundingBox();
  expect(bannerBox && headingBox && bannerBox.y < headingBox.y).toBe(true);
  if (onCall.person?.id === me.id) {
    await expect(item.getByTestId("page-banner-summary")).toContainText(`paged ${me.name}`, {
      timeout: 15_000,
    });
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { vigilPageAlerts: { pageId: string }[] }).vigilPageAlerts.map(
            (alert) => alert.pageId,
          ),
        ),
      )
      .toContain(pageId);
    await expect
      .poll(() => received.some((body) => body.includes(`/pages/${pageId}`)), { timeout: 20_000 })
      .toBe(true);
  }
  expect(
    await page.evaluate(() => (window as unknown as { vigilNoReload?: boolean }).vigilNoReload),
  ).toBe(true);

  await item.getByTestId("page-acknowledge").click();
  await expect(item).toHaveCount(0, { timeout: 15_000 });

  await page.goto(`/pages/${pageId}`);
  await expect(page.getByTestId("page-state")).toHaveText("Acknowledged");
  await expect(page.getByTestId("page-acknowledged")).toContainText(`by ${me.name}`);
  await expect(page.getByTestId("page-acknowledge")).toHaveCount(0);

  await page.getByTestId("page-declare-incident").click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const entries = page.getByTestId("timeline-entry");
  await expect(entries.filter({ hasText: /Page #\d+ opened:/ })).toHaveCount(1);
  await expect(entries.filter({ hasText: `Acknowledged by ${me.name}` })).toHaveCount(1);
  if (onCall.person?.id === me.id)
    await expect(entries.filter({ hasText: `Paged ${me.name}` }).first()).toBeVisible();
  const incidentPath = new URL(page.url()).pathname;

  // Declaring again links the same incident; the page links it.
  await page.goto(`/pages/${pageId}`);
  await expect(page.getByTestId("page-incident-link")).toHaveAttribute("href", incidentPath);
  const again = await page.request.post(`/api/v1/pages/${pageId}/incident`);
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { incident: { id: string } }).incident.id).toBe(
    incidentPath.split("/").pop(),
  );

  await page.goto("/pages");
  await expect(page.getByTestId("page-row").filter({ hasText: name }).first()).toContainText(
    me.name,
  );

  // The link in every message: signed out, it goes through sign-in and comes back to the page.
  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const stranger = await signedOut.newPage();
  await stranger.goto(`/pages/${pageId}`);
  await expect(stranger).toHaveURL(/\/signin\?callbackUrl=/);
  await stranger.getByTestId("signin-email").fill(emailFor("responder"));
  await stranger.getByTestId("signin-password").fill(e2ePassword);
  await stranger.getByTestId("signin-submit").click();
  await stranger.waitForURL(`**/pages/${pageId}`);
  await expect(stranger.getByTestId("page-summary")).toContainText(name);
  await signedOut.close();
});
