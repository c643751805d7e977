import "server-only";
import { db } from "@/lib/db";

type Limit = { attempts: number; windowSeconds: number };

/**
 * Attempts are counted per account from one address, per address across accounts, and per account from
 * everywhere. The per-account limit is a slow backstop against a spread-out guesser: it is far higher than the
 * others, so someone guessing a named on-call's password from a few addresses locks out only those addresses,
 * and the on-call still gets in from their own.
 */
export const loginLimits = {
  accountFromAddress: { attempts: 10, windowSeconds: 15 * 60 },
  address: { attempts: 20, windowSeconds: 60 },
  account: { attempts: 200, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

type CountRow = { attempts: number };

// One fixed window per key, counted atomically in Postgres so every app instance shares it.
async function countAttempt(key: string, limit: Limit): Promise<number> {
  const rows = await db.$queryRaw<CountRow[]>`
    INSERT INTO "LoginThrottle" ("key", "windowStart", "attempts") VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${limit.windowSeconds})
                        THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${limit.windowSeconds})
                           THEN now() ELSE "LoginThrottle"."windowStart" END
    RETURNING "attempts"`;
  return rows[0]?.attempts ?? 1;
}

/** Counts one sign-in attempt before the password is looked at; `address` is null only when none could be read. */
export async function registerLoginAttempt(
  email: string,
  address: string | null,
): Promise<{ allowed: boolean }> {
  const account = email.trim().toLowerCase();
  const from = address ?? "unknown";
  const checks: Array<[string, Limit]> = [
    [`account-address:${account}|${from}`, loginLimits.accountFromAddress],
    [`address:${from}`, loginLimits.address],
    [`account:${account}`, loginLimits.account],
  ];
  const counts = await Promise.all(checks.map(([key, limit]) => countAttempt(key, limit)));
  return { allowed: counts.every((count, index) => count <= checks[index]![1].attempts) };
}

export async function pruneLoginThrottle(): Promise<number> {
  return db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "windowStart" < now() - interval '2 hours'`;
}
