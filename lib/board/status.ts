import { isTeamMode, presetObjective } from "@/lib/board/labels";
import type { BoardView, HoloMeshBoard, ObjectiveState, TeamMode } from "@/lib/board/types";

/** After this long without a successful fetch the panel marks the board as stale. */
export const staleAfterMs = 2 * 60_000;

/** The change Vigil itself last made for the team (confirmed or partial), as the objective rule needs it. */
export type VigilChangeMark = {
  toMode: string;
  objective: string;
  objectiveKind: "preset" | "custom";
  boardChangedAt: Date | null;
  at: Date;
  /** Not yet confirmed by a read: the board shown may predate it. */
  pending?: boolean;
};

/** A change's row is written when it ends, but its time is when it began: the board's own stamp falls within this. */
const changeWindowMs = 2 * 60_000;

/** `general` (HoloMesh's word for a team that never had a mode), empty and null mean "not set". */
export function isModeUnset(rawMode: string | null | undefined): boolean {
  const mode = rawMode?.trim() ?? "";
  return mode === "" || mode === "general";
}

export function modeOf(rawMode: string | null | undefined): TeamMode | null {
  return isTeamMode(rawMode) ? rawMode : null;
}

function timeOf(value: string | Date | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(time) ? time : null;
}

/**
 * The contract's rule: the objective is in step when it is the mode's preset, or a custom objective Vigil
 * set deliberately for this mode with no mode change on the board since. A mode outside the nine is
 * always out of step (a typo stored by the server keeps the old objective).
 */
export function objectiveStateOf(
  board: { mode?: string | null; objective?: string | null; modeChangedAt?: string | null },
  latestVigilChange: VigilChangeMark | null,
): ObjectiveState {
  if (isModeUnset(board.mode)) return "not_set";
  const mode = modeOf(board.mode);
  if (!mode) return "out_of_step";
  const objective = board.objective ?? "";
  if (objective === presetObjective[mode]) return "preset";
  if (!latestVigilChange || latestVigilChange.objectiveKind !== "custom") return "out_of_step";
  if (latestVigilChange.toMode !== mode || latestVigilChange.objective !== objective)
    return "out_of_step";
  const changedOnBoard = timeOf(board.modeChangedAt);
  const confirmedAt = timeOf(latestVigilChange.boardChangedAt);
  // Without the board's stamp (the confirming read failed), Vigil's change may have stamped the board a little after its row's time.
  const vigilChangedAt = confirmedAt ?? latestVigilChange.at.getTime() + changeWindowMs;
  if (changedOnBoard !== null && changedOnBoard > vigilChangedAt) return "out_of_step";
  return "custom";
}

export function countTasks(board: Pick<HoloMeshBoard, "tasks" | "done_count">): {
  open: number;
  claimed: number;
  blocked: number;
  done: number | null;
} {
  const counts = { open: 0, claimed: 0, blocked: 0, done: board.done_count ?? null };
  for (const task of board.tasks) {
    if (task.status === "open" || task.status === "claimed" || task.status === "blocked")
      counts[task.status] += 1;
  }
  return counts;
}

export function isStale(
  fetchedAt: Date | null,
  errorAt: Date | null,
  now: Date = new Date(),
): boolean {
  if (!fetchedAt) return false;
  if (now.getTime() - fetchedAt.getTime() > staleAfterMs) return true;
  return errorAt !== null && errorAt.getTime() > fetchedAt.getTime();
}

/** What the panel shows of one fetched board. */
export function boardPanelOf(
  board: HoloMeshBoard,
  latestVigilChange: VigilChangeMark | null,
): NonNullable<BoardView["board"]> {
  const rawMode = board.mode?.trim() ? board.mode : null;
  return {
    name: board.name ?? null,
    mode: modeOf(rawMode),
    rawMode,
    objective: board.objective ?? "",
    objectiveState: objectiveStateOf(board, latestVigilChange),
    modeChangedAt: board.modeChangedAt ?? null,
    modeChangedBy: board.modeChangedBy ?? null,
    modeChangeSource: board.modeChangeSource ?? null,
    modeHistory: board.modeHistory.map((entry) => ({
      mode: entry.mode,
      at: entry.at ?? null,
      by: entry.by ?? entry.byAgentId ?? null,
      source: entry.source ?? null,
      reason: entry.reason ?? null,
      previousMode: entry.previousMode ?? null,
    })),
    counts: countTasks(board),
  };
}
