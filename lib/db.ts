import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";

export type Db = PrismaClient;

/**
 * How long a database call may take. "request": a page, API call or server action is waiting, so it
 * gives up within VIGIL_DB_REQUEST_TIMEOUT_MS and the caller answers 503 instead of hanging. "background":
 * the poller's batch writes, retention, migrations and scripts, which may legitimately take longer.
 */
export type DbDeadline = "request" | "background";

export function deadlineSettings(deadline: DbDeadline) {
  if (deadline === "request") {
    const requestMs = env.VIGIL_DB_REQUEST_TIMEOUT_MS;
    return {
      connectionTimeoutMillis: Math.min(env.VIGIL_DB_CONNECT_TIMEOUT_MS, requestMs),
      // Postgres cancels a slow statement a little before the client stops waiting, so the connection stays usable.
      statement_timeout: Math.max(requestMs - 500, 100),
      query_timeout: requestMs,
    };
  }
  return {
    connectionTimeoutMillis: env.VIGIL_DB_CONNECT_TIMEOUT_MS,
    statement_timeout: env.VIGIL_DB_STATEMENT_TIMEOUT_MS,
    query_timeout: env.VIGIL_DB_STATEMENT_TIMEOUT_MS + 1_000,
  };
}

export function createDb(
  connectionString: string,
  poolMax = env.VIGIL_DB_POOL_MAX,
  deadline: DbDeadline = "background",
): Db {
  // pg has no connect or query deadline by default: without these a stopped database hangs every request, where it must answer 503 within 5 s.
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    idleTimeoutMillis: 30_000,
    ...deadlineSettings(deadline),
  });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as {
  vigilDb?: Db;
  vigilRequestDb?: Db;
  vigilDbDeadline?: AsyncLocalStorage<DbDeadline>;
};
const deadlineScope = (globalForDb.vigilDbDeadline ??= new AsyncLocalStorage<DbDeadline>());

// Inside the Next.js server everything is a request unless started under runWithDbDeadline("background");
// scripts, the worker, the CLI and tests run in the background by default.
const processDeadline: DbDeadline = process.env.NEXT_RUNTIME ? "request" : "background";

/** Runs fn (and everything it schedules: timers, promises) with the given database deadline. */
export function runWithDbDeadline<T>(deadline: DbDeadline, fn: () => T): T {
  return deadlineScope.run(deadline, fn);
}

export function currentDbDeadline(): DbDeadline {
  return deadlineScope.getStore() ?? processDeadline;
}

function requireDatabaseUrl(): string {
  const url = databaseUrl();
  if (!url)
    throw new Error(
      "DATABASE_URL is not set. Start Vigil with `npm start`, which provides an embedded database.",
    );
  return url;
}

function clientFor(deadline: DbDeadline): Db {
  if (deadline === "request")
    return (globalForDb.vigilRequestDb ??= createDb(
      requireDatabaseUrl(),
      env.VIGIL_DB_POOL_MAX,
      "request",
    ));
  return (globalForDb.vigilDb ??= createDb(requireDatabaseUrl()));
}

/** The one Prisma client, with the deadline of whoever is asking (see DbDeadline). */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = clientFor(currentDbDeadline());
    const value = Reflect.get(client, property) as unknown;
    return typeof value === "function"
      ? (value as (...args: unknown[]) => unknown).bind(client)
      : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const clients = [globalForDb.vigilDb, globalForDb.vigilRequestDb];
  globalForDb.vigilDb = undefined;
  globalForDb.vigilRequestDb = undefined;
  await Promise.all(clients.map((client) => client?.$disconnect()));
}
