import type { RunningBoardChange } from "@/lib/board/schema";

// The change running now in this server process, for GET /api/v1/board to show its steps as they run.
// Changes run one at a time (the board lock), so one slot is enough; kept on globalThis so dev reloads share it.
type StepName = RunningBoardChange["steps"][number]["name"];
type Slot = { startedAt: number; idempotencyKey: string | null; actorLabel: string; toMode: string; objective: string; steps: { name: StepName; startedAt: number; finishedAt: number | null; outcome: string | null }[] };

const holder = globalThis as unknown as { __vigilRunningBoardChange?: Slot | null };

export function isChangeRunning(): boolean {
  return Boolean(holder.__vigilRunningBoardChange);
}

/** The idempotency key of the change running now (a double submit waits for it instead of being refused). */
export function runningIdempotencyKey(): string | null {
  return holder.__vigilRunningBoardChange?.idempotencyKey ?? null;
}

export function beginChange(info: { idempotencyKey: string | null; actorLabel: string; toMode: string; objective: string }): void {
  holder.__vigilRunningBoardChange = { startedAt: Date.now(), ...info, steps: [] };
}

export function endChange(): void {
  holder.__vigilRunningBoardChange = null;
}

/** Runs one step, recording when it started and finished and how it ended (`outcome` from the result). */
export async function trackStep<T>(name: StepName, run: () => Promise<T>, outcomeOf: (result: T) => string): Promise<T> {
  const slot = holder.__vigilRunningBoardChange;
  const step = { name, startedAt: Date.now(), finishedAt: null as number | null, outcome: null as string | null };
  slot?.steps.push(step);
  try {
    const result = await run();
    step.outcome = outcomeOf(result);
    return result;
  } catch (error) {
    step.outcome = "error";
    throw error;
  } finally {
    step.finishedAt = Date.now();
  }
}

export function runningChange(now: number = Date.now()): RunningBoardChange | null {
  const slot = holder.__vigilRunningBoardChange;
  if (!slot) return null;
  return {
    startedAt: new Date(slot.startedAt).toISOString(),
    actorLabel: slot.actorLabel,
    toMode: slot.toMode,
    objective: slot.objective,
    steps: slot.steps.map((step) => ({
      name: step.name,
      startedAt: new Date(step.startedAt).toISOString(),
      finishedAt: step.finishedAt === null ? null : new Date(step.finishedAt).toISOString(),
      elapsedMs: (step.finishedAt ?? now) - step.startedAt,
      outcome: step.outcome,
    })),
  };
}
