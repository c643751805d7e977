import pg from "pg";
import { databaseUrl, env } from "@/lib/env";

const answeredRecentlyMs = 1_000;

type PingState = {
  pool: pg.Pool | null;
  url: string | null;
  answeredAt: number;
  inFlight: Promise<boolean> | null;
};
const state: PingState = { pool: null, url: null, answeredAt: 0, inFlight: null };

function poolFor(url: string): pg.Pool {
  if (state.pool && state.url === url) return state.pool;
  void state.pool?.end().catch(() => {});
  const deadline = env.VIGIL_DB_REQUEST_TIMEOUT_MS;
  state.pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: Math.min(env.VIGIL_DB_CONNECT_TIMEOUT_MS, deadline),
    query_timeout: deadline,
    application_name: "vigil-reachability",
  });
  state.pool.on("error", () => {});
  state.url = url;
  return state.pool;
}

/**
 * Whether the database answers a trivial query within the request deadline. Page navigations ask this
 * before rendering, so an outage becomes a 503 outage page instead of a page that hangs and then 500s.
 * A recent answer is reused and concurrent callers share one ping, so a busy dashboard adds at most
 * about one round trip a second.
 */
export async function databaseAnswers(): Promise<boolean> {
  const url = databaseUrl();
  if (!url) return false;
  if (state.url === url && Date.now() - state.answeredAt < answeredRecentlyMs) return true;
  state.inFlight ??= poolFor(url)
    .query("SELECT 1")
    .then(
      () => {
        state.answeredAt = Date.now();
        return true;
      },
      () => false,
    )
    .finally(() => {
      state.inFlight = null;
    });
  return state.inFlight;
}
