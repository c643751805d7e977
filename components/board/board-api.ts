import { getJson } from "@/components/health/health-api";
import type { BoardView, TeamMode } from "@/lib/board/schema";

/** Polled while the board page is open: HoloMesh asks for 30-60 s, never its per-replica live stream. */
export const boardPollIntervalMs = 45_000;

/** Vigil's last snapshot of the board; `refresh` asks the server to fetch it from HoloMesh first. */
export function fetchBoardView(signal?: AbortSignal): Promise<BoardView> {
  return getJson("/api/v1/board", signal);
}

/**
 * The mode vocabulary, handed down by the server page: importing it from schema.ts here would put
 * zod into the board page's JavaScript (F1).
 */
export type BoardVocabulary = {
  modes: readonly TeamMode[];
  modeBias: Record<TeamMode, string>;
  presetObjective: Record<TeamMode, string>;
  customObjectiveMaxLength: number;
};

/** Polled while a change runs, so each step shows as it runs with its elapsed time. */
export const boardProgressPollMs = 500;

/** Polled while the last change is not yet confirmed, so the panel drops STALE as soon as the server settles it. */
export const unconfirmedPollMs = 5_000;
