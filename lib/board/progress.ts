import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunningBoardChange } from "@/lib/board/types";

// The board change running now, held as a lease row (BoardChangeLease) rather than a database transaction held
// across HoloMesh calls: changes run one at a time across instances, every instance's GET /api/v1/board shows the
// steps as they run, and the database stays free for everything else while HoloMesh is slow.
type StepName = RunningBoardChange["steps"][number]["name"];
type StoredStep = {
  name: StepName;
  startedAt: number;
  finishedAt: number | null;
  outcome: string | null;
};
type StoredProgress = {
  actorLabel: string;
  toMode: string;
  objective: string;
  steps: StoredStep[];
};

export type BoardChangeLeaseHolder = {
  readonly holder: string;
  /** Runs one step, recording (on the lease row) when it started and finished and how it ended. */
  step<T>(name: StepName, run: () => Promise<T>, outcomeOf: (result: T) => string): Promise<T>;
};

export type LeaseAttempt =
  | { acquired: true; lease: BoardChangeLeaseHolder }
  | { acquired: false; runningIdempotencyKey: string | null };

/**
 * Takes the board-change lease for `leaseMs` (a lease left by a crashed instance expires and is taken over).
 * Not acquired: another change is running, with its idempotency key (a double submit waits for that result).
 */
export async function acquireBoardChangeLease(
  info: { idempotencyKey: string | null; actorLabel: string; toMode: string; objective: string },
  leaseMs: number,
): Promise<LeaseAttempt> {
  const holder = randomUUID();
  const progress: StoredProgress = {
    actorLabel: info.actorLabel,
    toMode: info.toMode,
    objective: info.objective,
    steps: [],
  };
  const rows = await db.$queryRaw<Array<{ holder: string }>>`
    INSERT INTO "BoardChangeLease" ("id", "holder", "idempotencyKey", "startedAt", "heldUntil", "progress")
    VALUES (1, ${holder}, ${info.idempotencyKey}, now(), now() + ${leaseMs} * interval '1 millisecond', ${JSON.stringify(progress)}::jsonb)
    ON CONFLICT ("id") DO UPDATE SET "holder" = EXCLUDED."holder", "idempotencyKey" = EXCLUDED."idempotencyKey",
      "startedAt" = EXCLUDED."startedAt", "heldUntil" = EXCLUDED."heldUntil", "progress" = EXCLUDED."progress"
    WHERE "BoardChangeLease"."heldUntil" < now()
    RETURNING "holder"`;
  if (rows[0]?.holder !== holder) {
    const running = await db.boardChangeLease.findUnique({
      where: { id: 1 },
      select: { idempotencyKey: true },
    });
    return { acquired: false, runningIdempotencyKey: running?.idempotencyKey ?? null };
  }
  const steps: StoredStep[] = [];
  const save = async () => {
    const stored: StoredProgress = { ...progress, steps };
    // Progress is for the panel only: a failed write must not fail the change.
    await db.boardChangeLease
      .updateMany({
        where: { id: 1, holder },
        data: { progress: stored as unknown as Prisma.InputJsonValue },
      })
      .catch((error: unknown) =>
        console.error(
          "[board] could not record a step's progress:",
          error instanceof Error ? error.message : String(error),
        ),
      );
  };
  return {
    acquired: true,
    lease: {
      holder,
      async step(name, run, outcomeOf) {
        const step: StoredStep = { name, startedAt: Date.now(), finishedAt: null, outcome: null };
        steps.push(step);
        await save();
        try {
          const result = await run();
          step.outcome = outcomeOf(result);
          return result;
        } catch (error) {
          step.outcome = "error";
          throw error;
        } finally {
          step.finishedAt = Date.now();
          await save();
        }
      },
    },
  };
}

/** Ends the lease (inside the transaction that records the change, so a refresh sees either the lease or the change). */
export async function releaseBoardChangeLease(
  client: Pick<Prisma.TransactionClient, "boardChangeLease">,
  holder: string,
): Promise<void> {
  await client.boardChangeLease.deleteMany({ where: { id: 1, holder } });
}

/** Whether a change is running now (on any instance). */
export async function isBoardChangeRunning(
  client: Pick<Prisma.TransactionClient, "boardChangeLease"> = db,
): Promise<boolean> {
  return (
    (await client.boardChangeLease.count({ where: { id: 1, heldUntil: { gt: new Date() } } })) > 0
  );
}

export async function runningChange(now: number = Date.now()): Promise<RunningBoardChange | null> {
  const row = await db.boardChangeLease.findFirst({
    where: { id: 1, heldUntil: { gt: new Date(now) } },
  });
  if (!row) return null;
  const progress = row.progress as unknown as StoredProgress;
  return {
    startedAt: row.startedAt.toISOString(),
    actorLabel: progress.actorLabel,
    toMode: progress.toMode,
    objective: progress.objective,
    steps: progress.steps.map((step) => ({
      name: step.name,
      startedAt: new Date(step.startedAt).toISOString(),
      finishedAt: step.finishedAt === null ? null : new Date(step.finishedAt).toISOString(),
      elapsedMs: Math.max(0, (step.finishedAt ?? now) - step.startedAt),
      outcome: step.outcome,
    })),
  };
}
