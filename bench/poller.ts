import { readFileSync } from "node:fs";
import { db, disconnectDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { percentile } from "@/lib/health/histogram";
import { recordOutcomes } from "@/lib/health/record";
import {
  addServicesFor,
  firstLineOf,
  openBenchDatabase,
  spawnBenchScript,
  startFleetProcess,
} from "@/bench/support";

// Load M from targets.md: 500 services every 30 s, 10% of them hung (accept, never answer).
const services = Number(process.env.BENCH_SERVICES ?? 500);
const intervalSeconds = Number(process.env.BENCH_INTERVAL ?? 30);
const seconds = Number(process.env.BENCH_SECONDS ?? 75);
const hungShare = 0.1;

const database = await openBenchDatabase("bench_poller");
const { fleet, targets } = await startFleetProcess(services, hungShare);

await db.outboundAllowRule.create({ data: { rule: "127.0.0.1", note: "bench" } });
await addServicesFor(db, targets, intervalSeconds, 10);

console.log(
  `poller bench: ${services} services every ${intervalSeconds} s, ${Math.round(hungShare * 100)}% hung, for ${seconds} s …`,
);
const poller = spawnBenchScript("bench/poller-child.ts", [String(seconds)], {
  ...process.env,
  DATABASE_URL: database.url,
});
const rssSamples: number[] = [];
const sampler = setInterval(() => {
  const status = readFileSync(`/proc/${poller.pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  if (kb) rssSamples.push(kb * 1024);
}, 1_000);
const report = await firstLineOf(poller);
clearInterval(sampler);
const {
  elapsed,
  stats,
  writer: writerStats,
} = JSON.parse(report) as {
  elapsed: number;
  stats: { started: number; skippedBusy: number; driftMs: number[] };
  writer: { written: number; dropped: number };
};

const stored = await db.checkResult.count();
const duplicates = await db.$queryRaw<
  { count: bigint }[]
>`SELECT count(*) FROM (SELECT "serviceId", "scheduledAt" FROM "CheckResult" GROUP BY 1, 2 HAVING count(*) > 1) d`;
const drift = stats.driftMs;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
console.log(
  `schedule drift (start - slot): p50 ${percentile(drift, 0.5)} ms, p99 ${percentile(drift, 0.99)} ms, max ${Math.max(...drift)} ms over ${drift.length} checks   [target: p99 <= 1000 ms]`,
);
console.log(
  `checks started: ${stats.started} (${(stats.started / elapsed).toFixed(1)}/s); skipped because the previous check of that service was still running: ${stats.skippedBusy}`,
);
console.log(
  `results written: ${writerStats.written} (${(writerStats.written / elapsed).toFixed(1)}/s), stored ${stored}, duplicate slots ${duplicates[0]?.count ?? 0}, dropped ${writerStats.dropped}`,
);
console.log(
  `RSS of the poller process (the simulated fleet runs in another process): peak ${mb(Math.max(...rssSamples))} MB, median ${mb(percentile(rssSamples, 0.5) ?? 0)} MB   [target: <= 256 MB]`,
);

fleet.kill("SIGTERM");

// The windowed SLO and burn-rate work at load L: 2,000 services with six hours of minute rollups, each
// getting one fresh result, written through the writer's own path (windows, burn rates, alerts).
const burnServices = Number(process.env.BENCH_BURN_SERVICES ?? 2_000);
const burnBatch = 100;
console.log(`burn-rate cost: seeding ${burnServices} services with 6 h of minute rollups …`);
await db.$executeRaw`INSERT INTO "Service" (id, name, environment, "baseUrl", profile, "intervalSeconds", "updatedAt")
  SELECT gen_random_uuid(), 'burn-' || n, 'burn', 'http://127.0.0.1:9', 'generic_json', 60, now() FROM generate_series(1, ${burnServices}) AS n`;
await db.$executeRaw`INSERT INTO "ServiceState" ("serviceId", "updatedAt", "firstCheckedAt") SELECT id, now(), now() - interval '7 hours' FROM "Service" WHERE environment = 'burn'`;
const minuteNow = Math.floor(Date.now() / 60_000) * 60_000;
await db.$executeRaw`INSERT INTO "CheckRollup" ("serviceId", granularity, bucket, total, up, degraded, down, "latencyCount", "latencySumMs", "latencyMaxMs", "latencyHistogram")
  SELECT s.id, 'minute', to_timestamp(${minuteNow / 1000} - m * 60), 1, CASE WHEN m % 97 = 0 THEN 0 ELSE 1 END, 0, CASE WHEN m % 97 = 0 THEN 1 ELSE 0 END,
         1, 120, 120, ARRAY[0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]
  FROM "Service" s, generate_series(1, 360) AS m WHERE s.environment = 'burn'`;
const burnIds = (
  await db.service.findMany({ where: { environment: "burn" }, select: { id: true } })
).map((service) => service.id);
const batchMs: number[] = [];
const started = performance.now();
for (let index = 0; index < burnIds.length; index += burnBatch) {
  const at = new Date();
  const batch = burnIds.slice(index, index + burnBatch).map((serviceId) => ({
    serviceId,
    scheduledAt: at,
    startedAt: at,
    status: "up" as const,
    reason: "all checks passed",
    httpStatus: 200,
    latencyMs: 120,
    timings: null,
    version: null,
    figures: {},
    bodySample: null,
    tlsExpiresAt: null,
    manual: false,
  }));
  const batchStarted = performance.now();
  await recordOutcomes(batch);
  batchMs.push(performance.now() - batchStarted);
}
const totalMs = performance.now() - started;
const judged = await db.serviceState.count({
  where: { serviceId: { in: burnIds }, burnRates: { not: Prisma.DbNull } },
});
console.log(
  `burn rates for ${burnServices} services (6 h of minute rollups each, batches of ${burnBatch} through recordOutcomes): ${totalMs.toFixed(0)} ms in all, ` +
    `${(totalMs / burnServices).toFixed(2)} ms per service, batch p50 ${percentile(batchMs, 0.5)?.toFixed(0)} ms / p95 ${percentile(batchMs, 0.95)?.toFixed(0)} ms; ${judged} services judged`,
);
await disconnectDb();
await database.drop();
process.exit(0);
