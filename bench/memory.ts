import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createTestDatabase } from "@/scripts/test-database";
import { startFleetProcess } from "@/bench/support";

// The whole of Vigil at load M (targets.md): `npm start` against a scratch database on the machine's Postgres,
// 500 services every 30 s (10 % of the targets hung), and the RSS of every process `npm start` left running.
const services = Number(process.env.BENCH_SERVICES ?? 500);
const intervalSeconds = Number(process.env.BENCH_INTERVAL ?? 30);
const warmupRounds = Number(process.env.BENCH_ROUNDS ?? 3);
const sampleSeconds = Number(process.env.BENCH_SAMPLE_SECONDS ?? intervalSeconds);
const hungShare = 0.1;
const targetMb = 350;
// A changed tree makes `npm start` build first, which takes minutes on two cores.
const startDeadlineMs = Number(process.env.BENCH_START_TIMEOUT_MS ?? 10 * 60_000);

type ProcessSample = { pid: number; ppid: number; command: string; rssKb: number; pssKb: number };

function readProcessTable(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields after the last ")" are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  return parents;
}

function descendantsOf(rootPid: number): number[] {
  const parents = readProcessTable();
  const found = [rootPid];
  for (let index = 0; index < found.length; index++) {
    for (const [pid, ppid] of parents) if (ppid === found[index]) found.push(pid);
  }
  return found.filter((pid) => parents.has(pid));
}

function kbField(text: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
}

function sampleProcess(pid: number): ProcessSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter(Boolean)
      .join(" ");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return {
      pid,
      ppid,
      command: command.replaceAll(process.cwd() + path.sep, ""),
      rssKb: kbField(status, "VmRSS"),
      pssKb: kbField(rollup, "Pss"),
    };
  } catch {
    return null;
  }
}

function sampleTree(rootPid: number): ProcessSample[] {
  return descendantsOf(rootPid)
    .map(sampleProcess)
    .filter((sample): sample is ProcessSample => sample !== null);
}

const mb = (kb: number) => (kb / 1024).toFixed(0).padStart(4);
const sum = (samples: ProcessSample[], field: "rssKb" | "pssKb") =>
  samples.reduce((total, sample) => total + sample[field], 0);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(
  label: string,
  deadlineMs: number,
  check: () => Promise<boolean>,
  alive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check().catch(() => false))) {
    if (!alive()) throw new Error(`npm start ended while waiting for ${label}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

// Migrated and seeded beforehand, as on a restart: `npm start`'s set-up then finds the schema current and the fleet in place.
const database = await createTestDatabase("bench_memory");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-memory-"));
const logFile = path.join(dataDir, "npm-start.log");
const { fleet, targets } = await startFleetProcess(services, hungShare);
const client = new pg.Client({ connectionString: database.url });
await client.connect();
await client.query(
  `INSERT INTO "OutboundAllowRule" (id, rule, note) VALUES (gen_random_uuid(), '127.0.0.1', 'bench')`,
);
await client.query(
  `INSERT INTO "Service" (id, name, environment, "baseUrl", profile, "intervalSeconds", "timeoutSeconds", "updatedAt")
   SELECT gen_random_uuid(), target.id, 'bench', target.url, 'generic_json', $2, 10, now() FROM json_to_recordset($1::json) AS target(id text, url text)`,
  [JSON.stringify(targets), intervalSeconds],
);
await client.query(
  `INSERT INTO "ServiceState" ("serviceId", "updatedAt") SELECT id, now() FROM "Service"`,
);
// Marks the default services as seeded, so the set-up leaves the fleet alone.
await client.query(
  `INSERT INTO "AuditLog" ("actorLabel", action, "targetType") VALUES ('bench', 'service.seed_defaults', 'service')`,
);

const port = await freePort();
const log = openSync(logFile, "a");
// Its own process group, as in a terminal: Ctrl-C signals npm and everything under it.
const app = spawn("npm", ["start"], {
  detached: true,
  stdio: ["ignore", log, log],
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(port),
    VIGIL_DATA_DIR: dataDir,
    VIGIL_ADMIN_PASSWORD: "bench-memory-password",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  },
});
const npmPid = app.pid!;
const alive = () => app.exitCode === null && app.signalCode === null;
let exitCode = 0;

try {
  console.log(
    `memory bench: npm start (pid ${npmPid}) on port ${port}, ${services} services every ${intervalSeconds} s, ${Math.round(hungShare * 100)} % hung; log in ${logFile}`,
  );
  const started = Date.now();
  await until(
    "the server to answer /api/health",
    startDeadlineMs,
    async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok,
    alive,
  );
  console.log(
    `server up after ${((Date.now() - started) / 1000).toFixed(0)} s; waiting for ${warmupRounds} poll rounds …`,
  );
  const results = async () =>
    Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "CheckResult"`)).rows[0]?.n ??
        0,
    );
  await until(
    `${warmupRounds} poll rounds`,
    (warmupRounds + 2) * intervalSeconds * 1_000,
    async () => (await results()) >= warmupRounds * services,
    alive,
  );

  const samples: ProcessSample[][] = [];
  const sampleUntil = Date.now() + sampleSeconds * 1_000;
  while (Date.now() < sampleUntil && alive()) {
    samples.push(sampleTree(npmPid));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  const totals = samples.map((tree) => sum(tree, "rssKb")).sort((a, b) => a - b);
  const peak = samples.reduce(
    (best, tree) => (sum(tree, "rssKb") > sum(best, "rssKb") ? tree : best),
    samples[0] ?? [],
  );
  console.log(
    `\nprocesses npm start left running, at the peak of ${samples.length} samples over ${sampleSeconds} s (${await results()} results stored):`,
  );
  console.log(`   pid   ppid  RSS MB  PSS MB  command`);
  for (const sample of peak) {
    console.log(
      `${String(sample.pid).padStart(6)} ${String(sample.ppid).padStart(6)}    ${mb(sample.rssKb)}    ${mb(sample.pssKb)}  ${sample.command.slice(0, 150)}`,
    );
  }
  const peakRss = sum(peak, "rssKb");
  console.log(
    `total RSS: peak ${mb(peakRss).trim()} MB, median ${mb(totals[Math.floor(totals.length / 2)] ?? 0).trim()} MB over ${peak.length} processes ` +
      `(PSS ${mb(sum(peak, "pssKb")).trim()} MB, shared pages counted once)   [target: the whole of Vigil <= ${targetMb} MB] ${peakRss / 1024 <= targetMb ? "ok" : "OVER"}`,
  );
  const drift = await client.query<{ p50: number; p99: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
     FROM (SELECT EXTRACT(EPOCH FROM ("startedAt" - "scheduledAt")) * 1000 AS ms FROM "CheckResult") AS checks`,
  );
  const { p50, p99 } = drift.rows[0] ?? { p50: 0, p99: 0 };
  console.log(
    `schedule drift (start - slot) over every stored check: p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms   [target: p99 <= 1000 ms]`,
  );
} catch (error) {
  exitCode = 1;
  console.error(`memory bench failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n"));
} finally {
  await client.end().catch(() => {});
  const running = sampleTree(npmPid).map((sample) => sample.pid);
  if (alive()) process.kill(-npmPid, "SIGINT");
  const stopped = await Promise.race([
    exitOf(app),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
  ]);
  // An esbuild service ends when its parent does, a moment later.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const left = running.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  console.log(
    `\nCtrl-C (SIGINT to the group): npm ${stopped ? `exited with ${stopped.code ?? stopped.signal}` : "did not exit within 20 s"}; ${left.length ? `still running: ${left.join(", ")} (killed)` : "nothing left running"}`,
  );
  for (const pid of left) process.kill(pid, "SIGKILL");
  if (!stopped || left.length) exitCode = 1;
  fleet.kill("SIGTERM");
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
