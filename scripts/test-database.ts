import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/platform/embedded-postgres";
import { applyMigrations } from "@/lib/platform/migrations/migrations";

export type TestDatabase = { url: string; kind: "server" | "embedded"; drop(): Promise<void> };

export const defaultServerUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

function adminUrl(): string {
  return process.env.VIGIL_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? defaultServerUrl;
}

async function serverReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Each test run gets a database of its own on the real Postgres (DATABASE_URL, else 127.0.0.1:5432),
 * migrated from prisma/migrations and dropped afterwards; without a server, an in-memory embedded one.
 */
export async function createTestDatabase(
  label: string,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const admin = adminUrl();
  if (await serverReachable(admin)) {
    const name = `vigil_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    await adminQuery(admin, `CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    if (migrate) await applyMigrations(url.toString());
    return {
      url: url.toString(),
      kind: "server",
      drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  console.warn(`[test] No Postgres at ${admin}; using an in-memory embedded database.`);
  const embedded = await startEmbeddedPostgres();
  if (migrate) await applyMigrations(embedded.url);
  return { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
}
