import pg from "pg";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import type { TargetSpec } from "@/dev/simulator/schema";
import type { Role } from "@/lib/auth/roles";

export const e2ePassword = process.env.VIGIL_E2E_PASSWORD ?? "";
export const brokenDbBaseUrl = "http://127.0.0.1:3101";
/** A server that reaches the e2e database only through a TCP proxy on databaseProxyPort, which a test starts, stalls and cuts. */
export const proxiedDbBaseUrl = "http://127.0.0.1:3102";
export const databaseProxyPort = 3103;
export const emailFor = (role: Role) => `${role}@e2e.test`;
export const storageStateFor = (role: Role) => `e2e/.auth/${role}.json`;

export async function signIn(
  page: Page,
  email: string,
  password: string,
  callbackUrl?: string,
): Promise<void> {
  await page.goto(
    callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin",
  );
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
}

export async function expectSignedInAs(page: Page, role: Role): Promise<void> {
  await expect(page.getByTestId("current-role")).toHaveText(new RegExp(role, "i"));
}

/** The e2e database directly: for states a test cannot wait for (weeks late) or make through the app (results it could not store). */
export async function inDatabase(sql: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.VIGIL_E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Runs `act` in a fresh browser context signed in as `role`, and closes it after. */
export async function withRole<T>(
  browser: Browser,
  role: Role,
  act: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  try {
    return await act(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Adds a service as a lead through the API and answers its id. */
export async function addServiceAsLead(
  browser: Browser,
  data: Record<string, unknown>,
): Promise<string> {
  return withRole(browser, "lead", async (page) => {
    const created = await page.request.post("/api/v1/services", { data });
    expect(created.status()).toBe(201);
    return ((await created.json()) as { service: { id: string } }).service.id;
  });
}

/** Disabled rather than deleted: deploys and incidents keep naming it, and a stopped simulator pages nobody. */
export async function disableServiceAsLead(browser: Browser, serviceId: string): Promise<void> {
  await withRole(browser, "lead", async (page) => {
    const current = await page.request.get(`/api/v1/services/${serviceId}`);
    if (!current.ok()) return;
    const { service } = (await current.json()) as { service: { version: number } };
    await page.request.patch(`/api/v1/services/${serviceId}`, {
      data: { version: service.version, enabled: false },
    });
  });
}

/**
 * One simulated target checked as a service through a serial spec: before the first test the simulator starts on
 * `controlPort` (the target on the port after it) and a lead adds the service; after the last test the service is
 * disabled and the simulator stopped.
 */
export function checkedSimulatorTarget(options: {
  controlPort: number;
  target: Omit<TargetSpec, "port">;
  service: Record<string, unknown>;
}) {
  let simulator: Simulator | undefined;
  let serviceId = "";
  test.beforeAll(async ({ browser }) => {
    simulator = await startSimulator({
      controlPort: options.controlPort,
      targets: [{ ...options.target, port: options.controlPort + 1 }],
    });
    serviceId = await addServiceAsLead(browser, {
      ...options.service,
      baseUrl: simulator.urlOf(options.target.id),
    });
  });
  test.afterAll(async ({ browser }) => {
    if (serviceId) await disableServiceAsLead(browser, serviceId);
    await simulator?.stop();
  });
  return {
    get simulator(): Simulator {
      if (!simulator) throw new Error("The simulator starts before the first test.");
      return simulator;
    },
    get serviceId(): string {
      return serviceId;
    },
  };
}
