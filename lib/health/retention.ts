import "server-only";
import { db } from "@/lib/db";

/**
 * How long results are kept: raw results 7 days, minute rollups 48 h, hourly 90 days, daily 400 days; events 400 days.
 * Webhook deliveries that are settled (delivered or failed) are kept 90 days for their delivery log.
 */
export const retention = {
  rawResults: "7 days",
  minuteRollups: "48 hours",
  hourRollups: "90 days",
  dayRollups: "400 days",
  events: "400 days",
  settledDeliveries: "90 days",
} as const;

const chunk = 10_000;

// Deleting in chunks keeps each transaction short, so the writer is never blocked for long.
async function deleteInChunks(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run();
    total += deleted;
    if (deleted < chunk) return total;
  }
}

export async function applyRetention(): Promise<Record<keyof typeof retention, number>> {
  return {
    rawResults: await deleteInChunks(
      () =>
        db.$executeRaw`DELETE FROM "CheckResult" WHERE id IN (SELECT id FROM "CheckResult" WHERE "scheduledAt" < now() - ${retention.rawResults}::interval LIMIT ${chunk})`,
    ),
    minuteRollups: await deleteInChunks(
      () =>
        db.$executeRaw`DELETE FROM "CheckRollup" WHERE ctid IN (SELECT ctid FROM "CheckRollup" WHERE granularity = 'minute' AND bucket < now() - ${retention.minuteRollups}::interval LIMIT ${chunk})`,
    ),
    hourRollups: await deleteInChunks(
      () =>
        db.$executeRaw`DELETE FROM "CheckRollup" WHERE ctid IN (SELECT ctid FROM "CheckRollup" WHERE granularity = 'hour' AND bucket < now() - ${retention.hourRollups}::interval LIMIT ${chunk})`,
    ),
    dayRollups: await deleteInChunks(
      () =>
        db.$executeRaw`DELETE FROM "CheckRollup" WHERE ctid IN (SELECT ctid FROM "CheckRollup" WHERE granularity = 'day' AND bucket < now() - ${retention.dayRollups}::interval LIMIT ${chunk})`,
    ),
    events: await deleteInChunks(
      () =>
        db.$executeRaw`DELETE FROM "HealthEvent" WHERE id IN (SELECT id FROM "HealthEvent" WHERE at < now() - ${retention.events}::interval LIMIT ${chunk})`,
    ),
    settledDeliveries: await deleteInChunks(
      () => db.$executeRaw`DELETE FROM "OutboxDelivery" WHERE id IN (SELECT id FROM "OutboxDelivery"
        WHERE status <> 'pending' AND "createdAt" < now() - ${retention.settledDeliveries}::interval LIMIT ${chunk})`,
    ),
  };
}
