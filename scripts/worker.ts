import path from "node:path";
import { resolveDatabase } from "@/lib/platform/embedded-postgres";
import { databaseUrl, env } from "@/lib/env";
import { startMonitoring } from "@/lib/jobs/scheduler";
import { applyMigrations } from "@/lib/platform/migrations/migrations";

// `npm run worker`: the poller on its own, for deployments that run the web app with VIGIL_POLLER=off.
const database = await resolveDatabase({
  databaseUrl: databaseUrl(),
  dataDir: path.resolve(env.VIGIL_DATA_DIR),
});
process.env.DATABASE_URL = database.url;
await applyMigrations(database.url);
console.log(`[vigil] worker started (${database.source}); waiting for the poller lock`);
const monitoring = startMonitoring({
  databaseUrl: database.url,
  poller: { concurrency: env.VIGIL_POLLER_CONCURRENCY },
});

const shutdown = async () => {
  await monitoring.stop();
  await database.embedded?.stop();
  process.exit(0);
};
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
