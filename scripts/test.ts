import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "./test-database";

const root = process.cwd();
const reports = mkdtempSync(path.join(tmpdir(), "vigil-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };

// Both runners write JSON beside their usual output, so the run can end with one plain count line.
function countVitest(file: string): void {
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file: string): void {
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
  totals.skipped += report.stats.skipped;
}
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const stages = ["lint", "typecheck", "unit", "build", "e2e"] as const;
type Stage = (typeof stages)[number];

function run(
  stage: string,
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): void {
  const started = Date.now();
  console.log(`\n▶ ${stage}: ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${stage} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${stage} passed in ${seconds}s`);
}

async function seedE2eUsers(databaseUrl: string, password: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { createUser } = await import("@/lib/users/data");
  const { disconnectDb } = await import("@/lib/db");
  const { addAllowRule } = await import("@/lib/outbound/mutations");
  for (const role of ["viewer", "responder", "lead", "admin"] as const) {
    await createUser(
      { id: null, label: "e2e-seed" },
      { email: `${role}@e2e.test`, name: `E2E ${role}`, role, password },
    );
  }
  // The browser tests run a simulated fleet on these loopback ports.
  await addAllowRule(
    { id: null, label: "e2e-seed" },
    { rule: "127.0.0.1:4300-4399", note: "e2e simulator" },
  );
  await disconnectDb();
}

async function runE2e(): Promise<void> {
  const database = await createTestDatabase("e2e");
  try {
    const password = randomBytes(12).toString("base64url");
    await seedE2eUsers(database.url, password);
    const reportFile = path.join(reports, "playwright.json");
    run("e2e", bin("playwright"), ["test", "--reporter=list,json", ...positionals], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
      VIGIL_E2E_DATABASE_URL: database.url,
      VIGIL_E2E_PASSWORD: password,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    });
    countPlaywright(reportFile);
  } finally {
    await database.drop();
  }
}

// Anything after the options (e.g. `npm test -- --only e2e e2e/incidents.spec.ts`) goes to Playwright as a filter.
const { values, positionals } = parseArgs({
  options: { only: { type: "string", multiple: true }, skip: { type: "string", multiple: true } },
  allowPositionals: true,
});
const selected = stages.filter(
  (stage) => (!values.only || values.only.includes(stage)) && !values.skip?.includes(stage),
);
const started = Date.now();

for (const stage of selected as Stage[]) {
  if (stage === "lint") {
    run(stage, bin("eslint"), ["--max-warnings", "0", "."]);
    run("format", bin("prettier"), ["--check", "."]);
  }
  if (stage === "typecheck") {
    run(stage, bin("next"), ["typegen"]);
    run(stage, bin("tsc"), ["--noEmit"]);
  }
  if (stage === "unit") {
    const reportFile = path.join(reports, "vitest.json");
    run(stage, bin("vitest"), [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reportFile}`,
    ]);
    countVitest(reportFile);
    // The outbound tests again under Node 22 (engines allows 20 and 22; connection and DNS code differ between them).
    const node22ReportFile = path.join(reports, "vitest-node22.json");
    run("unit on Node 22", bin("tsx"), [
      "scripts/test-node22.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${node22ReportFile}`,
    ]);
    countVitest(node22ReportFile);
  }
  if (stage === "build") run(stage, bin("next"), ["build"]);
  if (stage === "e2e") await runE2e();
}
console.log(
  `\nAll stages passed (${selected.join(", ")}) in ${((Date.now() - started) / 1000).toFixed(0)}s.`,
);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
