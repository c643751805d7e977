import { describe, expect, it } from "vitest";
import { presetObjective } from "@/lib/board/labels";
import { holoMeshBoardSchema } from "@/lib/board/schema";
import {
  boardPanelOf,
  countTasks,
  isModeUnset,
  isStale,
  objectiveStateOf,
  type VigilChangeMark,
} from "@/lib/board/status";

const changedAt = "2026-05-20T16:58:00.000Z";
const vigilCustom = (overrides: Partial<VigilChangeMark> = {}): VigilChangeMark => ({
  toMode: "stabilize",
  objective: "Get CI green before Friday",
  objectiveKind: "custom",
  boardChangedAt: new Date(changedAt),
  at: new Date("2026-05-20T16:58:01.000Z"),
  ...overrides,
});

describe("board status", () => {
  it("treats general, empty and null as not set", () => {
    for (const mode of ["general", "", "  ", null, undefined]) {
      expect(isModeUnset(mode)).toBe(true);
      expect(objectiveStateOf({ mode, objective: "anything" }, null)).toBe("not_set");
    }
    expect(isModeUnset("build")).toBe(false);
  });

  it("calls the preset objective preset, whatever Vigil did", () => {
    expect(
      objectiveStateOf(
        { mode: "stabilize", objective: presetObjective.stabilize, modeChangedAt: changedAt },
        null,
      ),
    ).toBe("preset");
    expect(
      objectiveStateOf(
        { mode: "stabilize", objective: presetObjective.stabilize, modeChangedAt: changedAt },
        vigilCustom(),
      ),
    ).toBe("preset");
  });

  it("calls a custom objective custom only when Vigil set exactly it for this mode and the mode has not changed since", () => {
    const board = {
      mode: "stabilize",
      objective: "Get CI green before Friday",
      modeChangedAt: changedAt,
    };
    expect(objectiveStateOf(board, vigilCustom())).toBe("custom");
    expect(
      objectiveStateOf(
        board,
        vigilCustom({ boardChangedAt: null, at: new Date("2026-05-20T17:00:00.000Z") }),
      ),
    ).toBe("custom");
    expect(objectiveStateOf(board, null)).toBe("out_of_step");
    expect(objectiveStateOf(board, vigilCustom({ objective: "something else" }))).toBe(
      "out_of_step",
    );
    expect(objectiveStateOf(board, vigilCustom({ toMode: "build" }))).toBe("out_of_step");
    expect(objectiveStateOf(board, vigilCustom({ objectiveKind: "preset" }))).toBe("out_of_step");
    expect(
      objectiveStateOf({ ...board, modeChangedAt: "2026-05-20T17:30:00.000Z" }, vigilCustom()),
    ).toBe("out_of_step");
  });

  it("calls a mode outside the nine out of step, and shows it raw", () => {
    expect(objectiveStateOf({ mode: "stabilise", objective: presetObjective.build }, null)).toBe(
      "out_of_step",
    );
    const panel = boardPanelOf(
      holoMeshBoardSchema.parse({ mode: "stabilise", objective: presetObjective.build, tasks: [] }),
      null,
    );
    expect(panel).toMatchObject({
      mode: null,
      rawMode: "stabilise",
      objectiveState: "out_of_step",
    });
    const unset = boardPanelOf(
      holoMeshBoardSchema.parse({ mode: "general", objective: "", tasks: [] }),
      null,
    );
    expect(unset).toMatchObject({ mode: null, rawMode: "general", objectiveState: "not_set" });
  });

  it("counts live tasks by status and takes done from done_count", () => {
    const board = holoMeshBoardSchema.parse({
      tasks: [
        { id: "1", title: "a", status: "open" },
        { id: "2", title: "b", status: "open" },
        { id: "3", title: "c", status: "claimed" },
        { id: "4", title: "d", status: "blocked" },
        { id: "5", title: "e", status: "weird" },
      ],
      done_count: 753,
    });
    expect(countTasks(board)).toEqual({ open: 2, claimed: 1, blocked: 1, done: 753 });
    expect(countTasks(holoMeshBoardSchema.parse({ tasks: [] })).done).toBeNull();
  });

  it("marks a board stale after two minutes, or when the last fetch after it failed", () => {
    const now = new Date("2026-05-20T17:00:00.000Z");
    expect(isStale(null, null, now)).toBe(false);
    expect(isStale(new Date("2026-05-20T16:59:00.000Z"), null, now)).toBe(false);
    expect(isStale(new Date("2026-05-20T16:57:59.000Z"), null, now)).toBe(true);
    expect(
      isStale(new Date("2026-05-20T16:59:00.000Z"), new Date("2026-05-20T16:59:30.000Z"), now),
    ).toBe(true);
    expect(
      isStale(new Date("2026-05-20T16:59:30.000Z"), new Date("2026-05-20T16:59:00.000Z"), now),
    ).toBe(false);
  });
});
