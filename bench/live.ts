import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { db, disconnectDb } from "@/lib/db";
import { percentile } from "@/lib/health/histogram";
import { createApiToken } from "@/lib/tokens/data";
import { createUser } from "@/lib/users/data";
import { benchActor, openBenchDatabase } from "@/bench/support";

// What live updates cost and how fast they arrive: 500 open live connections on one instance (memory), an event published through
// Postgres NOTIFY (as another instance would) reaching all of them, and clean-up when they drop.
const port = 3460;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 500);
const database = await openBenchDatabase("bench_live");
const { user } = await createUser(benchActor, {
  email: "live@bench.test",
  name: "Live",
  role: "viewer",
  password: "bench password 123",
});
const { secret } = await createApiToken(benchActor, { ownerEmail: user.email, name: "live bench" });

const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
  {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "live-bench-secret-live-bench-secret",
      VIGIL_POLLER: "off",
    },
    stdio: "ignore",
  },
);
const rss = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) *
  1024;
for (let attempt = 0; attempt < 100; attempt++) {
  if (
    await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    )
  )
    break;
  await new Promise((resolve) => setTimeout(resolve, 300));
}
await fetch(`http://127.0.0.1:${port}/api/v1/status`, {
  headers: { authorization: `Bearer ${secret}` },
});
await new Promise((resolve) => setTimeout(resolve, 1_000));
const before = rss();

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const received: number[] = [];
let marker = 0;
const openStreams = (onResponse: (response: http.IncomingMessage) => void) =>
  Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<http.ClientRequest>((resolve) => {
          const request = http.get(
            {
              host: "127.0.0.1",
              port,
              path: "/api/v1/stream",
              agent,
              headers: { authorization: `Bearer ${secret}` },
            },
            (response) => {
              onResponse(response);
              resolve(request);
            },
          );
          request.on("error", () => resolve(request));
        }),
    ),
  );
const requests = await openStreams((response) => {
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    if (marker && chunk.includes(`"at":"${new Date(marker).toISOString()}"`))
      received.push(Date.now() - marker);
  });
});
await new Promise((resolve) => setTimeout(resolve, 3_000));
const open = rss();

marker = Date.now();
const payload = JSON.stringify({
  type: "health",
  origin: "bench",
  serviceIds: [],
  all: true,
  at: new Date(marker).toISOString(),
});
await db.$executeRaw`SELECT pg_notify('vigil_events', ${payload})`;
await new Promise((resolve) => setTimeout(resolve, 3_000));

for (const request of requests) request.destroy();
// A dropped stream is released at the latest on its next 20 s ping, when writing to it fails.
await new Promise((resolve) => setTimeout(resolve, 25_000));
const closed = rss();

// A second wave: if dropped clients were not cleaned up, memory would grow by as much again.
const wave = await openStreams((response) => response.resume());
await new Promise((resolve) => setTimeout(resolve, 3_000));
const secondWave = rss();
for (const request of wave) request.destroy();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `${connections} live connections: server RSS ${mb(before)} MB before, ${mb(open)} MB open (+${mb(open - before)} MB), ${mb(closed)} MB after they dropped   [target: <= 100 MB for 500]`,
);
console.log(
  `a second wave of ${connections} after the first dropped: ${mb(secondWave)} MB (+${mb(secondWave - open)} MB over the first wave)`,
);
console.log(
  `a NOTIFY from "another instance" reached ${received.length} of ${connections} clients: p50 ${percentile(received, 0.5)} ms, p95 ${percentile(received, 0.95)} ms   [target: p95 <= 2 s]`,
);
server.kill("SIGTERM");
await disconnectDb();
await database.drop();
process.exit(0);
