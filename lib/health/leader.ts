import pg from "pg";

/** Any fixed 64-bit number; all Vigil instances on one database must agree on it. */
export const pollerLockKey = BigInt("7364190215536210");

export type LeaderEvents = { onAcquired(): void; onLost(): void; onError?(error: unknown): void };

/**
 * Exactly one poller per database: a Postgres advisory lock held on a dedicated connection. When the
 * holder dies (even kill -9) its connection closes, Postgres releases the lock, and the next instance
 * to retry takes over.
 */
export class AdvisoryLeader {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private leading = false;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly events: LeaderEvents,
    private readonly retryMs = 5_000,
  ) {}

  get isLeader(): boolean {
    return this.leading;
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

  private lose(error?: unknown): void {
    if (error) this.events.onError?.(error);
    const client = this.client;
    this.client = null;
    client?.removeAllListeners();
    client?.end().catch(() => {});
    if (this.leading) {
      this.leading = false;
      this.events.onLost();
    }
  }

  private async attempt(): Promise<void> {
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: "vigil-poller-lock" });
        client.on("error", (error) => this.lose(error));
        await client.connect();
        this.client = client;
      }
      if (this.leading) {
        await this.client.query("SELECT 1");
      } else {
        const { rows } = await this.client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [pollerLockKey.toString()]);
        if (rows[0]?.locked && !this.stopped) {
          this.leading = true;
          this.events.onAcquired();
        }
      }
    } catch (error) {
      this.lose(error);
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    if (this.leading) {
      this.leading = false;
      this.events.onLost();
    }
    if (client) {
      client.removeAllListeners();
      await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
      await client.end().catch(() => {});
    }
  }
}
