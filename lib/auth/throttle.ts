import { db } from "@/lib/db";

export const loginLimit = { attempts: 20, windowSeconds: 60 };

type CountRow = { attempts: number };

// One fixed window per key, counted atomically in Postgres so every app instance shares it.
async function countAttempt(key: string): Promise<number> {
  const rows = await db.$queryRaw<CountRow[]>`
    INSERT INTO "LoginThrottle" ("key", "windowStart", "attempts") VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${loginLimit.windowSeconds})
                        THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${loginLimit.windowSeconds})
                           THEN now() ELSE "LoginThrottle"."windowStart" END
    RETURNING "attempts"`;
  return rows[0]?.attempts ?? 1;
}

export async function registerLoginAttempt(email: string, address: string | null): Promise<{ allowed: boolean }> {
  const keys = [`account:${email.toLowerCase()}`, ...(address ? [`address:${address}`] : [])];
  const counts = await Promise.all(keys.map(countAttempt));
  return { allowed: counts.every((count) => count <= loginLimit.attempts) };
}

export async function pruneLoginThrottle(): Promise<number> {
  return db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "windowStart" < now() - interval '1 hour'`;
}
