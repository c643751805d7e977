import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";

export type Db = PrismaClient;

export function createDb(connectionString: string, poolMax = env.VIGIL_DB_POOL_MAX): Db {
  // pg has no connect or query deadline by default: without these a stopped database hangs every request (targets D4).
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    connectionTimeoutMillis: env.VIGIL_DB_CONNECT_TIMEOUT_MS,
    query_timeout: env.VIGIL_DB_STATEMENT_TIMEOUT_MS + 1_000,
    statement_timeout: env.VIGIL_DB_STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { vigilDb?: Db };

function requireDatabaseUrl(): string {
  const url = databaseUrl();
  if (!url) throw new Error("DATABASE_URL is not set. Start Vigil with `npm start`, which provides an embedded database.");
  return url;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    globalForDb.vigilDb ??= createDb(requireDatabaseUrl());
    const value = Reflect.get(globalForDb.vigilDb, property) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(globalForDb.vigilDb) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForDb.vigilDb?.$disconnect();
  globalForDb.vigilDb = undefined;
}
