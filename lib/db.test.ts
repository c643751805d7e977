import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listServices } from "@/app/api/v1/services/route";
import { createDb, db, disconnectDb, runWithDbDeadline, type Db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { databaseUrl, env } from "@/lib/env";
import { makeUser } from "@/test/fixtures";
import { startDatabaseProxy, type TcpProxy } from "@/test/tcp-proxy";
import { createApiToken } from "@/lib/tokens/data";

const directUrl = databaseUrl()!;
let proxy: TcpProxy;
const opened: Db[] = [];

beforeAll(async () => {
  proxy = await startDatabaseProxy(directUrl);
});
afterEach(() => proxy.pass());
afterAll(async () => {
  await Promise.all(opened.map((client) => client.$disconnect()));
  await disconnectDb();
  process.env.DATABASE_URL = directUrl;
  await proxy.close();
});

function throughProxy(deadline: "request" | "background"): Db {
  const client = createDb(proxy.urlFor(directUrl), 2, deadline);
  opened.push(client);
  return client;
}

async function timed(call: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  return { ms: Date.now() - started, error };
}

describe("database deadlines (a stalled database never hangs a request)", () => {
  it("a request's query on an open connection gives up within the request deadline, as 'unavailable'", async () => {
    const client = throughProxy("request");
    expect(await client.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    proxy.stall();
    const { ms, error } = await timed(client.$queryRaw`SELECT 2 AS two`);
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ms).toBeLessThan(env.VIGIL_DB_REQUEST_TIMEOUT_MS + 1_000);
  });

  it("a request that needs a new connection to a stalled database gives up within the deadline, as 'unavailable'", async () => {
    proxy.stall();
    const { ms, error } = await timed(throughProxy("request").$queryRaw`SELECT 1`);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ms).toBeLessThan(env.VIGIL_DB_REQUEST_TIMEOUT_MS + 1_000);
  });

  it("a cut database is 'unavailable' at once", async () => {
    const client = throughProxy("request");
    await client.$queryRaw`SELECT 1`;
    await proxy.cut();
    const { ms, error } = await timed(client.$queryRaw`SELECT 1`);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ms).toBeLessThan(2_000);
  });

  it("requests get the short statement timeout; background work (poller writes, retention) keeps the long one", async () => {
    const timeoutOf = async () =>
      (
        await db.$queryRaw<
          Array<{ ms: number }>
        >`SELECT (EXTRACT(EPOCH FROM current_setting('statement_timeout')::interval) * 1000)::int AS ms`
      )[0]?.ms;
    expect(await runWithDbDeadline("request", timeoutOf)).toBe(
      env.VIGIL_DB_REQUEST_TIMEOUT_MS - 500,
    );
    expect(await runWithDbDeadline("background", timeoutOf)).toBe(
      env.VIGIL_DB_STATEMENT_TIMEOUT_MS,
    );
  });

  it("/api/v1 answers 503 'unavailable' within 5 s while the database is stalled", async () => {
    const owner = await makeUser("viewer", "stall");
    const { secret } = await createApiToken(
      { id: null, label: "vitest" },
      { ownerEmail: owner.email, name: "stall" },
    );
    await disconnectDb();
    process.env.DATABASE_URL = proxy.urlFor(directUrl);
    const call = () =>
      runWithDbDeadline("request", () =>
        listServices(
          new Request("http://127.0.0.1/api/v1/services", {
            headers: { authorization: `Bearer ${secret}` },
          }),
          { params: Promise.resolve({}) },
        ),
      );
    expect((await call()).status).toBe(200);

    proxy.stall();
    const started = Date.now();
    const response = await call();
    const ms = Date.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
    expect(ms).toBeLessThan(5_000);
    await disconnectDb();
    process.env.DATABASE_URL = directUrl;
  });
});
