import { createTestDatabase } from "@/scripts/test-database";

/** The actor a bench's own set-up writes (users, tokens) are recorded under. */
export const benchActor = { id: null, label: "bench" };

/** A fresh database for one bench, made the one Vigil's modules connect to: they read DATABASE_URL on first use. */
export async function openBenchDatabase(name: string) {
  const database = await createTestDatabase(name);
  process.env.DATABASE_URL = database.url;
  return database;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds, or throws naming `what` once `timeoutMs` has passed. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  pollMs = 200,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}
