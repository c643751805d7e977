import { createTestDatabase, type TestDatabase } from "./test-database";

let database: TestDatabase | undefined;

export async function setup(): Promise<void> {
  database = await createTestDatabase("unit");
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= "vitest-secret-vitest-secret-0123456789";
}

export async function teardown(): Promise<void> {
  await database?.drop();
}
