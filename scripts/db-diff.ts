import { createMigration } from "@/lib/platform/migrations/migrations";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:diff -- <migration_name>");
  process.exit(2);
}
try {
  const created = await createMigration(name);
  if (!created) {
    console.log("schema.prisma matches the latest migration: nothing to write.");
  } else {
    console.log(`Wrote ${created.folder}/migration.sql:\n\n${created.sql}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
