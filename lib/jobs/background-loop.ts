import { isDatabaseUnavailable } from "@/lib/db-errors";
import { WakeableSleep } from "@/lib/wakeable-sleep";

export type BackgroundLoopOptions = {
  /** How the log names the loop: "pager", "outbox deliverer". */
  name: string;
  /** What it goes back to doing once the database answers again: "paging", "delivering". */
  resumes: string;
  /** What a failed pass is called in the log: "a tick failed". */
  passFailure: string;
  pollMs: number;
  log: (message: string) => void;
  /** Subscribes to the news that should end the pause early; returns the unsubscribe. */
  subscribe: (wake: () => void) => () => void;
  /** One pass; it calls databaseAnswered() once the database has answered it. */
  pass: () => Promise<void>;
};

/**
 * Runs a pass, pauses pollMs (or less, when poked), and again, until stopped. A failure is logged once until the
 * database answers again, so an outage writes two lines, not one a pass.
 */
export class BackgroundLoop {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly pause = new WakeableSleep();
  private unsubscribe: (() => void) | null = null;
  private failing = false;

  constructor(private readonly options: BackgroundLoopOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.subscribe(() => this.poke());
    this.loopDone = this.loop();
  }

  /** Ends the pause at once and waits for the pass in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.poke();
    await this.loopDone;
  }

  poke(): void {
    this.pause.poke();
  }

  databaseAnswered(): void {
    if (this.failing)
      this.options.log(`${this.options.name}: the database answers again; ${this.options.resumes}`);
    this.failing = false;
  }

  reportError(what: string, error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    const reason = isDatabaseUnavailable(error)
      ? "the database is unreachable"
      : ((error as Error).message ?? String(error)).split("\n")[0];
    this.options.log(
      `${this.options.name}: ${what} (${reason}); retrying every ${Math.round(this.options.pollMs / 1000)} s`,
    );
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.pause.passStarted();
      try {
        await this.options.pass();
      } catch (error) {
        this.reportError(this.options.passFailure, error);
      }
      await this.pause.sleep(this.options.pollMs, this.running);
    }
  }
}
