import { startMonitoring } from "@/lib/jobs/scheduler";
import { databaseUrl } from "@/lib/env";

// The poller alone, as `npm run worker` runs it once migrations are applied: what the benchmark measures.
const seconds = Number(process.argv[2] ?? 75);
const monitoring = startMonitoring({
  databaseUrl: databaseUrl() as string,
  log: () => {},
  poller: { concurrency: 256, keepDriftSamples: 100_000 },
});
const started = Date.now();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const stats = monitoring.poller.getStats();
await monitoring.writer.flush();
const writer = monitoring.writer.getStats();
await monitoring.stop();
process.stdout.write(
  `${JSON.stringify({ elapsed: (Date.now() - started) / 1000, stats, writer })}\n`,
);
process.exit(0);
