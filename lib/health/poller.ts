import "server-only";
import { describeDatabaseError } from "@/lib/db-errors";
import { db } from "@/lib/db";
import { runServiceCheck, type CheckOutcome, type CheckTarget } from "@/lib/health/check";
import { observeFigures, type FigureBaselines } from "@/lib/health/baseline-rules";
import { loadFigureBaselines } from "@/lib/health/baselines";
import type { SampleProbe } from "@/lib/services/types";
import { loadAllowRules, type AllowRule } from "@/lib/outbound/policy";
import { nextSlotAfter } from "@/lib/health/slots";

export type ScheduledService = CheckTarget & { intervalSeconds: number };

type Entry = {
  target: ScheduledService;
  nextSlot: number;
  inFlight: boolean;
  baselines: FigureBaselines;
};

export type PollerStats = {
  started: number;
  completed: number;
  skippedBusy: number;
  inFlight: number;
  services: number;
  driftMs: number[];
};

export type PollerOptions = {
  concurrency?: number;
  refreshMs?: number;
  onOutcome: (outcome: CheckOutcome) => void;
  loadServices?: () => Promise<ScheduledService[]>;
  loadRules?: () => Promise<AllowRule[]>;
  log?: (message: string) => void;
  keepDriftSamples?: number;
};

export async function loadEnabledServices(): Promise<ScheduledService[]> {
  const services = await db.service.findMany({ where: { enabled: true } });
  return services.map((service) => ({
    id: service.id,
    baseUrl: service.baseUrl,
    profile: service.profile,
    timeoutSeconds: service.timeoutSeconds,
    latencySloMs: service.latencySloMs,
    sampleProbe: (service.sampleProbe as SampleProbe | null) ?? null,
    checkTlsExpiry: service.checkTlsExpiry,
    intervalSeconds: service.intervalSeconds,
  }));
}

/**
 * Runs every enabled service's check on its own slot: at most one check of a service in flight,
 * bounded concurrency overall, and a hard deadline of timeout + 1 s per check so a hung target
 * holds one slot of the pool for a bounded time and never delays other services' schedules.
 */
export class Poller {
  private entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private running = 0;
  private readonly controllers = new Set<AbortController>();
  private rules: AllowRule[] = [];
  private stopped = true;
  private refreshFailing = false;
  private readonly stats: PollerStats = {
    started: 0,
    completed: 0,
    skippedBusy: 0,
    inFlight: 0,
    services: 0,
    driftMs: [],
  };

  constructor(private readonly options: PollerOptions) {}

  private get concurrency() {
    return this.options.concurrency ?? 128;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 10_000);
    this.tick();
  }

  /** Picks up added, changed and removed services; on a database error keeps the schedule it has. */
  async refresh(): Promise<void> {
    try {
      const [services, rules, baselines] = await Promise.all([
        (this.options.loadServices ?? loadEnabledServices)(),
        (this.options.loadRules ?? loadAllowRules)(),
        // Baselines only sharpen comparisons; without them (database down) the checks still start.
        loadFigureBaselines().catch(() => null),
      ]);
      this.rules = rules;
      const now = Date.now();
      const seen = new Set<string>();
      for (const target of services) {
        seen.add(target.id);
        const entry = this.entries.get(target.id);
        if (!entry) {
          this.entries.set(target.id, {
            target,
            nextSlot: nextSlotAfter(now, target.id, target.intervalSeconds),
            inFlight: false,
            baselines: baselines?.get(target.id) ?? {},
          });
        } else {
          if (entry.target.intervalSeconds !== target.intervalSeconds)
            entry.nextSlot = nextSlotAfter(now, target.id, target.intervalSeconds);
          entry.target = target;
          // The database's baselines are the truth (a lead may have accepted a new one); checks only raise them.
          if (baselines) entry.baselines = baselines.get(target.id) ?? {};
        }
      }
      for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
      this.stats.services = this.entries.size;
      if (this.refreshFailing) this.options.log?.("services reloaded again");
      this.refreshFailing = false;
    } catch (error) {
      // Once per failure streak: a database outage would otherwise log this on every refresh.
      if (!this.refreshFailing)
        this.options.log?.(
          `could not reload services (keeping the current schedule until it works again): ${describeDatabaseError(error)}`,
        );
      this.refreshFailing = true;
    }
  }

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    let nextDue = now + 1_000;
    for (const entry of this.entries.values()) {
      if (entry.nextSlot <= now) {
        if (entry.inFlight) {
          this.stats.skippedBusy += 1;
          entry.nextSlot = nextSlotAfter(now, entry.target.id, entry.target.intervalSeconds);
        } else if (this.running < this.concurrency) {
          const scheduledAt = entry.nextSlot;
          entry.nextSlot = nextSlotAfter(
            Math.max(now, scheduledAt),
            entry.target.id,
            entry.target.intervalSeconds,
          );
          void this.runCheck(entry, scheduledAt, now);
        }
      }
      nextDue = Math.min(nextDue, entry.nextSlot);
    }
    this.timer = setTimeout(() => this.tick(), Math.max(5, Math.min(nextDue - Date.now(), 1_000)));
  }

  private recordDrift(ms: number): void {
    const keep = this.options.keepDriftSamples ?? 0;
    if (keep === 0) return;
    this.stats.driftMs.push(ms);
    if (this.stats.driftMs.length > keep)
      this.stats.driftMs.splice(0, this.stats.driftMs.length - keep);
  }

  private async runCheck(entry: Entry, scheduledAt: number, now: number): Promise<void> {
    entry.inFlight = true;
    this.running += 1;
    this.stats.started += 1;
    this.recordDrift(now - scheduledAt);
    const controller = new AbortController();
    this.controllers.add(controller);
    const deadline = setTimeout(
      () => controller.abort(),
      entry.target.timeoutSeconds * 1000 + 1_000,
    );
    try {
      const outcome = await runServiceCheck(entry.target, {
        scheduledAt: new Date(scheduledAt),
        rules: this.rules,
        baselines: entry.baselines,
        signal: controller.signal,
      });
      if (!controller.signal.aborted || !this.stopped) {
        observeFigures(entry.target.profile, entry.baselines, outcome.figures, outcome.scheduledAt);
        this.options.onOutcome(outcome);
      }
    } catch (error) {
      this.options.log?.(`check of ${entry.target.baseUrl} crashed: ${(error as Error).message}`);
    } finally {
      clearTimeout(deadline);
      this.controllers.delete(controller);
      entry.inFlight = false;
      this.running -= 1;
      this.stats.completed += 1;
    }
  }

  getStats(): PollerStats {
    return { ...this.stats, inFlight: this.running, driftMs: [...this.stats.driftMs] };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    for (const controller of this.controllers) controller.abort();
    const started = Date.now();
    while (this.running > 0 && Date.now() - started < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
