import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/scripts/test-database";
import { databaseUrl } from "@/lib/env";
import { diffSchemas, readLatestSnapshot, schemaPath } from "@/lib/platform/migrations/migrations";

// A catalogue of everything a migration can shape, sorted, so two databases can be compared as text.
const catalogueQueries = [
  `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  `SELECT conrelid::regclass::text AS table_name, conname, contype, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations'`,
  `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'`,
];

async function catalogue(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    for (const query of catalogueQueries) {
      const { rows } = await client.query(query);
      lines.push(...rows.map((row) => JSON.stringify(row)));
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}

describe("migrations and schema.prisma", () => {
  it("build the same database: migrations applied vs. the schema created from scratch", async () => {
    const schema = await readFile(schemaPath, "utf8");
    // Same server as the migrated database, so both catalogues come from one Postgres version.
    const fromScratch = await createTestDatabase("drift", { migrate: false });
    try {
      const client = new pg.Client({ connectionString: fromScratch.url });
      await client.connect();
      await client.query(await diffSchemas(null, schema));
      await client.end();
      const migrated = await catalogue(databaseUrl() as string);
      expect(migrated.length).toBeGreaterThan(10);
      expect(migrated).toEqual(await catalogue(fromScratch.url));
    } finally {
      await fromScratch.drop();
    }
  });

  it("keep the latest migration's schema snapshot equal to schema.prisma (run `npm run db:diff -- <name>` after a change)", async () => {
    expect(await readLatestSnapshot()).toBe(await readFile(schemaPath, "utf8"));
  });
});
