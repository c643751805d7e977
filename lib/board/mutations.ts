import "server-only";
import { createHash } from "node:crypto";
import { recordAudit, systemActor } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import {
  HoloMeshClient,
  type HoloMeshClientOptions,
  type HoloMeshFailureKind,
} from "@/lib/board/client";
import { encryptSecret, scrubSecret, secretHint } from "@/lib/board/crypto";
import {
  connectionViewOf,
  getBoardView,
  loadHoloMeshConnection,
  pendingStates,
  snapshotBoardOf,
  toBoardChangeView,
  type HoloMeshConnection,
  type HoloMeshConnectionView,
  type StoredSnapshot,
} from "@/lib/board/data";
import { isTeamMode, presetObjective } from "@/lib/board/labels";
import { changeBoardModeSchema, holoMeshConnectionInputSchema } from "@/lib/board/schema";
import type {
  BoardChangeResult,
  BoardStep,
  BoardView,
  ChangeBoardModeRequest,
  HoloMeshBoard,
  HoloMeshConnectionInput,
} from "@/lib/board/types";
import {
  acquireBoardChangeLease,
  isBoardChangeRunning,
  releaseBoardChangeLease,
} from "@/lib/board/progress";
import { isModeUnset } from "@/lib/board/status";
import { db } from "@/lib/db";
import { vigilSecretKey } from "@/lib/env";
import { conflictError, forbiddenError, validationError, type AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertUrlAllowedBySyntax, loadAllowRules } from "@/lib/outbound/policy";
import { parseInput } from "@/lib/validation";

type Tx = Prisma.TransactionClient;

/** Test seams: a shorter deadline and quicker retries than the 10 s production ones. */
export type BoardCallOptions = Pick<HoloMeshClientOptions, "timeoutMs" | "retryDelaysMs"> & {
  /** After a write whose answer was lost: waits between the reads that look for it on the board (a late answer lands later). */
  settleDelaysMs?: number[];
  /** After an unconfirmed or unknown change: waits between the background re-reads that settle it (bounded). */
  recheckDelaysMs?: number[];
};

const defaultSettleDelaysMs = [1_000, 2_000, 4_000];
const defaultRecheckDelaysMs = [3_000, 7_000, 10_000, 10_000];

// Changes run one at a time under the board-change lease (lib/board/progress.ts), which no database transaction
// holds across HoloMesh calls. This short lock keeps a refresh's write and a change's final write from interleaving;
// a refresh that sees a change running leaves the record to it, so Vigil's own change is never filed as an outside one.
const boardLockName = "vigil:holomesh-board";
// Up to five calls of at most 10 s each, the settling reads (twice at worst), plus the database work.
const changeLeaseMs = 150_000;

async function tryLockBoard(tx: Tx): Promise<boolean> {
  const rows = await tx.$queryRaw<
    Array<{ locked: boolean }>
  >`SELECT pg_try_advisory_xact_lock(hashtext(${boardLockName})) AS locked`;
  return rows[0]?.locked === true;
}

function notReady(connection: HoloMeshConnection): AppError | null {
  if (connection.keyProblem)
    return validationError({ _: [connection.keyProblem] }, connection.keyProblem);
  if (!connection.teamId || !connection.apiKey) {
    const message =
      "HoloMesh is not configured yet: an admin sets the team id and API key in Settings → HoloMesh.";
    return validationError({ _: [message] }, message);
  }
  return null;
}

async function clientFor(
  connection: HoloMeshConnection,
  options: BoardCallOptions,
): Promise<HoloMeshClient> {
  return new HoloMeshClient({
    baseUrl: connection.baseUrl,
    teamId: connection.teamId,
    apiKey: connection.apiKey ?? "",
    rules: await loadAllowRules(),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
  });
}

function dateOf(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time) : null;
}

async function storeSnapshot(
  tx: Tx,
  teamId: string,
  board: HoloMeshBoard,
  fetchedAt: Date,
): Promise<void> {
  const stored: StoredSnapshot = { teamId, board };
  const json = stored as unknown as Prisma.InputJsonValue;
  await tx.boardSnapshot.upsert({
    where: { id: 1 },
    create: { id: 1, board: json, fetchedAt, error: null, errorAt: null },
    update: { board: json, fetchedAt, error: null, errorAt: null },
  });
}

// ---- Connection ----

/** Settings → HoloMesh (admin). The key is stored only encrypted, and only its last four characters are ever shown. */
export async function saveHoloMeshConnection(
  actor: Actor,
  input: HoloMeshConnectionInput,
): Promise<HoloMeshConnectionView> {
  if (!hasRole(actor.role, "admin")) throw forbiddenError();
  const parsed = parseInput(holoMeshConnectionInputSchema, input);
  await assertUrlAllowedBySyntax(parsed.baseUrl, "baseUrl");
  const secretKey = vigilSecretKey();
  if (parsed.apiKey && !secretKey) {
    throw validationError({
      apiKey: [
        "Vigil cannot store a key without VIGIL_SECRET_KEY (32 bytes, base64 or hex) to encrypt it: set it, or give the key as HOLOMESH_API_KEY in the server's environment.",
      ],
    });
  }
  const keyFields =
    parsed.apiKey && secretKey
      ? {
          apiKeyCiphertext: encryptSecret(parsed.apiKey, secretKey),
          apiKeyHint: secretHint(parsed.apiKey),
        }
      : parsed.clearApiKey
        ? { apiKeyCiphertext: null, apiKeyHint: null }
        : {};
  await db.$transaction(async (tx) => {
    const current = await tx.holoMeshConnection.findUnique({ where: { id: 1 } });
    const currentVersion = current?.version ?? 1;
    if (parsed.version !== currentVersion) {
      throw conflictError(
        "Someone saved the HoloMesh settings meanwhile. Reload to see their version.",
        undefined,
        { currentVersion },
      );
    }
    const data = {
      baseUrl: parsed.baseUrl,
      teamId: parsed.teamId,
      ...keyFields,
      version: currentVersion + 1,
    };
    await tx.holoMeshConnection.upsert({
      where: { id: 1 },
      create: { id: 1, ...data },
      update: data,
    });
    await recordAudit(tx, actor, {
      action: "holomesh.connection_save",
      targetType: "holomesh",
      targetId: parsed.teamId,
      details: {
        baseUrl: parsed.baseUrl,
        teamId: parsed.teamId,
        apiKey: parsed.apiKey ? "replaced" : parsed.clearApiKey ? "cleared" : "unchanged",
        apiKeyHint:
          "apiKeyHint" in keyFields ? keyFields.apiKeyHint : (current?.apiKeyHint ?? null),
      },
    });
  });
  return connectionViewOf(await loadHoloMeshConnection());
}

// ---- Refresh ----

/**
 * An outside change is a mode or mode-change time the last snapshot did not have and Vigil did not make, or an
 * objective that changed without a mode change (an edit in another tool, or a same-mode POST resetting it to the preset).
 */
async function recordOutsideChange(
  tx: Tx,
  teamId: string,
  previous: HoloMeshBoard,
  previousFetchedAt: Date | null,
  board: HoloMeshBoard,
): Promise<void> {
  const rawMode = board.mode ?? "";
  const sameMode =
    (previous.mode ?? "") === rawMode &&
    (previous.modeChangedAt ?? null) === (board.modeChangedAt ?? null);
  if (sameMode) {
    if ((previous.objective ?? "") === (board.objective ?? "")) return;
    await recordOutsideObjective(tx, teamId, previous, previousFetchedAt, board);
    return;
  }
  const changedAt = dateOf(board.modeChangedAt);
  // Vigil's own change carries the board's modeChangedAt; one whose confirming read failed is matched by time.
  const nearby = changedAt
    ? { gte: new Date(changedAt.getTime() - 120_000), lte: new Date(changedAt.getTime() + 120_000) }
    : undefined;
  const ours = await tx.boardChange.findFirst({
    where: {
      teamId,
      source: "vigil",
      toMode: rawMode,
      outcome: { in: ["confirmed", "partial", "unconfirmed", "unknown"] },
      ...(changedAt
        ? { OR: [{ boardChangedAt: changedAt }, { boardChangedAt: null, at: nearby }] }
        : {}),
    },
    select: { id: true },
  });
  if (ours) return;
  const latest = board.modeHistory[0];
  const fromHistory = latest && latest.mode === rawMode ? latest : null;
  await tx.boardChange.createMany({
    data: [
      {
        source: "outside",
        actorLabel: board.modeChangedBy ?? fromHistory?.by ?? fromHistory?.byAgentId ?? "unknown",
        teamId,
        fromMode: isModeUnset(previous.mode) ? null : (previous.mode ?? null),
        toMode: rawMode,
        objective: board.objective ?? "",
        objectiveKind:
          isTeamMode(rawMode) && presetObjective[rawMode] === board.objective ? "preset" : "custom",
        reason:
          fromHistory?.reason ??
          `Changed outside Vigil (source: ${board.modeChangeSource ?? "unknown"}).`,
        outcome: "observed",
        steps: [],
        boardChangedAt: changedAt,
        // One record per change on the board, however many instances or refreshes notice it.
        idempotencyKey: `outside:${teamId}:${rawMode}:${board.modeChangedAt ?? "no-time"}`,
      },
    ],
    skipDuplicates: true,
  });
}

async function recordOutsideObjective(
  tx: Tx,
  teamId: string,
  previous: HoloMeshBoard,
  previousFetchedAt: Date | null,
  board: HoloMeshBoard,
): Promise<void> {
  const rawMode = board.mode ?? "";
  const objective = board.objective ?? "";
  // Vigil's own objective change since the last snapshot is not an outside one.
  const since = previousFetchedAt
    ? new Date(previousFetchedAt.getTime() - 120_000)
    : new Date(Date.now() - 10 * 60_000);
  const ours = await tx.boardChange.findFirst({
    where: { teamId, source: "vigil", toMode: rawMode, objective, at: { gte: since } },
    select: { id: true },
  });
  if (ours) return;
  const preset = isTeamMode(rawMode) && presetObjective[rawMode] === objective;
  await tx.boardChange.createMany({
    data: [
      {
        source: "outside",
        actorLabel: "unknown",
        teamId,
        fromMode: isModeUnset(previous.mode) ? null : (previous.mode ?? null),
        toMode: rawMode,
        objective,
        objectiveKind: preset ? "preset" : "custom",
        reason: preset
          ? `The objective was reset to the preset of ${rawMode} outside Vigil (the same mode set again; the earlier objective "${(previous.objective ?? "").slice(0, 200)}" is gone).`
          : "The objective was changed outside Vigil (no mode change on the board).",
        outcome: "observed",
        steps: [],
        boardChangedAt: null,
        idempotencyKey: `outside-objective:${teamId}:${rawMode}:${previousFetchedAt?.toISOString() ?? "no-time"}:${createHash("sha256").update(objective).digest("hex").slice(0, 16)}`,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * Settles Vigil's latest unconfirmed or unknown change from a board just read: the board shows it → confirmed
 * (or partial when only the mode is there); `final` (the last bounded re-read) → failed when the board does not show it.
 * The change's row and a closing audit row carry the outcome finally confirmed.
 */
async function settlePendingChange(
  tx: Tx,
  teamId: string,
  board: HoloMeshBoard,
  final: boolean,
): Promise<void> {
  const row = await tx.boardChange.findFirst({
    where: { teamId, source: "vigil" },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  if (!row || !pendingStates.some((state) => state === row.outcome)) return;
  const modeShown = board.mode === row.toMode;
  const objectiveShown = (board.objective ?? "") === row.objective;
  let outcome: "confirmed" | "partial" | "failed" | null = null;
  if (modeShown && objectiveShown) outcome = "confirmed";
  else if (final || Date.now() - row.at.getTime() > changeLeaseMs)
    outcome = modeShown && row.fromMode !== row.toMode ? "partial" : "failed";
  if (!outcome) return;
  const steps = [
    ...(Array.isArray(row.steps) ? (row.steps as BoardStep[]) : []),
    {
      step: "confirm" as const,
      ok: outcome === "confirmed",
      httpStatus: 200,
      message:
        outcome === "confirmed"
          ? `Confirmed by a later read: the board shows ${row.toMode} with ${row.objectiveKind === "custom" ? "the custom" : "the preset"} objective.`
          : `A later read shows mode ${board.mode ?? "(none)"} with ${objectiveShown ? "the objective asked for" : "another objective"}.`,
    },
  ];
  await tx.boardChange.update({
    where: { id: row.id },
    data: {
      outcome,
      steps,
      boardChangedAt: modeShown ? dateOf(board.modeChangedAt) : row.boardChangedAt,
    },
  });
  await recordAudit(tx, row.actorId ? { id: row.actorId, label: row.actorLabel } : systemActor, {
    action: "board.mode_change_settled",
    targetType: "holomesh",
    targetId: teamId,
    details: {
      changeId: row.id.toString(),
      from: row.fromMode,
      to: row.toMode,
      objective: row.objective,
      was: row.outcome,
      outcome,
    },
  });
}

/**
 * Fetches the board now and stores it; on failure stores the error and keeps the last good board (the
 * panel marks it stale). A change made outside Vigil is recorded; Vigil's own unconfirmed change is settled.
 * Never throws for HoloMesh's sake.
 */
export async function refreshBoard(
  options: BoardCallOptions = {},
  settle: { final?: boolean } = {},
): Promise<BoardView> {
  const connection = await loadHoloMeshConnection();
  if (notReady(connection)) return getBoardView();
  const client = await clientFor(connection, options);
  const startedAt = new Date();
  const answer = await client.getBoard();
  const finishedAt = new Date();
  if (!answer.ok) {
    const error = scrubSecret(answer.message, connection.apiKey);
    await db.boardSnapshot.upsert({
      where: { id: 1 },
      create: { id: 1, error, errorAt: finishedAt },
      update: { error, errorAt: finishedAt },
    });
    return getBoardView();
  }
  await db.$transaction(async (tx) => {
    // A change in flight (on any instance) records its own result; this refresh then leaves the record to it.
    if (!(await tryLockBoard(tx)) || (await isBoardChangeRunning(tx))) return;
    const snapshot = await tx.boardSnapshot.findUnique({ where: { id: 1 } });
    if (snapshot?.fetchedAt && snapshot.fetchedAt > startedAt && snapshot.board) return;
    await settlePendingChange(tx, connection.teamId, answer.data, settle.final ?? false);
    const previous = snapshot?.board ? snapshotBoardOf(snapshot.board, connection.teamId) : null;
    if (previous)
      await recordOutsideChange(
        tx,
        connection.teamId,
        previous,
        snapshot?.fetchedAt ?? null,
        answer.data,
      );
    await storeSnapshot(tx, connection.teamId, answer.data, finishedAt);
  });
  return getBoardView();
}

/** The bounded re-read after an unconfirmed or unknown change, in the background: stops as soon as the change settles. */
function recheckLater(changeId: bigint, teamId: string, options: BoardCallOptions): void {
  const delays = options.recheckDelaysMs ?? defaultRecheckDelaysMs;
  void (async () => {
    for (const [index, delay] of delays.entries()) {
      await sleep(delay);
      const row = await db.boardChange.findUnique({
        where: { id: changeId },
        select: { outcome: true },
      });
      if (!row || !pendingStates.some((state) => state === row.outcome)) return;
      // Another team connected meanwhile: its board says nothing about this change.
      if ((await loadHoloMeshConnection()).teamId !== teamId) return;
      await refreshBoard(options, { final: index === delays.length - 1 });
    }
  })().catch((error: unknown) => {
    console.error(
      "[board] the re-read of an unconfirmed change failed:",
      error instanceof Error ? error.message : String(error),
    );
  });
}

// ---- Change ----

async function replay(idempotencyKey: string | undefined): Promise<BoardChangeResult | null> {
  if (!idempotencyKey) return null;
  const existing = await db.boardChange.findUnique({ where: { idempotencyKey } });
  return existing ? { change: toBoardChangeView(existing), board: await getBoardView() } : null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A write whose outcome cannot be known from its answer: it may have been applied (lost answer, late answer, reset, 5xx). */
const unknownKinds: readonly HoloMeshFailureKind[] = [
  "timeout",
  "unreachable",
  "server_error",
  "bad_answer",
];

// HoloMesh has no endpoint that tells a key's permissions: the connection row remembers its last config:write 403
// (HoloMeshConnection.configWriteRefusedFor), so the next objective change is refused before anything is sent.
async function rememberConfigWrite(
  tx: Prisma.TransactionClient,
  refusedFor: string | null,
): Promise<void> {
  await tx.holoMeshConnection.updateMany({
    where: { id: 1 },
    data: { configWriteRefusedFor: refusedFor },
  });
}
const permissionKey = (connection: HoloMeshConnection) =>
  `${connection.baseUrl}|${connection.teamId}|${connection.keyHint ?? ""}|${connection.version}`;
const configWriteMessage =
  "This HoloMesh key lacks the team's config:write permission (owner only, or an admin room), so Vigil cannot set an objective: leave the objective blank for the mode's preset, or use the owner's key.";

/**
 * The whole change, one at a time, judged from the board as read:
 * - read the board; same mode → PATCH room only (never a same-mode POST, which would wipe the objective);
 * - otherwise POST mode with the reason, read the board back (and again, bounded, when the answer was lost),
 *   and PATCH the custom objective only once the board shows the new mode;
 * - read the board to confirm. A write whose answer was lost is judged from that read.
 * The verdict is confirmed, partial (mode set, objective not: one action completes it), failed, unconfirmed (every write
 * answered yes, the board could not be read back) or unknown; the last two are re-read in the background until they settle.
 * A second change while one runs is refused at once (409). The same idempotency key returns the first attempt's result.
 */
export async function changeBoardMode(
  actor: Actor,
  input: ChangeBoardModeRequest,
  options: BoardCallOptions = {},
): Promise<BoardChangeResult> {
  if (!hasRole(actor.role, "lead")) throw forbiddenError();
  const parsed = parseInput(changeBoardModeSchema, input);
  const replayed = await replay(parsed.idempotencyKey);
  if (replayed) return replayed;
  if (
    parsed.incidentId &&
    !(await db.incident.findUnique({ where: { id: parsed.incidentId }, select: { id: true } }))
  ) {
    throw validationError({ incidentId: ["No such incident."] });
  }
  const connection = await loadHoloMeshConnection();
  const problem = notReady(connection);
  if (problem) throw problem;
  const client = await clientFor(connection, options);
  const teamId = connection.teamId;
  const mode = parsed.mode;
  const preset = presetObjective[mode];
  const customObjective = parsed.objective && parsed.objective !== preset ? parsed.objective : null;
  const wantedObjective = customObjective ?? preset;
  const scrub = (text: string) => scrubSecret(text, connection.apiKey);
  const settleDelays = options.settleDelaysMs ?? defaultSettleDelaysMs;
  if (customObjective) {
    const remembered = await db.holoMeshConnection.findUnique({
      where: { id: 1 },
      select: { configWriteRefusedFor: true },
    });
    if (remembered?.configWriteRefusedFor === permissionKey(connection))
      throw validationError({ objective: [configWriteMessage] }, configWriteMessage);
  }

  const attempt = await acquireBoardChangeLease(
    {
      idempotencyKey: parsed.idempotencyKey ?? null,
      actorLabel: actor.name || actor.email,
      toMode: mode,
      objective: wantedObjective,
    },
    changeLeaseMs,
  );
  if (!attempt.acquired) {
    // A double submit of the change running now gets its result; any other change is refused at once.
    if (parsed.idempotencyKey && attempt.runningIdempotencyKey === parsed.idempotencyKey) {
      const waited = await waitForReplay(parsed.idempotencyKey);
      if (waited) return waited;
    }
    throw runningConflict();
  }
  const { lease } = attempt;
  let pending = false;
  let changeId: bigint;
  try {
    // The same request may have finished between the replay check above and this lease.
    const finished = await replay(parsed.idempotencyKey);
    if (finished) return finished;
    let configWrite: "allowed" | "refused" | null = null;
    const steps: BoardStep[] = [];
    const readBoard = (name: "read_board" | "confirm") =>
      lease.step(
        name,
        () => client.getBoard(),
        (read) => (read.ok ? `HTTP ${read.httpStatus}` : read.kind),
      );
    const shows = (board: HoloMeshBoard) => ({
      mode: board.mode === mode,
      objective: (board.objective ?? "") === wantedObjective,
    });
    /** Reads until the board shows what `wanted` looks for, waiting between tries (bounded); the last read wins. */
    const readUntil = async (wanted: (board: HoloMeshBoard) => boolean, delays: number[]) => {
      let read = await readBoard("confirm");
      for (const delay of delays) {
        if (read.ok && wanted(read.data)) break;
        await sleep(delay);
        read = await readBoard("confirm");
      }
      return read;
    };

    const snapshot = await db.boardSnapshot.findUnique({ where: { id: 1 } });
    const stored = snapshot?.board ? snapshotBoardOf(snapshot.board, teamId) : null;
    const first = await readBoard("read_board");
    const before = first.ok ? first.data : stored;
    const fromMode = before && !isModeUnset(before.mode) ? (before.mode ?? null) : null;
    const objectiveOnly = before !== null && before.mode === mode;

    let outcome: "confirmed" | "partial" | "failed" | "unconfirmed" | "unknown" = "failed";
    let lastBoard: HoloMeshBoard | null = first.ok ? first.data : null;
    let modeState: "set" | "not_set" | "unknown" = objectiveOnly ? "set" : "not_set";
    let modeAnsweredYes = objectiveOnly;

    if (!objectiveOnly) {
      const posted = await lease.step(
        "post_mode",
        () => client.postMode(mode, parsed.reason),
        (answer) => (answer.ok ? `HTTP ${answer.httpStatus}` : answer.kind),
      );
      const lost = !posted.ok && unknownKinds.includes(posted.kind);
      modeAnsweredYes = posted.ok;
      if (posted.ok) {
        steps.push({
          step: "post_mode",
          ok: true,
          httpStatus: posted.httpStatus,
          message: `HoloMesh answered that the mode is ${mode}.`,
        });
      } else {
        steps.push({
          step: "post_mode",
          ok: false,
          httpStatus: posted.httpStatus,
          message: lost
            ? `${scrub(posted.message)} Its answer was lost: Vigil reads the board to see whether the mode was set.`
            : scrub(posted.message),
          ...(lost ? { answerLost: true } : {}),
        });
      }
      if (posted.ok || lost) {
        const read = await readUntil((board) => board.mode === mode, posted.ok ? [] : settleDelays);
        if (read.ok) {
          lastBoard = read.data;
          modeState = read.data.mode === mode ? "set" : posted.ok ? "not_set" : "unknown";
          // A read that only agrees with HoloMesh's yes is not recorded as a step of its own (it shows in the progress).
          if (!(posted.ok && modeState === "set" && customObjective))
            steps.push({
              step: "confirm",
              ok: modeState === "set",
              httpStatus: read.httpStatus,
              message:
                modeState === "set"
                  ? `The board shows mode ${mode}.`
                  : posted.ok
                    ? `HoloMesh answered success, but the board still shows ${read.data.mode ?? "no mode"}: the mode was not set.`
                    : `The board still shows ${read.data.mode ?? "no mode"} after ${settleDelays.length + 1} reads; the lost request may still land.`,
            });
        } else {
          modeState = "unknown";
          steps.push({
            step: "confirm",
            ok: false,
            httpStatus: read.httpStatus,
            message: `The board could not be read back yet: ${scrub(read.message)}`,
          });
        }
      }
    }

    // The objective: PATCH only on a board that shows the mode (or whose POST was answered yes), and only when it differs.
    const needsPatch =
      (objectiveOnly ? (before?.objective ?? "") !== wantedObjective : customObjective !== null) &&
      (modeState === "set" || (modeState === "unknown" && modeAnsweredYes));
    let objectiveAnsweredYes = !needsPatch;
    let patchLost = false;
    if (needsPatch) {
      const patched = await lease.step(
        "patch_room",
        () => client.patchObjective(wantedObjective),
        (answer) => (answer.ok ? `HTTP ${answer.httpStatus}` : answer.kind),
      );
      objectiveAnsweredYes = patched.ok;
      patchLost = !patched.ok && unknownKinds.includes(patched.kind);
      if (patched.ok) {
        configWrite = "allowed";
        steps.push({
          step: "patch_room",
          ok: true,
          httpStatus: patched.httpStatus,
          message: "HoloMesh answered that the objective is set.",
        });
      } else if (patched.kind === "needs_config_write") {
        configWrite = "refused";
        steps.push({
          step: "patch_room",
          ok: false,
          httpStatus: patched.httpStatus,
          message: objectiveOnly
            ? "The objective was not set (the board keeps its earlier objective): the key lacks the team's config:write permission (owner only, or an admin room)."
            : `The board now carries the preset objective of ${mode}; setting a custom objective needs the team's config:write permission (owner only, or an admin room).`,
        });
      } else {
        steps.push({
          step: "patch_room",
          ok: false,
          httpStatus: patched.httpStatus,
          message: patchLost
            ? `${scrub(patched.message)} Its answer was lost: Vigil reads the board to see whether the objective was set.`
            : `The objective was not set: ${scrub(patched.message)}`,
          ...(patchLost ? { answerLost: true } : {}),
        });
      }
      const read = await readUntil(
        (board) => shows(board).objective,
        patchLost ? settleDelays : [],
      );
      if (read.ok) {
        lastBoard = read.data;
        const seen = shows(read.data);
        if (seen.mode) modeState = "set";
        steps.push({
          step: "confirm",
          ok: seen.mode && seen.objective,
          httpStatus: read.httpStatus,
          message:
            seen.mode && seen.objective
              ? `The board shows ${mode} with the ${customObjective ? "custom" : "preset"} objective.`
              : `The board shows ${read.data.mode ?? "no mode"} without the objective asked for.`,
        });
        outcome =
          seen.mode && seen.objective
            ? "confirmed"
            : seen.mode && !objectiveOnly
              ? "partial"
              : patchLost
                ? "unknown"
                : "failed";
      } else {
        steps.push({
          step: "confirm",
          ok: false,
          httpStatus: read.httpStatus,
          message: `Not yet confirmed: the board could not be read back (${scrub(read.message)}). Vigil reads it again shortly.`,
        });
        outcome =
          objectiveAnsweredYes && (modeState === "set" || modeAnsweredYes)
            ? "unconfirmed"
            : "unknown";
      }
    } else if (objectiveOnly) {
      // Nothing to write: the board already shows it (a same-mode preset reset is a PATCH with the preset's text).
      outcome = lastBoard && shows(lastBoard).objective ? "confirmed" : "unknown";
      if (outcome === "confirmed")
        steps.push({
          step: "confirm",
          ok: true,
          httpStatus: 200,
          message: `The board already shows ${mode} with this objective: nothing was sent.`,
        });
    } else if (modeState === "set") {
      outcome =
        lastBoard && shows(lastBoard).objective
          ? "confirmed"
          : customObjective
            ? "partial"
            : "confirmed";
    } else if (modeState === "unknown") {
      outcome = modeAnsweredYes ? "unconfirmed" : "unknown";
    } else {
      outcome = "failed";
    }

    pending = outcome === "unconfirmed" || outcome === "unknown";
    changeId = await db.$transaction(async (tx) => {
      // Waits for a refresh writing the record right now (a short transaction), so the two never interleave.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${boardLockName}))`;
      if (configWrite)
        await rememberConfigWrite(tx, configWrite === "refused" ? permissionKey(connection) : null);
      const created = await tx.boardChange.create({
        data: {
          source: "vigil",
          actorId: actor.id,
          actorLabel: actor.name || actor.email,
          teamId,
          fromMode: objectiveOnly ? mode : fromMode,
          toMode: mode,
          objective: wantedObjective,
          objectiveKind: customObjective ? "custom" : "preset",
          reason: parsed.reason,
          outcome,
          steps,
          boardChangedAt:
            lastBoard && lastBoard.mode === mode ? dateOf(lastBoard.modeChangedAt) : null,
          incidentId: parsed.incidentId ?? null,
          idempotencyKey: parsed.idempotencyKey ?? null,
        },
      });
      await recordAudit(tx, actor, {
        action: "board.mode_change",
        targetType: "holomesh",
        targetId: teamId,
        details: {
          changeId: created.id.toString(),
          from: fromMode,
          to: mode,
          objective: wantedObjective,
          objectiveKind: customObjective ? "custom" : "preset",
          objectiveOnly,
          reason: parsed.reason,
          reasonRecordedOn: objectiveOnly ? "vigil_only" : "board_and_vigil",
          outcome,
          steps,
          incidentId: parsed.incidentId ?? null,
        },
      });
      if (lastBoard && !pending) await storeSnapshot(tx, teamId, lastBoard, new Date());
      else if (pending) {
        // The board on screen predates the change: marked stale until a read confirms it.
        const error =
          "Not yet confirmed: the board shown was read before the last change; Vigil reads it again shortly.";
        await tx.boardSnapshot.upsert({
          where: { id: 1 },
          create: { id: 1, error, errorAt: new Date() },
          update: { error, errorAt: new Date() },
        });
      }
      await releaseBoardChangeLease(tx, lease.holder);
      return created.id;
    });
  } finally {
    // Normally released with the record above; after a failure (the database, a bug) the next change need not wait for the expiry.
    await releaseBoardChangeLease(db, lease.holder).catch(() => undefined);
  }
  if (pending) recheckLater(changeId, teamId, options);
  const change = await db.boardChange.findUniqueOrThrow({ where: { id: changeId } });
  return { change: toBoardChangeView(change), board: await getBoardView() };
}

async function waitForReplay(idempotencyKey: string): Promise<BoardChangeResult | null> {
  const started = Date.now();
  while (Date.now() - started < changeLeaseMs) {
    const replayed = await replay(idempotencyKey);
    if (replayed) return replayed;
    if (!(await isBoardChangeRunning())) return replay(idempotencyKey);
    await sleep(100);
  }
  return null;
}

function runningConflict(): AppError {
  return conflictError(
    "Another board change is still running: wait for its result, then try again.",
  );
}
