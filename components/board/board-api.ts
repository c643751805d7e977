import { isRecord, parserOf } from "@/components/health/answer";
import { getParsedJson } from "@/components/health/health-api";
import type { BoardView } from "@/lib/board/types";

/** Polled while the board page is open: HoloMesh asks for 30-60 s, never its per-replica live stream. */
export const boardPollIntervalMs = 45_000;

const parseBoardView = parserOf(
  "the board",
  (value): value is BoardView =>
    isRecord(value) &&
    typeof value.configured === "boolean" &&
    typeof value.teamId === "string" &&
    typeof value.stale === "boolean" &&
    (value.board === null || isRecord(value.board)) &&
    Array.isArray(value.changes) &&
    value.changes.every(
      (change) =>
        isRecord(change) &&
        typeof change.id === "string" &&
        typeof change.state === "string" &&
        isRecord(change.verdict),
    ) &&
    (value.running === null ||
      value.running === undefined ||
      (isRecord(value.running) && Array.isArray(value.running.steps))),
);

/** Vigil's last snapshot of the board; `refresh` asks the server to fetch it from HoloMesh first. */
export function fetchBoardView(signal?: AbortSignal): Promise<BoardView> {
  return getParsedJson("/api/v1/board", parseBoardView, signal);
}

/** Polled while a change runs, so each step shows as it runs with its elapsed time. */
export const boardProgressPollMs = 500;

/** Polled while the last change is not yet confirmed, so the panel drops STALE as soon as the server settles it. */
export const unconfirmedPollMs = 5_000;
