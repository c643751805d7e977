import "server-only";
import { z } from "zod";
import { decryptSecret } from "@/lib/board/crypto";
import { runningChange } from "@/lib/board/progress";
import { isTeamMode } from "@/lib/board/labels";
import { holoMeshBoardSchema } from "@/lib/board/schema";
import type {
  BoardChangeState,
  BoardChangeView,
  BoardStep,
  BoardVerdict,
  BoardView,
  HoloMeshBoard,
  HoloMeshConnectionView,
} from "@/lib/board/types";
import { boardPanelOf, isStale, type VigilChangeMark } from "@/lib/board/status";
import { db, type Db } from "@/lib/db";
import { holoMeshApiKeyFromEnv, vigilSecretKey } from "@/lib/env";
import type { BoardChange } from "@/lib/generated/prisma/client";

export const defaultHoloMeshBaseUrl = "https://mcp.holoscript.net";

export type { HoloMeshConnectionView };

/** Server-side only: the one place the key is in hand. Never returned from a route, an action or a view. */
export type HoloMeshConnection = HoloMeshConnectionView & {
  apiKey: string | null;
  keyProblem: string | null;
};

export async function loadHoloMeshConnection(
  client: Pick<Db, "holoMeshConnection"> = db,
): Promise<HoloMeshConnection> {
  const row = await client.holoMeshConnection.findUnique({ where: { id: 1 } });
  const base = {
    baseUrl: row?.baseUrl ?? defaultHoloMeshBaseUrl,
    teamId: row?.teamId ?? "",
    version: row?.version ?? 1,
    canStoreKey: vigilSecretKey() !== null,
  };
  const envKey = holoMeshApiKeyFromEnv();
  if (envKey)
    return {
      ...base,
      keySource: "env",
      keyHint: `…${envKey.slice(-4)}`,
      apiKey: envKey,
      keyProblem: null,
    };
  if (!row?.apiKeyCiphertext)
    return { ...base, keySource: null, keyHint: null, apiKey: null, keyProblem: null };
  const secretKey = vigilSecretKey();
  const apiKey = secretKey ? decryptSecret(row.apiKeyCiphertext, secretKey) : null;
  const keyProblem = apiKey
    ? null
    : secretKey
      ? "The stored HoloMesh API key cannot be decrypted with the current VIGIL_SECRET_KEY: enter the key again."
      : "A HoloMesh API key is stored encrypted, but VIGIL_SECRET_KEY is not set: set it again or use HOLOMESH_API_KEY.";
  return { ...base, keySource: "stored", keyHint: row.apiKeyHint, apiKey, keyProblem };
}

export function connectionViewOf(connection: HoloMeshConnection): HoloMeshConnectionView {
  const { baseUrl, teamId, keySource, keyHint, canStoreKey, version } = connection;
  return { baseUrl, teamId, keySource, keyHint, canStoreKey, version };
}

export async function getHoloMeshConnectionView(): Promise<HoloMeshConnectionView> {
  return connectionViewOf(await loadHoloMeshConnection());
}

/** What BoardSnapshot.board holds: the validated board and the team it was fetched for. */
export const storedSnapshotSchema = z.object({ teamId: z.string(), board: holoMeshBoardSchema });
export type StoredSnapshot = z.infer<typeof storedSnapshotSchema>;

export function snapshotBoardOf(json: unknown, teamId: string): HoloMeshBoard | null {
  const parsed = storedSnapshotSchema.safeParse(json);
  return parsed.success && parsed.data.teamId === teamId ? parsed.data.board : null;
}

const stepSchema = z.object({
  step: z.enum(["post_mode", "patch_room", "confirm"]),
  ok: z.boolean(),
  httpStatus: z.number().nullable(),
  message: z.string(),
  answerLost: z.boolean().optional(),
});

function stepsOf(json: unknown): BoardStep[] {
  const parsed = z.array(stepSchema).safeParse(json);
  return parsed.success ? parsed.data : [];
}

const changeStates: readonly BoardChangeState[] = [
  "confirmed",
  "partial",
  "failed",
  "observed",
  "unconfirmed",
  "unknown",
];
/** Outcomes whose end is not yet read on the board: re-read until they settle. */
export const pendingStates: readonly BoardChangeState[] = ["unconfirmed", "unknown"];

/** The verdict from what is stored: the state, the mode and objective asked for, and whether it was objective-only. */
export function verdictOf(
  row: Pick<
    BoardChange,
    | "source"
    | "fromMode"
    | "toMode"
    | "objective"
    | "objectiveKind"
    | "reason"
    | "outcome"
    | "steps"
  >,
): BoardVerdict {
  const state = changeStates.find((value) => value === row.outcome) ?? "failed";
  const objectiveOnly =
    row.source === "vigil" && row.fromMode !== null && row.fromMode === row.toMode;
  const custom = row.objectiveKind === "custom";
  const steps = stepsOf(row.steps);
  const failedStep = steps.find((step) => !step.ok);
  const yourObjective = custom ? "your objective" : "the preset objective";
  const reasonRecordedOn: BoardVerdict["reasonRecordedOn"] = objectiveOnly
    ? "vigil_only"
    : "board_and_vigil";
  const reasonNote =
    objectiveOnly && row.source === "vigil"
      ? " The reason is recorded only in Vigil: an objective change leaves no reason on the board."
      : "";
  let modeOnBoard: BoardVerdict["modeOnBoard"] = "unknown";
  let objectiveOnBoard: BoardVerdict["objectiveOnBoard"] = "unknown";
  let summary: string;
  switch (state) {
    case "confirmed":
    case "observed":
      modeOnBoard = "set";
      objectiveOnBoard = "set";
      summary =
        state === "observed"
          ? `Seen on the board: ${row.toMode}.`
          : `Confirmed: the board shows ${row.toMode} with ${yourObjective}.`;
      break;
    case "partial":
      modeOnBoard = "set";
      objectiveOnBoard = "not_set";
      summary = `Partial: mode set, objective not set. The board is in ${row.toMode} with its preset objective; your objective was not set.`;
      break;
    case "failed":
      modeOnBoard = objectiveOnly ? "set" : "not_set";
      objectiveOnBoard = "not_set";
      summary = objectiveOnly
        ? `Failed: the objective was not changed; the board keeps its earlier objective. ${failedStep?.message ?? ""}`
        : `Failed: nothing changed; the board still shows ${row.fromMode ?? "its earlier mode"}. ${failedStep?.message ?? ""}`;
      break;
    case "unconfirmed":
      summary = `Done as far as HoloMesh answered; not yet confirmed: the board could not be read back. Vigil reads it again shortly.`;
      break;
    case "unknown":
      summary = `Unknown: HoloMesh did not answer and the board does not show ${row.toMode} with ${yourObjective} yet. Vigil reads it again shortly.`;
      break;
  }
  const nextAction: BoardVerdict["nextAction"] =
    state === "partial" && custom && isTeamMode(row.toMode)
      ? {
          kind: "set_objective",
          label: "Set it now",
          input: { mode: row.toMode, objective: row.objective, reason: row.reason },
        }
      : null;
  return {
    state,
    summary: `${summary.trim()}${reasonNote}`,
    mode: row.toMode,
    modeOnBoard,
    objective: row.objective,
    objectiveOnBoard,
    nextAction,
    reasonRecordedOn,
  };
}

export function toBoardChangeView(row: BoardChange): BoardChangeView {
  const verdict = verdictOf(row);
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    source: row.source === "outside" ? "outside" : "vigil",
    actorLabel: row.actorLabel,
    fromMode: row.fromMode,
    toMode: row.toMode,
    objective: row.objective,
    objectiveKind: row.objectiveKind === "custom" ? "custom" : "preset",
    reason: row.reason,
    outcome:
      verdict.state === "unconfirmed"
        ? "partial"
        : verdict.state === "unknown"
          ? "failed"
          : verdict.state,
    state: verdict.state,
    verdict,
    steps: stepsOf(row.steps),
    incidentId: row.incidentId,
  };
}

/** Newest first: the changes Vigil made and the outside changes it noticed, for one team (the connected one by default). */
export async function listBoardChanges(limit = 20, teamId?: string): Promise<BoardChangeView[]> {
  const team = teamId ?? (await loadHoloMeshConnection()).teamId;
  const rows = await db.boardChange.findMany({
    where: { teamId: team },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 200),
  });
  return rows.map(toBoardChangeView);
}

/** The change the custom-objective rule looks at: Vigil's latest one for the team that reached the board. */
export async function latestVigilChangeMark(
  teamId: string,
  options: { settledOnly?: boolean } = {},
): Promise<VigilChangeMark | null> {
  const row = await db.boardChange.findFirst({
    where: {
      teamId,
      source: "vigil",
      outcome: {
        in: options.settledOnly
          ? ["confirmed", "partial"]
          : ["confirmed", "partial", "unconfirmed", "unknown"],
      },
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  if (!row) return null;
  return {
    toMode: row.toMode,
    objective: row.objective,
    objectiveKind: row.objectiveKind === "custom" ? "custom" : "preset",
    boardChangedAt: row.boardChangedAt,
    at: row.at,
    pending: pendingStates.some((state) => state === row.outcome),
  };
}

/** The panel from what is stored (the last fetched board and Vigil's record): no network. */
export async function getBoardView(options: { now?: Date } = {}): Promise<BoardView> {
  const connection = await loadHoloMeshConnection();
  const [snapshot, changes, latestMark, running] = await Promise.all([
    db.boardSnapshot.findUnique({ where: { id: 1 } }),
    listBoardChanges(20, connection.teamId),
    connection.teamId ? latestVigilChangeMark(connection.teamId) : Promise.resolve(null),
    runningChange(),
  ]);
  const board = snapshot?.board ? snapshotBoardOf(snapshot.board, connection.teamId) : null;
  // A board read before Vigil's still unconfirmed change is judged by the change before it (it is marked stale meanwhile).
  const shown = (mark: VigilChangeMark) =>
    board !== null && board.mode === mark.toMode && (board.objective ?? "") === mark.objective;
  const effectiveMark =
    latestMark?.pending && !shown(latestMark)
      ? await latestVigilChangeMark(connection.teamId, { settledOnly: true })
      : latestMark;
  const fetchedAt = board ? (snapshot?.fetchedAt ?? null) : null;
  const errorAt = snapshot?.errorAt ?? null;
  const configured = connection.teamId !== "" && connection.apiKey !== null;
  const notConfigured =
    connection.keyProblem ??
    (configured
      ? null
      : "HoloMesh is not configured yet: an admin sets the team id and API key in Settings → HoloMesh.");
  return {
    configured,
    keySource: connection.keySource,
    teamId: connection.teamId,
    baseUrl: connection.baseUrl,
    fetchedAt: fetchedAt?.toISOString() ?? null,
    stale: isStale(fetchedAt, errorAt, options.now),
    error: notConfigured ?? snapshot?.error ?? null,
    errorAt: notConfigured ? null : (errorAt?.toISOString() ?? null),
    board: board ? boardPanelOf(board, effectiveMark) : null,
    changes,
    running,
  };
}
