import { db, disconnectDb } from "@/lib/db";
import type { CheckOutcome } from "@/lib/health/check";
import { ResultWriter } from "@/lib/health/writer";
import { openBenchDatabase } from "@/bench/support";

// Whether the writer keeps up with the poller: sustained check results written per second (raw row, state machine, events,
// rollups, NOTIFY), through the same buffered writer the poller uses.
const services = Number(process.env.BENCH_SERVICES ?? 2_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const database = await openBenchDatabase("bench_writer");

await db.$executeRaw`
  INSERT INTO "Service" (id, name, environment, "baseUrl", profile, "updatedAt")
  SELECT gen_random_uuid(), 'svc-' || n, 'bench', 'https://svc-' || n || '.example.com', 'generic_json', now() FROM generate_series(1, ${services}::int) AS n`;
await db.$executeRaw`INSERT INTO "ServiceState" ("serviceId", "updatedAt") SELECT id, now() FROM "Service"`;
const ids = (await db.service.findMany({ select: { id: true } })).map((service) => service.id);

const writer = new ResultWriter({ flushDelayMs: 50 });
const start = Date.now() - rounds * 60_000;
const statuses = ["up", "up", "up", "degraded", "down"] as const;
const began = performance.now();
for (let round = 0; round < rounds; round++) {
  for (const [index, serviceId] of ids.entries()) {
    const scheduledAt = new Date(start + round * 60_000 + (index % 60_000));
    const outcome: CheckOutcome = {
      serviceId,
      scheduledAt,
      startedAt: scheduledAt,
      status: statuses[(index + round) % statuses.length] ?? "up",
      reason: "bench",
      httpStatus: 200,
      latencyMs: 20 + ((index * 7 + round * 13) % 900),
      timings: { totalMs: 100 },
      version: "1.0.0",
      figures: { tools: 234 },
      bodySample: null,
      tlsExpiresAt: null,
      manual: false,
    };
    writer.add(outcome);
  }
}
await writer.close();
const seconds = (performance.now() - began) / 1000;
const stats = writer.getStats();
const stored = await db.checkResult.count();
const events = await db.healthEvent.count();
console.log(
  `writer: ${stats.written} results for ${services} services in ${seconds.toFixed(1)} s = ${(stats.written / seconds).toFixed(0)} results/s (stored ${stored}, ${events} state-change events, dropped ${stats.dropped})   [target: >= 200/s]`,
);
await disconnectDb();
await database.drop();
