import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = 3100;
const brokenDbPort = 3101;
const proxiedDbPort = 3102;
const databaseProxyPort = 3103;

/** The e2e database's URL, but through the TCP proxy e2e/outage.spec.ts runs on databaseProxyPort. */
function throughDatabaseProxy(url: string | undefined): string {
  if (!url) return "";
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(databaseProxyPort);
  return proxied.toString();
}
const baseURL = `http://127.0.0.1:${port}`;
const systemChromium =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const next = "node node_modules/next/dist/bin/next start";
// The main server is what `npm start` runs: Next behind scripts/serve.ts, which hands Next the socket's address.
const vigilServer = "node --import tsx --import ./scripts/server-context.mjs scripts/serve.ts";

const serverEnv = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "playwright-secret-playwright-secret",
  VIGIL_DB_CONNECT_TIMEOUT_MS: "2000",
  // A fixed test-only key, so the admin can store a HoloMesh API key through Settings (the e2e server has no HOLOMESH_API_KEY).
  VIGIL_SECRET_KEY: "e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0",
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    // Vigil shows UTC whatever the browser's zone: a zone neither UTC nor a whole hour away makes a slip visible.
    timezoneId: "Asia/Kathmandu",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: [
    {
      command: `${vigilServer} -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...serverEnv,
        DATABASE_URL: process.env.VIGIL_E2E_DATABASE_URL ?? "",
        NEXTAUTH_URL: baseURL,
      },
    },
    {
      // The same build pointed at a closed port: Vigil must answer 503 quickly, never hang (targets D4).
      command: `${next} -p ${brokenDbPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${brokenDbPort}/signin`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...serverEnv,
        DATABASE_URL: "postgresql://postgres@127.0.0.1:1/unreachable",
        NEXTAUTH_URL: `http://127.0.0.1:${brokenDbPort}`,
      },
    },
    {
      // The same build reaching the e2e database through a TCP proxy that e2e/outage.spec.ts stalls and cuts.
      // No poller here: the main server runs the checks.
      command: `${next} -p ${proxiedDbPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${proxiedDbPort}/signin`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...serverEnv,
        VIGIL_POLLER: "off",
        DATABASE_URL: throughDatabaseProxy(process.env.VIGIL_E2E_DATABASE_URL),
        NEXTAUTH_URL: `http://127.0.0.1:${proxiedDbPort}`,
      },
    },
  ],
});
