import { randomUUID } from "node:crypto";
import { expect, test, type Page, type Request } from "@playwright/test";
import { storageStateFor } from "./support";

// What one timeline entry costs the incident page: one writer and five viewers on one incident, the writer adds
// entries one by one, and every request the six tabs make after their first load is counted by endpoint.
const viewers = 5;
const entries = 5;
const run = Date.now();

type Counts = Map<string, number>;

function endpointOf(request: Request, incidentId: string): string | null {
  const url = new URL(request.url());
  if (url.pathname.startsWith("/_next/static") || url.pathname === "/api/v1/stream") return null;
  const path = url.pathname.replace(incidentId, ":id");
  if (request.headers()["next-action"]) return `${request.method()} ${path} (server action)`;
  if (url.searchParams.has("_rsc")) return `${request.method()} ${path} (RSC)`;
  return `${request.method()} ${path}`;
}

function countRequests(page: Page, incidentId: string, counts: Counts): void {
  page.on("request", (request) => {
    const endpoint = endpointOf(request, incidentId);
    if (endpoint) counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
  });
}

const total = (counts: Counts) => [...counts.values()].reduce((sum, count) => sum + count, 0);
const entry = (page: Page, text: string) =>
  page.getByTestId("timeline-entry").filter({ hasText: text });

test("a timeline entry costs the writer one request and each of five viewers at most one", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const writerContext = await browser.newContext({ storageState: storageStateFor("responder") });
  const writer = await writerContext.newPage();
  const declared = await writer.request.post("/api/v1/incidents", {
    data: { title: `Timeline request count e2e ${run}`, severity: "sev2" },
    headers: { "Idempotency-Key": `e2e-timeline-requests-${randomUUID()}` },
  });
  expect(declared.status()).toBe(201);
  const incidentId = ((await declared.json()) as { incident: { id: string } }).incident.id;

  const viewerContexts = await Promise.all(
    Array.from({ length: viewers }, () =>
      browser.newContext({ storageState: storageStateFor("viewer") }),
    ),
  );
  const viewerPages = await Promise.all(viewerContexts.map((context) => context.newPage()));
  for (const page of [writer, ...viewerPages]) {
    await page.goto(`/incidents/${incidentId}`);
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  }
  await writer.waitForTimeout(1_500);

  const writerCounts: Counts = new Map();
  const viewerCounts: Counts = new Map();
  countRequests(writer, incidentId, writerCounts);
  for (const page of viewerPages) countRequests(page, incidentId, viewerCounts);

  for (let index = 0; index < entries; index += 1) {
    const text = `entry ${index} of the request count ${run}`;
    await writer.getByTestId("timeline-input").fill(text);
    await writer.getByTestId("timeline-input").press("Enter");
    for (const page of [writer, ...viewerPages])
      await expect(entry(page, text)).toBeVisible({ timeout: 10_000 });
    // Events are coalesced for up to a second: let every refetch this entry causes happen before the next one.
    await writer.waitForTimeout(2_500);
  }

  const perEntry = (counts: Counts) =>
    Object.fromEntries([...counts].map(([endpoint, count]) => [endpoint, count / entries]));
  const summary = {
    entries,
    viewers,
    writerPerEntry: perEntry(writerCounts),
    viewersPerEntry: perEntry(viewerCounts),
    allPagesPerEntry: (total(writerCounts) + total(viewerCounts)) / entries,
  };
  console.log(`timeline requests: ${JSON.stringify(summary, null, 2)}`);
  await test.info().attach("timeline-requests.json", {
    body: JSON.stringify(summary, null, 2),
    contentType: "application/json",
  });

  // The writer sends its entry and learns it from the answer; a viewer reads the first timeline page once.
  expect(total(writerCounts)).toBeLessThanOrEqual(entries);
  expect(total(viewerCounts)).toBeLessThanOrEqual(entries * viewers);
  expect(viewerCounts.get("GET /api/v1/incidents/:id") ?? 0).toBe(0);
  expect(writerCounts.get("GET /api/v1/incidents/:id") ?? 0).toBe(0);

  for (const context of [writerContext, ...viewerContexts]) await context.close();
});
