import "server-only";
import { appVersion } from "@/lib/env";
import { db } from "@/lib/db";

export type SelfHealth = {
  status: "ok" | "degraded";
  db: "up" | "down";
  version: string;
  uptimeSeconds: number;
};

const startedAt = Date.now();
export const selfCheckDeadlineMs = 4_000;

async function pingDatabase(deadlineMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const ping = db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Vigil's own health: answers within the deadline even when Postgres hangs, so a stalled database never hangs a request. */
export async function checkSelfHealth(deadlineMs = selfCheckDeadlineMs): Promise<SelfHealth> {
  const dbUp = await pingDatabase(deadlineMs);
  return {
    status: dbUp ? "ok" : "degraded",
    db: dbUp ? "up" : "down",
    version: appVersion,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}
