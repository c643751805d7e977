import type { z } from "zod";
import type { TeamMode } from "@/lib/board/labels";
import type {
  changeBoardModeSchema,
  holoMeshBoardSchema,
  holoMeshConnectionInputSchema,
} from "@/lib/board/schema";

export type { TeamMode } from "@/lib/board/labels";

export type HoloMeshBoard = z.infer<typeof holoMeshBoardSchema>;
export type ChangeBoardModeInput = z.input<typeof changeBoardModeSchema>;
/** What the change form sends: a mode not yet chosen is refused by the schema with its field error. */
export type ChangeBoardModeRequest = Omit<ChangeBoardModeInput, "mode"> & { mode: TeamMode | null };
export type HoloMeshConnectionInput = z.input<typeof holoMeshConnectionInputSchema>;

/** The connection as pages and the API see it: where the key comes from and its last four characters, never the key. */
export type HoloMeshConnectionView = {
  baseUrl: string;
  teamId: string;
  keySource: "env" | "stored" | null;
  keyHint: string | null;
  canStoreKey: boolean;
  version: number;
};

/** How the board's objective relates to its mode (the contract's "out of step" rule). */
export type ObjectiveState = "preset" | "custom" | "out_of_step" | "not_set";

/** One call of a change. `answerLost`: a write sent whose answer never came back (late, reset, 5xx): it may have been applied, and the board read after it tells. */
export type BoardStep = {
  step: "post_mode" | "patch_room" | "confirm";
  ok: boolean;
  httpStatus: number | null;
  message: string;
  answerLost?: boolean;
};

/**
 * Where a change really ended, as read on the board: `unconfirmed` = every write was answered yes but the board
 * could not be read back yet; `unknown` = a write's answer was lost and the board does not show it (yet).
 * Both are re-read (bounded) until they settle.
 */
export type BoardChangeState =
  "confirmed" | "partial" | "failed" | "observed" | "unconfirmed" | "unknown";

/** The change's verdict for the UI: the end state in words, what the board shows, and the one action that completes a partial change. */
export type BoardVerdict = {
  state: BoardChangeState;
  summary: string;
  mode: string;
  modeOnBoard: "set" | "not_set" | "unknown";
  /** The lead's objective text (or the preset), kept for the completing action. */
  objective: string;
  objectiveOnBoard: "set" | "not_set" | "unknown";
  nextAction: {
    kind: "set_objective";
    label: string;
    input: { mode: TeamMode; objective: string; reason: string };
  } | null;
  /** A mode change carries its reason to the board's history; an objective-only change (PATCH room) records it only in Vigil. */
  reasonRecordedOn: "board_and_vigil" | "vigil_only";
};

/** A change in progress, for the UI to poll (GET /api/v1/board → running). */
export type RunningBoardChange = {
  startedAt: string;
  actorLabel: string;
  toMode: string;
  objective: string;
  steps: {
    name: "read_board" | "post_mode" | "patch_room" | "confirm";
    startedAt: string;
    finishedAt: string | null;
    elapsedMs: number;
    outcome: string | null;
  }[];
};

export type BoardChangeView = {
  id: string;
  at: string;
  source: "vigil" | "outside";
  actorLabel: string;
  fromMode: string | null;
  toMode: string;
  objective: string;
  objectiveKind: "preset" | "custom";
  reason: string;
  /** The four outcomes the current UI knows: `unconfirmed` shows as "partial", `unknown` as "failed"; read `state` and `verdict`. */
  outcome: "confirmed" | "partial" | "failed" | "observed";
  state: BoardChangeState;
  verdict: BoardVerdict;
  steps: BoardStep[];
  incidentId: string | null;
};

export type BoardView = {
  configured: boolean;
  /** "env" when HOLOMESH_API_KEY is set, "stored" when an encrypted key is stored, null when there is none. */
  keySource: "env" | "stored" | null;
  teamId: string;
  baseUrl: string;
  fetchedAt: string | null;
  stale: boolean;
  error: string | null;
  errorAt: string | null;
  board: {
    name: string | null;
    /** null when the team has no mode ("general" or empty). */
    mode: TeamMode | null;
    rawMode: string | null;
    objective: string;
    objectiveState: ObjectiveState;
    modeChangedAt: string | null;
    modeChangedBy: string | null;
    modeChangeSource: string | null;
    modeHistory: {
      mode: string;
      at: string | null;
      by: string | null;
      source: string | null;
      reason: string | null;
      previousMode: string | null;
    }[];
    counts: { open: number; claimed: number; blocked: number; done: number | null };
  } | null;
  /** The connected team's changes only. */
  changes: BoardChangeView[];
  /** The change running now, with each step's times; null when none. */
  running: RunningBoardChange | null;
};

export type BoardChangeResult = { change: BoardChangeView; board: BoardView };
