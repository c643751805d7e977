import { isDatabaseUnavailable } from "@/lib/db-errors";
import type { CheckOutcome } from "@/lib/health/check";
import { recordOutcomes } from "@/lib/health/record";

export type WriterStats = { buffered: number; dropped: number; written: number; failedFlushes: number; lastError: string | null; databaseDown: boolean };

/**
 * Check results go through a bounded buffer written in batches. When the database is down the
 * checks go on, results wait here (the oldest are dropped past the bound), and they are written when
 * it returns: a database outage is never recorded as a service failure (D4).
 */
export class ResultWriter {
  private buffer: CheckOutcome[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private batchFailures = 0;
  private readonly stats: WriterStats = { buffered: 0, dropped: 0, written: 0, failedFlushes: 0, lastError: null, databaseDown: false };

  constructor(
    private readonly options: { maxBuffered?: number; batchSize?: number; flushDelayMs?: number; log?: (message: string) => void } = {},
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
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.backoffMs || (this.options.flushDelayMs ?? 250));
  }

  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
      if (this.buffer.length > 0) this.scheduleFlush();
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.options.batchSize ?? 500);
      try {
        const { written } = await recordOutcomes(batch);
        this.buffer.splice(0, batch.length);
        this.stats.written += written;
        if (this.stats.databaseDown) this.options.log?.(`database is back: writing ${this.buffer.length + batch.length} buffered results`);
        this.stats.databaseDown = false;
        this.backoffMs = 0;
        this.batchFailures = 0;
      } catch (error) {
        this.stats.failedFlushes += 1;
        this.stats.lastError = (error as Error).message;
        const unavailable = isDatabaseUnavailable(error);
        if (!this.stats.databaseDown) {
          this.options.log?.(unavailable ? `database unreachable: buffering check results (${this.buffer.length})` : `could not write check results: ${(error as Error).message}`);
        }
        this.stats.databaseDown = unavailable;
        this.batchFailures = unavailable ? 0 : this.batchFailures + 1;
        if (this.batchFailures >= 5) {
          // A batch the database keeps refusing (not an outage) must not wedge the buffer forever.
          this.buffer.splice(0, batch.length);
          this.stats.dropped += batch.length;
          this.batchFailures = 0;
          this.options.log?.(`dropped ${batch.length} check results the database refused five times: ${(error as Error).message}`);
        }
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 1_000), 15_000);
        return;
      }
    }
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
