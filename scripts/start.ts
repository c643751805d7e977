import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { build as bundle, type Plugin } from "esbuild";
import { resolveDatabase, type ResolvedDatabase } from "@/lib/platform/embedded-postgres";
import { databaseUrl, env } from "@/lib/env";
import { applyMigrations } from "@/lib/platform/migrations/migrations";
import type { ServiceInput } from "@/lib/services/types";
import { serverEnvironment } from "@/scripts/server-environment";

/**
 * `npm start`'s set-up: build when the sources changed, migrate, create the first admin, seed services, then exit so
 * the shell execs scripts/serve.ts, the one long-lived process. `--dev` (npm run dev) stays up instead, hosting the
 * embedded database for `next dev`.
 */

const root = process.cwd();
const devMode = process.argv.includes("--dev");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const sourceRoots = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

async function fingerprint(
  entry: string,
  hash = createHash("sha256"),
): Promise<ReturnType<typeof createHash>> {
  const full = path.join(root, entry);
  const info = await stat(full).catch(() => null);
  if (!info) return hash;
  if (info.isDirectory()) {
    if (entry === path.join("lib", "generated")) return hash;
    for (const child of (await readdir(full)).sort())
      await fingerprint(path.join(entry, child), hash);
  } else {
    hash.update(`${entry}:${info.size}:${info.mtimeMs}\n`);
  }
  return hash;
}

function run(args: string[], extraEnv: Record<string, string> = {}): void {
  const result = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
  });
  if (result.status !== 0)
    throw new Error(`${args.join(" ")} failed with exit code ${result.status}`);
}

// A fresh clone has no build; a changed tree gets a new one. The fingerprint is paths, sizes and mtimes.
async function ensureBuild(): Promise<void> {
  let hash = createHash("sha256");
  for (const entry of sourceRoots) hash = await fingerprint(entry, hash);
  const current = hash.digest("hex");
  const stampFile = path.join(root, ".next", "vigil-source-fingerprint");
  const previous = await readFile(stampFile, "utf8").catch(() => "");
  if (previous === current && existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("[vigil] Building the app (first start or changed sources)…");
  run([nextBin, "build"], { NEXT_TELEMETRY_DISABLED: "1" });
  await writeFile(stampFile, current);
}

// Outside Next's bundler, as in its server build, `import "server-only"` is an empty module.
const serverOnlyIsEmpty: Plugin = {
  name: "server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({
      path: "server-only",
      namespace: "empty",
    }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

/**
 * scripts/serve.ts compiled to one JavaScript file (packages stay imports): a TypeScript loader in the long-lived
 * process would keep a loader thread, esbuild services and the source maps of every module it loads, Next's
 * included, about 60 MB at load M. `npm start` execs this file.
 */
async function bundleServer(): Promise<void> {
  await bundle({
    entryPoints: [path.join(root, "scripts", "serve.ts")],
    outfile: path.join(root, ".next", "vigil-server", "serve.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [serverOnlyIsEmpty],
    logLevel: "warning",
  });
}

type HoloMeshSeed = { baseUrl: string; teamId: string };
type FleetFile = { services?: ServiceInput[]; allowRules?: string[]; holoMesh?: HoloMeshSeed };

/** `npm run demo` hands over the simulated fleet, its loopback allow rules and the simulated HoloMesh board in a file. */
async function fleetToSeed(): Promise<{
  services: ServiceInput[] | null;
  allowRules: string[];
  holoMesh: HoloMeshSeed | null;
}> {
  if (!env.VIGIL_FLEET_FILE) return { services: null, allowRules: [], holoMesh: null };
  const fleet = JSON.parse(await readFile(env.VIGIL_FLEET_FILE, "utf8")) as FleetFile;
  return {
    services: fleet.services ?? null,
    allowRules: fleet.allowRules ?? [],
    holoMesh: fleet.holoMesh ?? null,
  };
}

/** Points the board panel at the demo's simulated HoloMesh once, as the first admin, when no team is configured yet. */
async function connectDemoBoard(seed: HoloMeshSeed): Promise<void> {
  const { getHoloMeshConnectionView } = await import("@/lib/board/data");
  const { saveHoloMeshConnection } = await import("@/lib/board/mutations");
  const { db } = await import("@/lib/db");
  const current = await getHoloMeshConnectionView();
  const admin = await db.user.findFirst({
    where: { role: "admin", disabled: false },
    orderBy: { createdAt: "asc" },
  });
  if (current.teamId || !admin) return;
  await saveHoloMeshConnection(
    { id: admin.id, email: admin.email, name: admin.name, role: admin.role },
    { version: current.version, baseUrl: seed.baseUrl, teamId: seed.teamId },
  );
  console.log(
    `[vigil] Board panel connected to the simulated HoloMesh at ${seed.baseUrl} (team ${seed.teamId}).`,
  );
}

async function allowLoopbackRules(rules: string[]): Promise<void> {
  const { listAllowRules } = await import("@/lib/outbound/data");
  const { addAllowRule } = await import("@/lib/outbound/mutations");
  const existing = new Set((await listAllowRules()).map((rule) => rule.rule));
  for (const rule of rules) {
    if (!existing.has(rule))
      await addAllowRule(
        { id: null, label: "first-run" },
        { rule, note: "added by npm run demo for the simulator" },
      );
  }
}

function announceAdmin(admin: { email: string; password: string | null }): void {
  const lines = [
    "Vigil created the first admin account:",
    `  email:    ${admin.email}`,
    admin.password
      ? `  password: ${admin.password}`
      : "  password: the one in VIGIL_ADMIN_PASSWORD",
    admin.password
      ? "This password is shown once. Sign in and change it under Settings → Account."
      : "",
  ].filter(Boolean);
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  console.log(
    `\n${"=".repeat(width)}\n${lines.map((line) => `  ${line}`).join("\n")}\n${"=".repeat(width)}\n`,
  );
}

async function main(): Promise<void> {
  const dataDir = path.resolve(root, env.VIGIL_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts")))
    run([path.join(root, "scripts", "prisma-generate.mjs")]);
  if (!devMode) {
    await ensureBuild();
    await bundleServer();
  }

  const database = await resolveDatabase({
    databaseUrl: databaseUrl(),
    dataDir,
    port: env.VIGIL_EMBEDDED_PG_PORT,
    publish: true,
    exclusive: true,
  });
  if (database.source === "DATABASE_URL") {
    console.log("[vigil] Using the Postgres in DATABASE_URL.");
  } else {
    console.log(
      `[vigil] No DATABASE_URL: using the embedded Postgres in ${path.join(dataDir, "pgdata")}.`,
    );
    console.log(
      "[vigil] The embedded database is for one instance. For several instances or production, set DATABASE_URL.",
    );
  }
  process.env.DATABASE_URL = database.url;

  const applied = await applyMigrations(database.url);
  console.log(
    applied.length
      ? `[vigil] Applied migrations: ${applied.join(", ")}`
      : "[vigil] Database schema is up to date.",
  );

  const { ensureFirstAdmin } = await import("@/lib/users/data");
  const { disconnectDb } = await import("@/lib/db");
  const admin = await ensureFirstAdmin({
    email: env.VIGIL_ADMIN_EMAIL,
    password: env.VIGIL_ADMIN_PASSWORD,
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "conflict") return null;
    throw error;
  });
  const { holoscriptServices, seedServicesOnce } = await import("@/lib/services/defaults");
  const { services, allowRules, holoMesh } = await fleetToSeed();
  const seeded = await seedServicesOnce(
    { id: null, label: "first-run" },
    services ?? holoscriptServices,
  );
  if (allowRules.length) await allowLoopbackRules(allowRules);
  if (holoMesh) await connectDemoBoard(holoMesh);
  if (seeded > 0)
    console.log(
      `[vigil] Added ${seeded} services to monitor (edit them under Settings → Services).`,
    );
  await disconnectDb();
  if (admin) announceAdmin(admin);

  if (!devMode) {
    // The server opens the embedded database itself; this process only held it for the set-up.
    await database.embedded?.stop();
    process.exit(0);
  }
  process.exit(await runDevServer(dataDir, database));
}

/** `npm run dev`: `next dev` (hot reload) as a child, with the embedded database, if any, hosted here on its socket. */
async function runDevServer(dataDir: string, database: ResolvedDatabase): Promise<number> {
  const port = env.PORT;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...(await serverEnvironment({
      dataDir,
      port,
      dev: true,
      embedded: database.embedded !== null,
    })),
    DATABASE_URL: database.url,
  };
  const server = spawn(
    process.execPath,
    [
      nextBin,
      "dev",
      "-p",
      String(port),
      ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : []),
    ],
    {
      stdio: "inherit",
      env: childEnv,
    },
  );
  console.log(`[vigil] Vigil is starting on ${childEnv.NEXTAUTH_URL}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const exitCode = await new Promise<number>((resolve) =>
    server.on("exit", (code) => resolve(code ?? 0)),
  );
  await database.embedded?.stop();
  return exitCode;
}

main().catch((error: unknown) => {
  console.error(
    `[vigil] Could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
