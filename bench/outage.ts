import { parseArgs } from "node:util";
import { NextRequest } from "next/server";
import { GET as listServicesRoute } from "@/app/api/v1/services/route";
import { createDb, disconnectDb, runWithDbDeadline } from "@/lib/db";
import { percentile } from "@/lib/health/histogram";
import { startMonitoring } from "@/lib/jobs/scheduler";
import { nextSlotAfter } from "@/lib/health/slots";
import { startSimulator } from "@/dev/simulator/fleet";
import { startDatabaseProxy } from "@/test/tcp-proxy";
import { createApiToken } from "@/lib/tokens/data";
import { createUser } from "@/lib/users/data";
import { proxy as pageGate } from "@/proxy";
import { createTestDatabase } from "@/scripts/test-database";
import { addServicesFor, sleep, waitFor } from "@/bench/support";

// Whether Vigil rides out a database outage: through a database cut every scheduled check still runs and is written after recovery;
// a stalled database answers 503 within 5 s. Vigil reaches Postgres only through a TCP proxy that this script
// cuts and stalls; the counts are read straight from the database.
const { values: args } = parseArgs({
  options: {
    services: { type: "string", default: "20" },
    interval: { type: "string", default: "10" },
    cut: { type: "string", default: "60" },
    requests: { type: "string", default: "10" },
  },
});
const services = Number(args.services);
const intervalSeconds = Number(args.interval);
const cutSeconds = Number(args.cut);
const stallRequests = Number(args.requests);

const database = await createTestDatabase("bench_outage");
const direct = createDb(database.url);
const tcpProxy = await startDatabaseProxy(database.url);
process.env.DATABASE_URL = tcpProxy.urlFor(database.url);

const simulator = await startSimulator({
  targets: Array.from({ length: services }, (_, index) => ({
    id: `t${index}`,
    kind: "generic" as const,
  })),
});
await direct.outboundAllowRule.create({ data: { rule: "127.0.0.1", note: "bench" } });
await addServicesFor(direct, simulator.listTargets(), intervalSeconds);
const serviceIds = (await direct.service.findMany({ select: { id: true } })).map(
  (service) => service.id,
);

console.log(
  `outage bench: ${services} services every ${intervalSeconds} s; the database is cut for ${cutSeconds} s, then stalled for ${stallRequests} reads`,
);
const log: string[] = [];
const monitoring = startMonitoring({
  databaseUrl: process.env.DATABASE_URL,
  leaderRetryMs: 1_000,
  log: (message) => log.push(`${new Date().toISOString()} ${message}`),
});
await waitFor(() => monitoring.isLeader(), 20_000, "poller lock");
await waitFor(
  async () => (await direct.checkResult.count()) >= services,
  (intervalSeconds + 10) * 1_000,
  "a first round of results",
);

const cutAt = Date.now();
await tcpProxy.cut();
await sleep(cutSeconds * 1_000);
const restoredAt = Date.now();
const duringCut = {
  leader: monitoring.isLeader(),
  provisional: monitoring.isProvisionalLeader(),
  buffered: monitoring.writer.getStats().buffered,
};
await tcpProxy.pass();
await waitFor(
  () =>
    !monitoring.isProvisionalLeader() &&
    monitoring.writer.getStats().buffered === 0 &&
    !monitoring.writer.getStats().databaseDown,
  120_000,
  "recovery",
);
const recoveredMs = Date.now() - restoredAt;

let scheduled = 0;
let stored = 0;
let missing = 0;
for (const serviceId of serviceIds) {
  const rows = await direct.checkResult.findMany({
    where: { serviceId, scheduledAt: { gt: new Date(cutAt), lte: new Date(restoredAt) } },
    select: { scheduledAt: true },
  });
  const slots = new Set(rows.map((row) => row.scheduledAt.getTime()));
  stored += rows.length;
  for (
    let slot = nextSlotAfter(cutAt, serviceId, intervalSeconds);
    slot <= restoredAt;
    slot = nextSlotAfter(slot, serviceId, intervalSeconds)
  ) {
    scheduled += 1;
    if (!slots.has(slot)) missing += 1;
  }
}
const duplicates = await direct.$queryRaw<
  { count: bigint }[]
>`SELECT count(*) FROM (SELECT "serviceId", "scheduledAt" FROM "CheckResult" GROUP BY 1, 2 HAVING count(*) > 1) d`;
const writerStats = monitoring.writer.getStats();
console.log(
  `during the cut: still leading ${duringCut.leader} (provisionally ${duringCut.provisional}), ${duringCut.buffered} results buffered at the end of it`,
);
console.log(
  `checks scheduled during the ${cutSeconds} s cut: ${scheduled}; results stored for them after recovery: ${stored}; missing ${missing}; duplicate slots ${duplicates[0]?.count ?? 0}; dropped by the writer ${writerStats.dropped}`,
);
console.log(
  `buffer written ${(recoveredMs / 1000).toFixed(1)} s after the database came back   [target: every check of the cut written after recovery]`,
);

// Stalled database: TCP accepts, nothing answers. Time from request to answer for an API read and a page navigation.
const owner = await createUser(
  { id: null, label: "bench" },
  {
    email: "bench-outage@vigil.test",
    name: "Bench",
    role: "viewer",
    password: "correct horse battery staple",
  },
);
const { secret } = await createApiToken(
  { id: null, label: "bench" },
  { ownerEmail: owner.user.email, name: "bench" },
);
tcpProxy.stall();
const apiMs: number[] = [];
const apiStatuses = new Map<number, number>();
const pageMs: number[] = [];
const pageStatuses = new Map<number, number>();
for (let index = 0; index < stallRequests; index++) {
  let started = Date.now();
  const api = await runWithDbDeadline("request", () =>
    listServicesRoute(
      new Request("http://127.0.0.1/api/v1/services", {
        headers: { authorization: `Bearer ${secret}` },
      }),
      { params: Promise.resolve({}) },
    ),
  );
  apiMs.push(Date.now() - started);
  apiStatuses.set(api.status, (apiStatuses.get(api.status) ?? 0) + 1);
  started = Date.now();
  const page = await pageGate(
    new NextRequest("http://127.0.0.1/services", {
      headers: { cookie: "next-auth.session-token=bench" },
    }),
  );
  pageMs.push(Date.now() - started);
  pageStatuses.set(page.status, (pageStatuses.get(page.status) ?? 0) + 1);
}
const statuses = (counts: Map<number, number>) =>
  [...counts].map(([status, count]) => `${count}x ${status}`).join(", ");
console.log(
  `stalled database, GET /api/v1/services: ${statuses(apiStatuses)}; time to answer p50 ${percentile(apiMs, 0.5)} ms, max ${Math.max(...apiMs)} ms   [target: 503 within 5 s]`,
);
console.log(
  `stalled database, page navigation (/services): ${statuses(pageStatuses)}; time to answer p50 ${percentile(pageMs, 0.5)} ms, max ${Math.max(...pageMs)} ms   [target: 503 within 5 s]`,
);
console.log("monitor log:");
for (const line of log) console.log(`  ${line}`);

await tcpProxy.pass();
await monitoring.stop();
await simulator.stop();
await disconnectDb();
await direct.$disconnect();
await tcpProxy.close();
await database.drop();
process.exit(0);
