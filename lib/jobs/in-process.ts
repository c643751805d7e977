import "server-only";
import { runWithDbDeadline } from "@/lib/db";
import { databaseUrl, env } from "@/lib/env";
import { startMonitoring, type Monitoring } from "@/lib/jobs/scheduler";
import { OutboxDeliverer } from "@/lib/notifications/deliverer";
import { Pager } from "@/lib/paging/engine";

const globalForMonitoring = globalThis as unknown as {
  vigilMonitoring?: Monitoring;
  vigilDeliverer?: OutboxDeliverer;
  vigilPager?: Pager;
};

/**
 * Inside the app's server process (the default); `VIGIL_POLLER=off` leaves the checks to `npm run worker`,
 * but this instance still pages and delivers its own webhooks at once (outbox leases keep every send single).
 */
export function startInProcessMonitoring(): void {
  const url = databaseUrl();
  if (!url || globalForMonitoring.vigilMonitoring || globalForMonitoring.vigilDeliverer) return;
  if (env.VIGIL_POLLER === "off") {
    const log = (message: string) => console.log(`[vigil] ${message}`);
    const deliverer = new OutboxDeliverer({ log });
    const pager = new Pager({ log });
    runWithDbDeadline("background", () => {
      deliverer.start();
      pager.start();
    });
    globalForMonitoring.vigilDeliverer = deliverer;
    globalForMonitoring.vigilPager = pager;
    const stop = () =>
      void runWithDbDeadline("background", async () => {
        await pager.stop();
        await deliverer.stop();
      });
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return;
  }
  globalForMonitoring.vigilMonitoring = startMonitoring({
    databaseUrl: url,
    poller: { concurrency: env.VIGIL_POLLER_CONCURRENCY },
  });
  const stop = () => void globalForMonitoring.vigilMonitoring?.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
