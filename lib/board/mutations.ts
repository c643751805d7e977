import { recordAudit } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { HoloMeshClient, type HoloMeshClientOptions } from "@/lib/board/client";
import { encryptSecret, scrubSecret, secretHint } from "@/lib/board/crypto";
import {
  connectionViewOf,
  getBoardView,
  loadHoloMeshConnection,
  snapshotBoardOf,
  toBoardChangeView,
  type HoloMeshConnection,
  type HoloMeshConnectionView,
  type StoredSnapshot,
} from "@/lib/board/data";
import {
  changeBoardModeSchema,
  holoMeshConnectionInputSchema,
  isTeamMode,
  presetObjective,
  type BoardChangeResult,
  type BoardStep,
  type BoardView,
  type HoloMeshBoard,
} from "@/lib/board/schema";
import { isModeUnset } from "@/lib/board/status";
import { db } from "@/lib/db";
import { vigilSecretKey } from "@/lib/env";
import { conflictError, forbiddenError, validationError, type AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertUrlAllowedBySyntax, loadAllowRules } from "@/lib/outbound/policy";
import { parseInput } from "@/lib/validation";

type Tx = Prisma.TransactionClient;

/** Test seams: a shorter deadline and quicker retries than the 10 s production ones. */
export type BoardCallOptions = Pick<HoloMeshClientOptions, "timeoutMs" | "retryDelaysMs">;

// One lock for everything that writes the board's record: changes run one at a time, and a refresh never
// records a change Vigil is making at that moment as an outside one.
const boardLockName = "vigil:holomesh-board";
// Three calls of at most 10 s each, plus the database work.
const changeTransactionMs = 60_000;

async function lockBoard(tx: Tx): Promise<void> {
  try {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${boardLockName}))`;
  } catch {
    throw conflictError("Another board change is still running. Try again in a moment.");
  }
}

async function tryLockBoard(tx: Tx): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtext(${boardLockName})) AS locked`;
  return rows[0]?.locked === true;
}

function notReady(connection: HoloMeshConnection): AppError | null {
  if (connection.keyProblem) return validationError({ _: [connection.keyProblem] }, connection.keyProblem);
  if (!connection.teamId || !connection.apiKey) {
    const message = "HoloMesh is not configured yet: an admin sets the team id and API key in Settings → HoloMesh.";
    return validationError({ _: [message] }, message);
  }
  return null;
}

async function clientFor(connection: HoloMeshConnection, options: BoardCallOptions): Promise<HoloMeshClient> {
  return new HoloMeshClient({ baseUrl: connection.baseUrl, teamId: connection.teamId, apiKey: connection.apiKey ?? "", rules: await loadAllowRules(), ...options });
}

function dateOf(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time) : null;
}

async function storeSnapshot(tx: Tx, teamId: string, board: HoloMeshBoard, fetchedAt: Date): Promise<void> {
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
export async function saveHoloMeshConnection(actor: Actor, input: unknown): Promise<HoloMeshConnectionView> {
  if (!hasRole(actor.role, "admin")) throw forbiddenError();
  const parsed = parseInput(holoMeshConnectionInputSchema, input);
  await assertUrlAllowedBySyntax(parsed.baseUrl, "baseUrl");
  const secretKey = vigilSecretKey();
  if (parsed.apiKey && !secretKey) {
    throw validationError({
      apiKey: ["Vigil cannot store a key without VIGIL_SECRET_KEY (32 bytes, base64 or hex) to encrypt it: set it, or give the key as HOLOMESH_API_KEY in the server's environment."],
    });
  }
  const keyFields = parsed.apiKey && secretKey
    ? { apiKeyCiphertext: encryptSecret(parsed.apiKey, secretKey), apiKeyHint: secretHint(parsed.apiKey) }
    : parsed.clearApiKey
      ? { apiKeyCiphertext: null, apiKeyHint: null }
      : {};
  await db.$transaction(async (tx) => {
    const current = await tx.holoMeshConnection.findUnique({ where: { id: 1 } });
    const currentVersion = current?.version ?? 1;
    if (parsed.version !== currentVersion) {
      throw conflictError("Someone saved the HoloMesh settings meanwhile. Reload to see their version.", undefined, { currentVersion });
    }
    const data = { baseUrl: parsed.baseUrl, teamId: parsed.teamId, ...keyFields, version: currentVersion + 1 };
    await tx.holoMeshConnection.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await recordAudit(tx, actor, {
      action: "holomesh.connection_save",
      targetType: "holomesh",
      targetId: parsed.teamId,
      details: {
        baseUrl: parsed.baseUrl,
        teamId: parsed.teamId,
        apiKey: parsed.apiKey ? "replaced" : parsed.clearApiKey ? "cleared" : "unchanged",
        apiKeyHint: "apiKeyHint" in keyFields ? keyFields.apiKeyHint : (current?.apiKeyHint ?? null),
      },
    });
  });
  return connectionViewOf(await loadHoloMeshConnection());
}

// ---- Refresh ----

/** An outside change is a mode or mode-change time the last snapshot did not have and Vigil did not make. */
async function recordOutsideChange(tx: Tx, teamId: string, previous: HoloMeshBoard, board: HoloMeshBoard): Promise<void> {
  const rawMode = board.mode ?? "";
  if ((previous.mode ?? "") === rawMode && (previous.modeChangedAt ?? null) === (board.modeChangedAt ?? null)) return;
  const changedAt = dateOf(board.modeChangedAt);
  // Vigil's own change carries the board's modeChangedAt; one whose confirming read failed is matched by time.
  const nearby = changedAt ? { gte: new Date(changedAt.getTime() - 60_000), lte: new Date(changedAt.getTime() + 60_000) } : undefined;
  const ours = await tx.boardChange.findFirst({
    where: {
      teamId,
      source: "vigil",
      toMode: rawMode,
      outcome: { in: ["confirmed", "partial"] },
      ...(changedAt ? { OR: [{ boardChangedAt: changedAt }, { boardChangedAt: null, at: nearby }] } : {}),
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
        objectiveKind: isTeamMode(rawMode) && presetObjective[rawMode] === board.objective ? "preset" : "custom",
        reason: fromHistory?.reason ?? `Changed outside Vigil (source: ${board.modeChangeSource ?? "unknown"}).`,
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

/**
 * Fetches the board now and stores it; on failure stores the error and keeps the last good board (the
 * panel marks it stale). A mode changed outside Vigil is recorded. Never throws for HoloMesh's sake.
 */
export async function refreshBoard(options: BoardCallOptions = {}): Promise<BoardView> {
  const connection = await loadHoloMeshConnection();
  if (notReady(connection)) return getBoardView();
  const client = await clientFor(connection, options);
  const startedAt = new Date();
  const answer = await client.getBoard();
  const finishedAt = new Date();
  if (!answer.ok) {
    const error = scrubSecret(answer.message, connection.apiKey);
    await db.boardSnapshot.upsert({ where: { id: 1 }, create: { id: 1, error, errorAt: finishedAt }, update: { error, errorAt: finishedAt } });
    return getBoardView();
  }
  await db.$transaction(async (tx) => {
    // A change in flight records its own result; this refresh then leaves the record to it.
    if (!(await tryLockBoard(tx))) return;
    const snapshot = await tx.boardSnapshot.findUnique({ where: { id: 1 } });
    if (snapshot?.fetchedAt && snapshot.fetchedAt > startedAt && snapshot.board) return;
    const previous = snapshot?.board ? snapshotBoardOf(snapshot.board, connection.teamId) : null;
    if (previous) await recordOutsideChange(tx, connection.teamId, previous, answer.data);
    await storeSnapshot(tx, connection.teamId, answer.data, finishedAt);
  });
  return getBoardView();
}

// ---- Change ----

async function replay(idempotencyKey: string | undefined): Promise<BoardChangeResult | null> {
  if (!idempotencyKey) return null;
  const existing = await db.boardChange.findUnique({ where: { idempotencyKey } });
  return existing ? { change: toBoardChangeView(existing), board: await getBoardView() } : null;
}

/**
 * The whole change, one at a time: POST mode with the reason, PATCH room when the objective is custom
 * (never a second POST of the same mode afterwards: it would reset the objective), GET board to confirm.
 * Each step's outcome is recorded with the change and in the audit log; the same idempotency key
 * returns the first attempt's result instead of changing the mode again.
 */
export async function changeBoardMode(actor: Actor, input: unknown, options: BoardCallOptions = {}): Promise<BoardChangeResult> {
  if (!hasRole(actor.role, "lead")) throw forbiddenError();
  const parsed = parseInput(changeBoardModeSchema, input);
  const replayed = await replay(parsed.idempotencyKey);
  if (replayed) return replayed;
  if (parsed.incidentId && !(await db.incident.findUnique({ where: { id: parsed.incidentId }, select: { id: true } }))) {
    throw validationError({ incidentId: ["No such incident."] });
  }
  const connection = await loadHoloMeshConnection();
  const problem = notReady(connection);
  if (problem) throw problem;
  const client = await clientFor(connection, options);
  const teamId = connection.teamId;
  const preset = presetObjective[parsed.mode];
  const customObjective = parsed.objective && parsed.objective !== preset ? parsed.objective : null;
  const wantedObjective = customObjective ?? preset;
  const scrub = (text: string) => scrubSecret(text, connection.apiKey);

  const changeId = await db.$transaction(
    async (tx) => {
      await lockBoard(tx);
      if (parsed.idempotencyKey) {
        const existing = await tx.boardChange.findUnique({ where: { idempotencyKey: parsed.idempotencyKey }, select: { id: true } });
        if (existing) return existing.id;
      }
      const snapshot = await tx.boardSnapshot.findUnique({ where: { id: 1 } });
      const before = snapshot?.board ? snapshotBoardOf(snapshot.board, teamId) : null;
      const fromMode = before && !isModeUnset(before.mode) ? (before.mode ?? null) : null;
      const steps: BoardStep[] = [];
      let outcome: "confirmed" | "partial" | "failed" = "failed";
      let confirmed: HoloMeshBoard | null = null;

      const posted = await client.postMode(parsed.mode, parsed.reason);
      if (!posted.ok) {
        steps.push({ step: "post_mode", ok: false, httpStatus: posted.httpStatus, message: scrub(posted.message) });
      } else {
        steps.push({
          step: "post_mode",
          ok: true,
          httpStatus: posted.httpStatus,
          message: posted.data.unchanged ? `The mode already was ${parsed.mode}; HoloMesh reset the objective to its preset.` : `HoloMesh set the mode to ${parsed.mode}.`,
        });
        let objectiveSet = true;
        if (customObjective) {
          const patched = await client.patchObjective(customObjective);
          objectiveSet = patched.ok;
          if (patched.ok) {
            steps.push({ step: "patch_room", ok: true, httpStatus: patched.httpStatus, message: "HoloMesh set the custom objective." });
          } else if (patched.kind === "needs_config_write") {
            steps.push({
              step: "patch_room",
              ok: false,
              httpStatus: patched.httpStatus,
              message: `The board now carries the preset objective of ${parsed.mode}; setting a custom objective needs the team's config:write permission (owner only, or an admin room).`,
            });
          } else {
            steps.push({ step: "patch_room", ok: false, httpStatus: patched.httpStatus, message: `The board now carries the preset objective of ${parsed.mode}; the custom objective was not set: ${scrub(patched.message)}` });
          }
        }
        const read = await client.getBoard();
        if (!read.ok) {
          steps.push({ step: "confirm", ok: false, httpStatus: read.httpStatus, message: `HoloMesh accepted the mode, but the board could not be read back to confirm it: ${scrub(read.message)}` });
          outcome = "partial";
        } else {
          confirmed = read.data;
          const modeShown = read.data.mode === parsed.mode;
          const expectedObjective = objectiveSet ? wantedObjective : preset;
          const objectiveShown = read.data.objective === expectedObjective;
          const ok = modeShown && objectiveShown;
          steps.push({
            step: "confirm",
            ok,
            httpStatus: read.httpStatus,
            message: ok
              ? `The board shows mode ${parsed.mode} with the ${objectiveSet && customObjective ? "custom" : "preset"} objective.`
              : !modeShown
                ? `The board shows mode ${read.data.mode ?? "(none)"}, not ${parsed.mode}.`
                : `The board shows mode ${parsed.mode}, but not the expected objective.`,
          });
          outcome = !modeShown ? "failed" : ok && objectiveSet ? "confirmed" : "partial";
        }
      }

      const created = await tx.boardChange.create({
        data: {
          source: "vigil",
          actorId: actor.id,
          actorLabel: actor.name || actor.email,
          teamId,
          fromMode,
          toMode: parsed.mode,
          objective: wantedObjective,
          objectiveKind: customObjective ? "custom" : "preset",
          reason: parsed.reason,
          outcome,
          steps,
          boardChangedAt: dateOf(confirmed?.modeChangedAt),
          incidentId: parsed.incidentId ?? null,
          idempotencyKey: parsed.idempotencyKey ?? null,
        },
      });
      await recordAudit(tx, actor, {
        action: "board.mode_change",
        targetType: "holomesh",
        targetId: teamId,
        details: { from: fromMode, to: parsed.mode, objective: wantedObjective, objectiveKind: customObjective ? "custom" : "preset", reason: parsed.reason, outcome, steps, incidentId: parsed.incidentId ?? null },
      });
      if (confirmed) await storeSnapshot(tx, teamId, confirmed, new Date());
      return created.id;
    },
    { timeout: changeTransactionMs, maxWait: 10_000 },
  );
  const change = await db.boardChange.findUniqueOrThrow({ where: { id: changeId } });
  return { change: toBoardChangeView(change), board: await getBoardView() };
}
