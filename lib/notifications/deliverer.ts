import "server-only";
import { db as sharedDb, type Db } from "@/lib/db";
import { smtpConfigFromEnv, type SmtpConfig } from "@/lib/env";
import {
  deliveryTimeoutMs,
  maxDeliveryAttempts,
  backoffMs,
  type DeliveryVerdict,
} from "@/lib/notifications/delivery-verdict";
import { sendToContactMethod } from "@/lib/notifications/destinations/contact";
import { sendToHoloMeshFeed } from "@/lib/notifications/destinations/holomesh";
import type { ClaimedDelivery, Sender } from "@/lib/notifications/destinations/sender";
import { sendToWebhook } from "@/lib/notifications/destinations/webhook";
import { onOutboxNudge } from "@/lib/notifications/outbox";
import { loadAllowRules, type AllowRule } from "@/lib/outbound/policy";
import { BackgroundLoop } from "@/lib/jobs/background-loop";

/** One sender per destination kind, chosen by the prefix before the first colon. */
const senders: Record<string, Sender> = {
  webhook: sendToWebhook,
  holomesh: sendToHoloMeshFeed,
  contact: sendToContactMethod,
};

export type DelivererOptions = {
  db?: Db;
  log?: (message: string) => void;
  pollMs?: number;
  leaseMs?: number;
  concurrency?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  backoff?: (attempts: number) => number;
  loadRules?: () => Promise<AllowRule[]>;
  /** How page email is sent (default: VIGIL_SMTP_URL). */
  smtp?: SmtpConfig;
};

/**
 * Sends what the transactional outbox holds. Every instance runs one: a row is claimed with a lease
 * (FOR UPDATE SKIP LOCKED), so two deliverers never send the same row at once, and a crashed
 * deliverer's rows are taken over when their lease runs out. Results are written only while the
 * lease is still ours, so a deliverer that lost its lease cannot mark a row twice. Receivers get
 * `X-Vigil-Delivery` to drop the rare repeat after a crash between sending and recording.
 */
export class OutboxDeliverer {
  private readonly db: Db;
  private readonly log: (message: string) => void;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: (attempts: number) => number;
  private readonly loadRules: () => Promise<AllowRule[]>;
  private readonly smtp: SmtpConfig;
  private readonly background: BackgroundLoop;
  private readonly inFlight = new Set<Promise<void>>();
  private delivered = 0;

  constructor(options: DelivererOptions = {}) {
    this.db = options.db ?? sharedDb;
    this.log = options.log ?? ((message) => console.log(`[vigil] ${message}`));
    // Far longer than a send can take, so a live deliverer never loses a lease it is still using.
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? deliveryTimeoutMs;
    this.maxAttempts = options.maxAttempts ?? maxDeliveryAttempts;
    this.backoff = options.backoff ?? backoffMs;
    this.loadRules = options.loadRules ?? (() => loadAllowRules());
    this.smtp = options.smtp ?? smtpConfigFromEnv();
    this.background = new BackgroundLoop({
      name: "outbox deliverer",
      resumes: "delivering",
      passFailure: "could not claim deliveries",
      // A finished send or a nudge wakes the loop early; otherwise it looks again after pollMs.
      pollMs: options.pollMs ?? 2_000,
      log: this.log,
      subscribe: onOutboxNudge,
      pass: () => this.claimForFreeSlots(),
    });
  }

  get deliveredCount(): number {
    return this.delivered;
  }

  start(): void {
    this.background.start();
  }

  /** Claims no more rows and waits for the sends in flight to finish and be recorded. */
  async stop(): Promise<void> {
    await this.background.stop();
    await Promise.all([...this.inFlight]);
  }

  private async claimForFreeSlots(): Promise<void> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const claimed = await this.claim(free);
    this.background.databaseAnswered();
    for (const delivery of claimed) this.track(this.deliver(delivery));
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => {
      this.inFlight.delete(tracked);
      this.background.poke();
    });
    this.inFlight.add(tracked);
  }

  /** Takes up to `limit` due rows for this deliverer and counts the attempt now, so a crash mid-send still counts. */
  async claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.db.$queryRaw<ClaimedDelivery[]>`
      UPDATE "OutboxDelivery"
      SET "leasedUntil" = now() + ${this.leaseMs}::int * interval '1 millisecond', attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "OutboxDelivery"
        WHERE status = 'pending' AND "nextAttemptAt" <= now() AND ("leasedUntil" IS NULL OR "leasedUntil" < now())
        ORDER BY id
        LIMIT ${limit}::int
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, "webhookId", destination, event, payload, attempts, "leasedUntil"`;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    let verdict: DeliveryVerdict;
    try {
      const prefix = delivery.destination.split(":")[0] ?? "";
      const sender = senders[prefix];
      verdict = sender
        ? await sender(delivery, {
            db: this.db,
            rules: await this.loadRules(),
            timeoutMs: this.timeoutMs,
            log: this.log,
            smtp: this.smtp,
          })
        : {
            outcome: "failed",
            httpStatus: null,
            error: `No sender for destinations of kind "${prefix}".`,
          };
    } catch (error) {
      // The database failed us before or after sending: the lease runs out and the row is tried again.
      this.background.reportError(`delivery ${delivery.id} interrupted`, error);
      return;
    }
    try {
      await this.record(delivery, verdict);
    } catch (error) {
      this.background.reportError(`could not record delivery ${delivery.id}`, error);
    }
  }

  private async record(delivery: ClaimedDelivery, verdict: DeliveryVerdict): Promise<void> {
    const ours = { id: delivery.id, status: "pending" as const, leasedUntil: delivery.leasedUntil };
    if (verdict.outcome === "delivered") {
      const { count } = await this.db.outboxDelivery.updateMany({
        where: ours,
        data: {
          status: "delivered",
          deliveredAt: new Date(),
          leasedUntil: null,
          lastHttpStatus: verdict.httpStatus,
          lastError: null,
        },
      });
      if (count > 0) this.delivered += 1;
      return;
    }
    if (verdict.outcome === "failed" || delivery.attempts >= this.maxAttempts) {
      const error =
        verdict.outcome === "failed"
          ? verdict.error
          : `${verdict.error} (gave up after ${delivery.attempts} attempts)`;
      await this.db.outboxDelivery.updateMany({
        where: ours,
        data: {
          status: "failed",
          leasedUntil: null,
          lastHttpStatus: verdict.httpStatus,
          lastError: error,
        },
      });
      return;
    }
    const waitMs = Math.max(this.backoff(delivery.attempts), verdict.retryAfterMs ?? 0);
    await this.db.$executeRaw`
      UPDATE "OutboxDelivery"
      SET "leasedUntil" = NULL, "nextAttemptAt" = now() + ${Math.round(waitMs)}::int * interval '1 millisecond',
          "lastHttpStatus" = ${verdict.httpStatus}::int, "lastError" = ${verdict.error}
      WHERE id = ${delivery.id} AND status = 'pending' AND "leasedUntil" = ${delivery.leasedUntil}`;
  }
}
