import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckOutcome } from "@/lib/health/check";

// A TCP proxy in front of the test database, closed and reopened to play a database outage.
const realUrl = new URL(process.env.DATABASE_URL as string);
const sockets = new Set<net.Socket>();
let server: net.Server | null = null;
let port = 0;

function openProxy(): Promise<void> {
  server = net.createServer((client) => {
    const upstream = net.connect(Number(realUrl.port || 5432), realUrl.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  return new Promise((resolve) =>
    server?.listen(port, "127.0.0.1", () => {
      port = (server?.address() as net.AddressInfo).port;
      resolve();
    }),
  );
}

function closeProxy(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

async function countResults(serviceId: string): Promise<number> {
  const client = new pg.Client({ connectionString: realUrl.toString() });
  await client.connect();
  const { rows } = await client.query<{ count: string }>(
    `SELECT count(*) FROM "CheckResult" WHERE "serviceId" = $1`,
    [serviceId],
  );
  await client.end();
  return Number(rows[0]?.count ?? 0);
}

let serviceId = "";

beforeAll(async () => {
  await openProxy();
  const proxied = new URL(realUrl);
  proxied.host = `127.0.0.1:${port}`;
  process.env.DATABASE_URL = proxied.toString();
  process.env.VIGIL_DB_CONNECT_TIMEOUT_MS = "1000";
  const { db } = await import("@/lib/db");
  const service = await db.service.create({
    data: {
      name: `d4-${Date.now()}`,
      environment: "d4",
      baseUrl: "https://example.com",
      profile: "http",
      state: { create: {} },
    },
  });
  serviceId = service.id;
});

afterAll(async () => {
  await closeProxy();
});

function outcome(offsetMs: number): CheckOutcome {
  const at = new Date(Date.now() - 60_000 + offsetMs);
  return {
    serviceId,
    scheduledAt: at,
    startedAt: at,
    status: "up",
    reason: "all checks passed",
    httpStatus: 200,
    latencyMs: 42,
    timings: { totalMs: 42 },
    version: null,
    figures: {},
    bodySample: null,
    tlsExpiresAt: null,
    manual: false,
  };
}

describe("the result writer during a database outage", () => {
  it("buffers results while the database is unreachable and writes them all when it returns", async () => {
    const { ResultWriter } = await import("@/lib/health/writer");
    const logs: string[] = [];
    const writer = new ResultWriter({ flushDelayMs: 10, log: (line) => logs.push(line) });

    await closeProxy();
    for (let index = 0; index < 3; index++) writer.add(outcome(index * 1_000));
    await writer.flush();
    expect(writer.getStats()).toMatchObject({ buffered: 3, databaseDown: true, written: 0 });
    expect(logs.join("\n")).toMatch(/database unreachable: buffering/);
    expect(await countResults(serviceId)).toBe(0);

    await openProxy();
    const started = Date.now();
    while (writer.getStats().buffered > 0 && Date.now() - started < 20_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writer.getStats()).toMatchObject({ buffered: 0, databaseDown: false, written: 3 });
    expect(await countResults(serviceId)).toBe(3);
    await writer.close();
  }, 30_000);

  it("keeps the buffer bounded, dropping the oldest", async () => {
    const { ResultWriter } = await import("@/lib/health/writer");
    await closeProxy();
    const writer = new ResultWriter({ maxBuffered: 5, flushDelayMs: 60_000 });
    for (let index = 0; index < 12; index++) writer.add(outcome(10_000 + index));
    expect(writer.getStats()).toMatchObject({ buffered: 5, dropped: 7 });
    await openProxy();
  });

  it("reports results dropped during an outage as monitoring degraded once the database is back", async () => {
    const { ResultWriter } = await import("@/lib/health/writer");
    const { getStatusSummary } = await import("@/lib/health/data");
    const { db } = await import("@/lib/db");
    await closeProxy();
    const writer = new ResultWriter({ maxBuffered: 4, flushDelayMs: 10, log: () => undefined });
    for (let index = 0; index < 10; index++) writer.add(outcome(20_000 + index));
    await writer.flush();
    expect(writer.getStats()).toMatchObject({ buffered: 4, dropped: 6, databaseDown: true });

    await openProxy();
    const started = Date.now();
    while (writer.getStats().buffered > 0 && Date.now() - started < 20_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await writer.close();
    const { monitor } = await getStatusSummary();
    expect(monitor.degraded).toBe(true);
    expect(monitor.unstored?.count).toBeGreaterThanOrEqual(6);
    expect(monitor.unstored?.reason).toMatch(/the result buffer was full/);
    await db.monitorStatus.updateMany({
      data: { unstoredCount: 0, unstoredSince: null, unstoredLastAt: null, unstoredReason: null },
    });
    await db.healthEvent.deleteMany({
      where: {
        kind: "monitor_degraded",
        serviceId: null,
        reason: { contains: "could not be stored" },
      },
    });
  }, 30_000);
});
