import { getJson } from "@/components/health/health-api";
import type { BoardView } from "@/lib/board/types";

/** Polled while the board page is open: HoloMesh asks for 30-60 s, never its per-replica live stream. */
export const boardPollIntervalMs = 45_000;

/** Vigil's last snapshot of the board; `refresh` asks the server to fetch it from HoloMesh first. */
export function fetchBoardView(signal?: AbortSignal): Promise<BoardView> {
  return getJson("/api/v1/board", signal);
}

/** Polled while a change runs, so each step shows as it runs with its elapsed time. */
export const boardProgressPollMs = 500;

/** Polled while the last change is not yet confirmed, so the panel drops STALE as soon as the server settles it. */
export const unconfirmedPollMs = 5_000;
