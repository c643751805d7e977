import "server-only";
import { describeDatabaseError, isDatabaseUnavailable } from "@/lib/db-errors";
import type { CheckOutcome } from "@/lib/health/check";
import {
  minimalOutcome,
  recordOutcomes,
  recordUnstoredResults,
  type UnstoredReport,
} from "@/lib/health/record";

export type WriterStats = {
  buffered: number;
  /** Results dropped past the buffer's bound. */
  dropped: number;
  /** Results Postgres refused even in their minimal form: counted, logged, reported as monitoring degraded. */
  unstorable: number;
  /** Results Postgres refused whole, kept as status and reason only. */
  storedMinimal: number;
  written: number;
  failedFlushes: number;
  lastError: string | null;
  databaseDown: boolean;
};

const rowSpecificPrismaCodes = new Set([
  "P2000",
  "P2005",
  "P2006",
  "P2007",
  "P2011",
  "P2012",
  "P2019",
  "P2020",
  "P2023",
  "P2033",
]);

/**
 * True when the refusal is about the rows sent (Postgres data and constraint errors, values Prisma
 * rejects): splitting the batch finds the culprit. A timeout, a conflict or a full disk is about the
 * database, not the rows: those results wait in the buffer and are tried again, never split and lost.
 */
export function isRowSpecificRefusal(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  if (error instanceof Error && error.name === "PrismaClientValidationError") return true;
  for (
    let current: unknown = error, depth = 0;
    current && typeof current === "object" && depth < 6;
    depth++
  ) {
    const candidate = current as {
      originalCode?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (typeof candidate.originalCode === "string") return /^2[23]/.test(candidate.originalCode);
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^P\d{4}$/.test(code)) return rowSpecificPrismaCodes.has(code);
  // Not from Prisma at all (a bad Date in an outcome, say): about the row.
  return !(error instanceof Error && error.name.startsWith("Prisma"));
}

/**
 * Check results go through a bounded buffer written in batches. When the database is down the
 * checks go on, results wait here (the oldest are dropped past the bound), and they are written when
 * it returns: a database outage is never recorded as a service failure.
 */
export class ResultWriter {
  private buffer: CheckOutcome[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private unreported: UnstoredReport | null = null;
  private writeFailing = false;
  private readonly stats: WriterStats = {
    buffered: 0,
    dropped: 0,
    unstorable: 0,
    storedMinimal: 0,
    written: 0,
    failedFlushes: 0,
    lastError: null,
    databaseDown: false,
  };

  constructor(
    private readonly options: {
      maxBuffered?: number;
      batchSize?: number;
      flushDelayMs?: number;
      log?: (message: string) => void;
    } = {},
  ) {}

  private get maxBuffered() {
    return this.options.maxBuffered ?? 50_000;
  }

  add(outcome: CheckOutcome): void {
    this.buffer.push(outcome);
    const overflow = this.buffer.length - this.maxBuffered;
    if (overflow > 0) {
      this.buffer.splice(0, overflow);
      this.stats.dropped += overflow;
      this.noteUnstored(
        overflow,
        `the result buffer was full (${this.maxBuffered} results waiting to be written); the oldest were dropped`,
      );
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.flush();
      },
      this.backoffMs || (this.options.flushDelayMs ?? 250),
    );
  }

  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
      if (this.buffer.length > 0) this.scheduleFlush();
    });
    return this.flushing;
  }

  private noteUnstored(count: number, reason: string): void {
    const now = new Date();
    this.unreported = this.unreported
      ? {
          count: this.unreported.count + count,
          reason,
          firstAt: this.unreported.firstAt,
          lastAt: now,
        }
      : { count, reason, firstAt: now, lastAt: now };
  }

  /** Told only while the database answers: a status written during an outage would be lost with the results. */
  private async reportUnstored(): Promise<void> {
    const report = this.unreported;
    if (!report) return;
    this.unreported = null;
    try {
      await recordUnstoredResults(report);
    } catch (error) {
      const merged = this.unreported as UnstoredReport | null;
      this.unreported = merged
        ? { ...merged, count: merged.count + report.count, firstAt: report.firstAt }
        : report;
      this.options.log?.(
        `could not mark monitoring degraded for ${report.count} unstored results: ${describeDatabaseError(error)}`,
      );
    }
  }

  /**
   * Writes a batch; when Postgres refuses it (not an outage), splits it in halves until the refused
   * rows stand alone, so one bad answer never costs the others. A refused row is kept as status and
   * reason only; if even that is refused it is counted. An outage (or any refusal not about the rows)
   * is rethrown with the number of rows already dealt with, so they are not written or counted twice.
   */
  private async writeSplitting(
    batch: CheckOutcome[],
    progress: { handled: number },
  ): Promise<void> {
    try {
      const { written } = await recordOutcomes(batch);
      this.stats.written += written;
    } catch (error) {
      if (!isRowSpecificRefusal(error)) throw error;
      if (batch.length > 1) {
        const middle = Math.ceil(batch.length / 2);
        await this.writeSplitting(batch.slice(0, middle), progress);
        await this.writeSplitting(batch.slice(middle), progress);
        return;
      }
      await this.writeMinimal(batch[0] as CheckOutcome, describeDatabaseError(error));
    }
    progress.handled += batch.length;
  }

  private async writeMinimal(outcome: CheckOutcome, why: string): Promise<void> {
    const slot = Number.isNaN(outcome.scheduledAt.getTime())
      ? "an invalid time"
      : outcome.scheduledAt.toISOString();
    const which = `the result of service ${outcome.serviceId} at ${slot}`;
    try {
      const { written } = await recordOutcomes([minimalOutcome(outcome, why)]);
      this.stats.written += written;
      this.stats.storedMinimal += 1;
      this.options.log?.(
        `stored only the status of ${which}; the database refused the rest: ${why}`,
      );
    } catch (error) {
      if (!isRowSpecificRefusal(error)) throw error;
      this.stats.unstorable += 1;
      this.stats.lastError = describeDatabaseError(error);
      this.noteUnstored(1, `the database refused a result: ${this.stats.lastError}`);
      this.options.log?.(
        `could not store ${which} at all (${this.stats.lastError}); counted as unstored`,
      );
    }
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.options.batchSize ?? 500);
      const progress = { handled: 0 };
      try {
        await this.writeSplitting(batch, progress);
        this.buffer.splice(0, batch.length);
        if (this.stats.databaseDown || this.writeFailing)
          this.options.log?.(
            `database is back: writing ${this.buffer.length + batch.length} buffered results`,
          );
        this.stats.databaseDown = false;
        this.writeFailing = false;
        this.backoffMs = 0;
        await this.reportUnstored();
      } catch (error) {
        this.buffer.splice(0, progress.handled);
        this.stats.failedFlushes += 1;
        this.stats.lastError = describeDatabaseError(error);
        const unavailable = isDatabaseUnavailable(error);
        if (!this.stats.databaseDown && !this.writeFailing) {
          this.options.log?.(
            unavailable
              ? `database unreachable: buffering check results (${this.buffer.length})`
              : `could not write check results, keeping them buffered and retrying: ${this.stats.lastError}`,
          );
        }
        this.stats.databaseDown = unavailable;
        this.writeFailing = !unavailable;
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 1_000), 15_000);
        return;
      }
    }
    await this.reportUnstored();
  }

  getStats(): WriterStats {
    return { ...this.stats, buffered: this.buffer.length };
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
