import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "./test-database";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const stages = ["lint", "typecheck", "unit", "build", "e2e"] as const;
type Stage = (typeof stages)[number];

function run(stage: string, command: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const started = Date.now();
  console.log(`\n▶ ${stage}: ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv } });
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
  for (const role of ["viewer", "responder", "lead", "admin"] as const) {
    await createUser({ id: null, label: "e2e-seed" }, { email: `${role}@e2e.test`, name: `E2E ${role}`, role, password });
  }
  await disconnectDb();
}

async function runE2e(): Promise<void> {
  const database = await createTestDatabase("e2e");
  try {
    const password = randomBytes(12).toString("base64url");
    await seedE2eUsers(database.url, password);
    run("e2e", bin("playwright"), ["test"], {
      VIGIL_E2E_DATABASE_URL: database.url,
      VIGIL_E2E_PASSWORD: password,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    });
  } finally {
    await database.drop();
  }
}

const { values } = parseArgs({ options: { only: { type: "string", multiple: true }, skip: { type: "string", multiple: true } } });
const selected = stages.filter((stage) => (!values.only || values.only.includes(stage)) && !values.skip?.includes(stage));
const started = Date.now();

for (const stage of selected as Stage[]) {
  if (stage === "lint") run(stage, bin("eslint"), ["--max-warnings", "0", "."]);
  if (stage === "typecheck") {
    run(stage, bin("next"), ["typegen"]);
    run(stage, bin("tsc"), ["--noEmit"]);
  }
  if (stage === "unit") run(stage, bin("vitest"), ["run"]);
  if (stage === "build") run(stage, bin("next"), ["build"]);
  if (stage === "e2e") await runE2e();
}
console.log(`\nAll stages passed (${selected.join(", ")}) in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
