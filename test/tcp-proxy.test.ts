import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/env";
import { startDatabaseProxy, type TcpProxy } from "@/test/tcp-proxy";

let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await startDatabaseProxy(databaseUrl()!);
});
afterAll(() => proxy.close());

async function connected(): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: proxy.urlFor(databaseUrl()!),
    connectionTimeoutMillis: 2_000,
  });
  client.on("error", () => {});
  await client.connect();
  return client;
}

function settleWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<"pending" | { value: T } | { error: unknown }> {
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), ms)),
  ]);
}

describe("the TCP proxy in front of Postgres", () => {
  it("passes a real Postgres session through", async () => {
    const client = await connected();
    const { rows } = await client.query<{ answer: number }>("SELECT 41 + 1 AS answer");
    expect(rows[0]?.answer).toBe(42);
    await client.end();
  });

  it("stalls: the query waits without an answer, and is answered once the proxy passes again", async () => {
    const client = await connected();
    proxy.stall();
    const query = client.query<{ answer: number }>("SELECT 7 AS answer");
    expect(await settleWithin(query, 700)).toBe("pending");

    // A new connection is accepted at the TCP level, but the Postgres handshake never completes.
    const fresh = new pg.Client({
      connectionString: proxy.urlFor(databaseUrl()!),
      connectionTimeoutMillis: 600,
    });
    fresh.on("error", () => {});
    const handshake = await settleWithin(fresh.connect(), 2_000);
    expect(handshake).toMatchObject({
      error: expect.objectContaining({ message: expect.stringMatching(/timeout/i) }),
    });

    await proxy.pass();
    expect((await query).rows[0]?.answer).toBe(7);
    await client.end();
  });

  it("cuts: open connections are reset, new ones refused, and it recovers on pass", async () => {
    const client = await connected();
    const dropped = new Promise<Error>((resolve) => client.once("error", resolve));
    await proxy.cut();
    expect((await dropped).message).toMatch(/ECONNRESET|terminated|closed/i);
    expect(proxy.openConnections()).toBe(0);

    const refused = await settleWithin(connected(), 2_000);
    expect(refused).toMatchObject({ error: expect.objectContaining({ code: "ECONNREFUSED" }) });

    await proxy.pass();
    const again = await connected();
    expect((await again.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    await again.end();
  });
});
