import { db, disconnectDb } from "@/lib/db";
import { getStatusSummary } from "@/lib/health/data";
import { percentile } from "@/lib/health/histogram";
import { openBenchDatabase } from "@/bench/support";

// Whether the overview stays fast at scale: the summary behind the overview and GET /api/v1/status, at 1,000 and 2,000
// services with 30 days of hourly and daily rollups (load L), answered from rollups only.
const runs = Number(process.env.BENCH_RUNS ?? 40);
const database = await openBenchDatabase("bench_status");

async function seed(total: number): Promise<void> {
  const existing = await db.service.count();
  const add = total - existing;
  await db.$executeRaw`
    INSERT INTO "Service" (id, name, environment, "baseUrl", profile, "intervalSeconds", tags, "updatedAt")
    SELECT gen_random_uuid(), 'svc-' || (${existing}::int + n), CASE WHEN n % 3 = 0 THEN 'staging' ELSE 'production' END,
           'https://svc-' || (${existing}::int + n) || '.example.com', 'generic_json', 60, ARRAY['team-' || (n % 7)], now()
    FROM generate_series(1, ${add}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO "ServiceState" ("serviceId", "alertState", "lastStatus", "lastReason", "lastScheduledAt", "lastLatencyMs", "recentLatencies", "p95LastHourMs", "lastFigures", "updatedAt")
    SELECT id, 'ok', 'up', 'all checks passed', now(), 120, ARRAY(SELECT (50 + random() * 400)::int FROM generate_series(1, 60)), 380, '{"tools": 234}'::jsonb, now()
    FROM "Service" s WHERE NOT EXISTS (SELECT 1 FROM "ServiceState" st WHERE st."serviceId" = s.id)`;
  await db.$executeRaw`
    INSERT INTO "CheckRollup" ("serviceId", granularity, bucket, total, up, degraded, down, "latencyCount", "latencySumMs", "latencyMaxMs", "latencyHistogram")
    SELECT s.id, 'hour', date_trunc('hour', now()) - h * interval '1 hour', 60, 59, 0, 1, 59, 59 * 150, 900, array_fill(2, ARRAY[24])
    FROM "Service" s CROSS JOIN generate_series(0, 30 * 24 - 1) AS h
    WHERE NOT EXISTS (SELECT 1 FROM "CheckRollup" r WHERE r."serviceId" = s.id)`;
  await db.$executeRaw`
    INSERT INTO "CheckRollup" ("serviceId", granularity, bucket, total, up, degraded, down, "latencyCount", "latencySumMs", "latencyMaxMs", "latencyHistogram")
    SELECT s.id, 'day', date_trunc('day', now()) - d * interval '1 day', 1440, 1430, 5, 5, 1435, 1435 * 150, 900, array_fill(60, ARRAY[24])
    FROM "Service" s CROSS JOIN generate_series(0, 29) AS d
    WHERE NOT EXISTS (SELECT 1 FROM "CheckRollup" r WHERE r."serviceId" = s.id AND r.granularity = 'day')`;
  await db.$executeRaw`ANALYZE`;
}

async function measure(label: string): Promise<void> {
  const cold = performance.now();
  await getStatusSummary();
  console.log(
    `${label}: first call, computing the 30 s uptime cache: ${(performance.now() - cold).toFixed(0)} ms`,
  );
  const timings: number[] = [];
  let tiles = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    tiles = (await getStatusSummary()).tiles.length;
    timings.push(performance.now() - started);
  }
  const rollups = await db.checkRollup.count();
  console.log(
    `${label}: ${tiles} tiles, ${rollups} rollup rows — summary p50 ${percentile(timings, 0.5)?.toFixed(0)} ms, p95 ${percentile(timings, 0.95)?.toFixed(0)} ms, max ${Math.max(...timings).toFixed(0)} ms over ${runs} runs   [target: p95 <= 300 ms at 2,000]`,
  );
}

for (const total of [1_000, 2_000]) {
  const seeding = performance.now();
  await seed(total);
  console.log(
    `seeded ${total} services with 30 days of hourly and daily rollups in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  await measure(`${total} services`);
}
const explain = await db.$queryRaw<{ "QUERY PLAN": string }[]>`
  EXPLAIN SELECT "serviceId", SUM(total) FROM "CheckRollup"
  WHERE (granularity = 'hour' AND bucket > now() - interval '25 hours') OR (granularity = 'day' AND bucket >= date_trunc('day', now()) - interval '29 days')
  GROUP BY "serviceId"`;
const usesIndex = explain.some((row) => /Index|Bitmap/.test(row["QUERY PLAN"]));
console.log(
  `uptime aggregate plan uses an index on (granularity, bucket): ${usesIndex}; the raw results table is not read by the summary`,
);
await disconnectDb();
await database.drop();
