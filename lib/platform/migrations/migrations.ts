import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { MigrationDirectory } from "@prisma/schema-engine-wasm";
import { startEmbeddedPostgres } from "@/lib/platform/embedded-postgres";
import { openSchemaEngine } from "@/lib/platform/migrations/schema-engine";

export const prismaDir = path.resolve(process.cwd(), "prisma");
export const migrationsDir = path.join(prismaDir, "migrations");
export const schemaPath = path.join(prismaDir, "schema.prisma");
// Each migration folder keeps the schema it produces, so the next migration can be diffed offline
// (schema -> schema needs no database; Prisma's own `migrate dev` needs a native engine and a shadow database).
const snapshotFile = "schema.prisma";
const noFilters = { externalTables: [], externalEnums: [] };

export async function listMigrationNames(dir = migrationsDir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function loadMigrationDirectories(dir: string): Promise<MigrationDirectory[]> {
  const names = await listMigrationNames(dir);
  return Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(dir, name, "migration.sql"), "utf8").then(
          (sql) => ({ tag: "ok" as const, value: sql }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
}

/** Cheap check before loading the schema engine: which migration folders the database has not recorded. */
export async function pendingMigrations(
  connectionString: string,
  dir = migrationsDir,
): Promise<string[]> {
  const names = await listMigrationNames(dir);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client
      .query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      .catch(() => ({ rows: [] as { migration_name: string }[] }));
    const applied = new Set(rows.map((row) => row.migration_name));
    return names.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

export async function applyMigrations(
  connectionString: string,
  dir = migrationsDir,
): Promise<string[]> {
  const engine = await openSchemaEngine(connectionString);
  try {
    const lockfilePath = "migration_lock.toml";
    const lockContent = await readFile(path.join(dir, lockfilePath), "utf8").catch(() => null);
    const result = await engine.applyMigrations({
      migrationsList: {
        baseDir: dir,
        lockfile: { path: lockfilePath, content: lockContent },
        shadowDbInitScript: "",
        migrationDirectories: await loadMigrationDirectories(dir),
      },
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

// The engine wants a live connection even for a schema-to-schema diff; a throwaway in-memory
// PGlite keeps this independent of any server and of the network.
export async function diffSchemas(fromSchema: string | null, toSchema: string): Promise<string> {
  const scratch = await startEmbeddedPostgres();
  const engine = await openSchemaEngine(scratch.url);
  try {
    const result = await engine.diff({
      from:
        fromSchema === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromSchema }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toSchema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
    await scratch.stop();
  }
}

export async function readLatestSnapshot(dir = migrationsDir): Promise<string | null> {
  const names = await listMigrationNames(dir);
  const latest = names.at(-1);
  if (!latest) return null;
  return readFile(path.join(dir, latest, snapshotFile), "utf8");
}

const emptyDiff = /^\s*(--[^\n]*\n?\s*)*$/;

export function isEmptyMigration(sql: string): boolean {
  return emptyDiff.test(sql) || sql.includes("-- This is an empty migration.");
}

export async function createMigration(
  name: string,
  now = new Date(),
  dir = migrationsDir,
): Promise<{ folder: string; sql: string } | null> {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error("Migration name must be lower-case letters, digits and underscores.");
  const schema = await readFile(schemaPath, "utf8");
  const sql = await diffSchemas(await readLatestSnapshot(dir), schema);
  if (isEmptyMigration(sql)) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = path.join(dir, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await writeFile(path.join(folder, snapshotFile), schema);
  await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  return { folder, sql };
}
