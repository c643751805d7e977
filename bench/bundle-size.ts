import { spawn } from "node:child_process";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";
import { createUser } from "@/lib/users/data";
import { disconnectDb } from "@/lib/db";
import { declareIncident, updateIncident } from "@/lib/incidents/mutations";
import { getPostmortemIdForIncident } from "@/lib/postmortems/data";
import { openBenchDatabase } from "@/bench/support";

// The JavaScript budget of a page: what a signed-in browser downloads for a page of the production build
// (run `npm run build` first), gzip-compressed as a CDN would serve it.
const port = 3450;
const database = await openBenchDatabase("bench_bundle");
const password = "bundle bench password";
const { user } = await createUser(
  { id: null, label: "bench" },
  { email: "bench@bench.test", name: "Bench", role: "admin", password },
);
// An incident to open, so its page (the heaviest for a responder: timeline, composer, runbook) is measured too.
const { incident } = await declareIncident(
  { id: user.id, email: user.email, name: user.name, role: user.role },
  { title: "Bundle bench incident", severity: "sev1", summary: "measured by bench:bundle" },
);
// A resolved SEV1 has its postmortem: the document page, an editor for a responder, is measured too.
const actor = { id: user.id, email: user.email, name: user.name, role: user.role };
const { incident: resolved } = await declareIncident(actor, {
  title: "Bundle bench resolved",
  severity: "sev1",
});
await updateIncident(actor, resolved.id, {
  version: resolved.version,
  status: "resolved",
  rootCause: "measured by bench:bundle",
});
const postmortemId = await getPostmortemIdForIncident(resolved.id);
await disconnectDb();
const pages = (
  process.env.BENCH_PAGES ??
  `/,/services,/incidents,/incidents/${incident.id},/incidents/report,/postmortems,/postmortems/${postmortemId},/postmortems/action-items,/deploys,/handoffs,/settings/on-call,/settings/users,/pages,/maintenance,/board`
).split(",");

const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
  {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "bundle-bench-secret-bundle-bench",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      VIGIL_POLLER: "off",
    },
    stdio: "ignore",
  },
);
for (let attempt = 0; attempt < 100; attempt++) {
  const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((resolve) => setTimeout(resolve, 300));
}

const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${port}/signin`);
await page.getByTestId("signin-email").fill("bench@bench.test");
await page.getByTestId("signin-password").fill(password);
await page.getByTestId("signin-submit").click();
await page.waitForURL(`http://127.0.0.1:${port}/`);

for (const path of pages) {
  const fresh = await context.newPage();
  const scripts = new Map<string, number>();
  fresh.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (body) scripts.set(response.url(), gzipSync(body).length);
  });
  await fresh.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: "networkidle" });
  const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
  console.log(
    `${path}: ${scripts.size} scripts, ${(total / 1000).toFixed(1)} kB gzip   [target: dashboard <= 170 kB]`,
  );
  if (process.env.BENCH_VERBOSE) {
    for (const [url, size] of [...scripts.entries()].sort((a, b) => b[1] - a[1]))
      console.log(`    ${(size / 1000).toFixed(1).padStart(6)} kB  ${new URL(url).pathname}`);
  }
  await fresh.close();
}
await browser.close();
server.kill("SIGTERM");
await database.drop();
process.exit(0);
