/**
 * The pause between a background loop's passes (the outbox deliverer, the pager): it lasts `ms`, or ends as soon as
 * there is news (`poke`). A poke that comes while a pass is running is kept, so the next pause ends at once.
 */
export class WakeableSleep {
  private requested = false;
  private wake: (() => void) | null = null;

  poke(): void {
    this.requested = true;
    this.wake?.();
  }

  /** Call as a pass starts: news from before it is what the pass reads. */
  passStarted(): void {
    this.requested = false;
  }

  sleep(ms: number, running: boolean): Promise<void> {
    if (this.requested || !running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
