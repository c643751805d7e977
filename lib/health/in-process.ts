import { databaseUrl, env } from "@/lib/env";
import { startMonitoring, type Monitoring } from "@/lib/health/monitor";

const globalForMonitoring = globalThis as unknown as { vigilMonitoring?: Monitoring };

/** Inside the app's server process (the default); `VIGIL_POLLER=off` leaves it to `npm run worker`. */
export function startInProcessMonitoring(): void {
  const url = databaseUrl();
  if (env.VIGIL_POLLER === "off" || !url || globalForMonitoring.vigilMonitoring) return;
  globalForMonitoring.vigilMonitoring = startMonitoring({ databaseUrl: url, poller: { concurrency: env.VIGIL_POLLER_CONCURRENCY } });
  const stop = () => void globalForMonitoring.vigilMonitoring?.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
