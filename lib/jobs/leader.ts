import "server-only";
import pg from "pg";

/** Any fixed 64-bit number; all Vigil instances on one database must agree on it. */
export const pollerLockKey = BigInt("7364190215536210");

/** Why this instance stopped leading: another instance holds the lock, the provisional lead ran out, or stop(). */
export type LeadershipEnd = "handover" | "provisional-expired" | "stopped";

export type LeaderEvents = {
  onAcquired(): void;
  onLost(reason: LeadershipEnd): void;
  /** The connection holding the lock is gone; this instance goes on leading until it can ask again. */
  onProvisional?(error: unknown): void;
  /** The lock was taken again after a provisional lead: nobody else led in between. */
  onRegained?(): void;
  onError?(error: unknown): void;
};

export type LeaderOptions = {
  retryMs?: number;
  /** How long to go on leading without the lock while the database cannot be reached. */
  maxProvisionalMs?: number;
  /** Deadline for connecting and for each query on the lock connection, so a stalled database is noticed. */
  queryTimeoutMs?: number;
};

/**
 * Exactly one poller per database: a Postgres advisory lock held on a dedicated connection. When the
 * holder dies (even kill -9) its connection closes, Postgres releases the lock, and the next instance
 * to retry takes over.
 *
 * When the leader loses that connection it does not stop: it leads "provisionally" and keeps
 * checking, since a database nobody can reach is exactly when the checks must go on (their results
 * wait in the writer's buffer). Only our connection may be cut while others still reach the database;
 * then another instance takes the lock and, until we can ask again, both check. That is safe because
 * a result is unique per (service, scheduled slot) and written with skipDuplicates: the same slot
 * checked twice is stored once. It only costs the targets a second request, so it is bounded: we hand
 * over as soon as the database answers and the lock is someone else's, and we stop after
 * maxProvisionalMs without ever reaching it.
 */
export class AdvisoryLeader {
  private client: pg.Client | null = null;
  /** Backend of the connection that held the lock, to recognise it if Postgres has not noticed it is gone. */
  private lockBackendPid: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private leading = false;
  private provisionalSince: number | null = null;
  private stopped = false;
  private readonly retryMs: number;
  private readonly maxProvisionalMs: number;
  private readonly queryTimeoutMs: number;

  constructor(
    private readonly connectionString: string,
    private readonly events: LeaderEvents,
    options: LeaderOptions | number = {},
  ) {
    const settings = typeof options === "number" ? { retryMs: options } : options;
    this.retryMs = settings.retryMs ?? 5_000;
    this.maxProvisionalMs = settings.maxProvisionalMs ?? 15 * 60_000;
    this.queryTimeoutMs = settings.queryTimeoutMs ?? 5_000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** True while leading without holding the lock (the database could not be asked). */
  get isProvisional(): boolean {
    return this.provisionalSince !== null;
  }

  start(): void {
    this.stopped = false;
    void this.attempt();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.attempt(), this.retryMs);
    this.timer.unref?.();
  }

  private disconnect(error: unknown): void {
    this.events.onError?.(error);
    const client = this.client;
    this.client = null;
    client?.removeAllListeners();
    client?.on("error", () => {});
    client?.end().catch(() => {});
    if (this.leading && this.provisionalSince === null) {
      this.provisionalSince = Date.now();
      this.events.onProvisional?.(error);
    }
  }

  private endLeadership(reason: LeadershipEnd): void {
    if (!this.leading) return;
    this.leading = false;
    this.provisionalSince = null;
    this.events.onLost(reason);
  }

  private async tryLock(client: pg.Client): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [pollerLockKey.toString()],
    );
    return rows[0]?.locked === true;
  }

  /**
   * After a network cut Postgres may not yet know our old connection is dead, so "someone holds the
   * lock" can mean our own ghost session. End that one (same role may) and ask again.
   */
  private async tryLockPastOwnGhost(client: pg.Client): Promise<boolean> {
    if (await this.tryLock(client)) return true;
    if (this.lockBackendPid === null) return false;
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1::bigint
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [pollerLockKey.toString()],
    );
    if (rows[0]?.pid !== this.lockBackendPid) return false;
    await client.query("SELECT pg_terminate_backend($1)", [this.lockBackendPid]);
    for (let waited = 0; waited < 2_000; waited += 100) {
      if (await this.tryLock(client)) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  private async attempt(): Promise<void> {
    try {
      if (!this.client) {
        const client = new pg.Client({
          connectionString: this.connectionString,
          keepAlive: true,
          connectionTimeoutMillis: this.queryTimeoutMs,
          query_timeout: this.queryTimeoutMs,
          application_name: "vigil-poller-lock",
        });
        client.on("error", (error) => this.disconnect(error));
        await client.connect();
        if (this.stopped) {
          await client.end();
          return;
        }
        this.client = client;
      }
      const client = this.client;
      if (this.leading && this.provisionalSince === null) {
        await client.query("SELECT 1");
      } else if (await this.tryLockPastOwnGhost(client)) {
        this.lockBackendPid = (client as pg.Client & { processID?: number }).processID ?? null;
        if (this.stopped) {
          await client.query("SELECT pg_advisory_unlock_all()");
        } else if (this.leading) {
          this.provisionalSince = null;
          this.events.onRegained?.();
        } else {
          this.leading = true;
          this.events.onAcquired();
        }
      } else if (this.leading) {
        // The database answers and the lock is someone else's: they lead now.
        this.endLeadership("handover");
      }
    } catch (error) {
      this.disconnect(error);
    }
    if (
      this.provisionalSince !== null &&
      Date.now() - this.provisionalSince >= this.maxProvisionalMs
    ) {
      this.endLeadership("provisional-expired");
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.endLeadership("stopped");
    if (client) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
      await client.end().catch(() => {});
    }
  }
}
