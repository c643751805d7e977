import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBoardView, listBoardChanges } from "@/lib/board/data";
import { changeBoardMode, refreshBoard } from "@/lib/board/mutations";
import { presetObjective, type TeamMode } from "@/lib/board/labels";
import { startBoardFixture, type BoardFixture } from "@/test/board";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Issue 15: each case of "What was seen", against the simulator over real HTTP.
let fixture: BoardFixture;
// Deadlines in milliseconds instead of seconds: a "late" answer is 800 ms against a 400 ms deadline.
const quick = {
  timeoutMs: 400,
  retryDelaysMs: [30, 60],
  settleDelaysMs: [250, 400, 600],
  recheckDelaysMs: [150, 300, 600],
};

beforeAll(async () => {
  fixture = await startBoardFixture();
});

afterAll(async () => {
  await fixture.close();
});

async function team(
  setup: { mode?: string; objective?: string } = {},
  keyOf: "owner" | "member" = "owner",
) {
  const { teamId, ownerKey, memberKey } = fixture.addTeam({
    mode: setup.mode ?? "build",
    ...(setup.objective === undefined ? {} : { objective: setup.objective }),
    tasks: [{ id: "t1", title: "one", status: "open" }],
    doneCount: 3,
  });
  fixture.simulator.clearFaults();
  fixture.simulator.setBehaviour({ mode: "normal" });
  await fixture.connect(teamId, keyOf === "owner" ? ownerKey : memberKey);
  await refreshBoard(quick);
  const calls = () =>
    fixture.simulator
      .requests()
      .filter((request) => request.path.includes(`/team/${teamId}/`))
      .map((request) => `${request.method} ${request.path.split("/").at(-1)}`);
  return { teamId, calls, board: () => fixture.simulator.team(teamId) };
}

const auditOf = (teamId: string) =>
  db.auditLog.findMany({
    where: { targetId: teamId, action: { startsWith: "board.mode_change" } },
    orderBy: { id: "asc" },
  });
const latestAudit = async (teamId: string) =>
  (await auditOf(teamId)).at(-1)?.details as Record<string, unknown> | undefined;

describe("issue 15, case 1: a late or lost POST answer is judged from the board read back", () => {
  it.each([
    ["late (after the deadline)", { kind: "late", delayMs: 800 }],
    ["applied, then the connection reset", { kind: "apply_then_reset" }],
  ] as const)(
    "POST mode %s: the board is read, the objective is sent, confirmed, never filed as outside",
    async (_label, fault) => {
      const { teamId, calls, board } = await team({ mode: "build" });
      fixture.simulator.setFault({ step: "post_mode", times: 1, ...fault });
      const objective = "Evidence for the SOC2 auditor by Friday";
      const result = await changeBoardMode(
        fixture.lead,
        { mode: "audit", objective, reason: "audit week" },
        quick,
      );
      expect(board()).toMatchObject({ mode: "audit", objective });
      expect(calls()).toContain("PATCH room");
      expect(result.change.state).toBe("confirmed");
      expect(result.change.verdict).toMatchObject({
        modeOnBoard: "set",
        objectiveOnBoard: "set",
        nextAction: null,
      });
      // The POST is shown as "no answer", not as a failure: the board read after it shows it applied.
      expect(result.change.steps[0]).toMatchObject({
        step: "post_mode",
        ok: false,
        answerLost: true,
      });
      expect(await latestAudit(teamId)).toMatchObject({ outcome: "confirmed" });
      await refreshBoard(quick);
      expect(
        (await listBoardChanges(20, teamId)).filter((change) => change.source === "outside"),
      ).toEqual([]);
    },
  );

  it("POST answer lost (502) and the PATCH reset: Partial, mode set, objective not set, one action with the lead's text completes it", async () => {
    const { teamId, board } = await team({ mode: "build" });
    fixture.simulator.setFault({ step: "post_mode", kind: "apply_then_502", times: 1 });
    fixture.simulator.setFault({ step: "patch_room", kind: "reset_before", times: 1 });
    const objective = "Only the payment paths";
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "audit", objective, reason: "audit week" },
      quick,
    );
    expect(board()).toMatchObject({ mode: "audit", objective: presetObjective.audit });
    expect(result.change.state).toBe("partial");
    expect(result.change.verdict.summary).toBe(
      "Partial: mode set, objective not set. The board is in audit with its preset objective; your objective was not set.",
    );
    expect(result.change.verdict.nextAction).toEqual({
      kind: "set_objective",
      label: "Set it now",
      input: { mode: "audit", objective, reason: "audit week" },
    });
    const action = result.change.verdict.nextAction;
    if (action?.kind !== "set_objective") throw new Error("no action");
    const completed = await changeBoardMode(fixture.lead, action.input, quick);
    expect(completed.change.state).toBe("confirmed");
    expect(board()).toMatchObject({ mode: "audit", objective });
    expect(await latestAudit(teamId)).toMatchObject({ outcome: "confirmed" });
  });
});

describe("issue 15, case 2: an objective-only change PATCHes the room only", () => {
  it("never re-POSTs the same mode; the earlier custom objective is replaced, not wiped to the preset", async () => {
    const { calls, board } = await team({
      mode: "stabilize",
      objective: "Earlier custom objective",
    });
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "Reworded objective", reason: "clearer words" },
      quick,
    );
    expect(calls().filter((call) => call !== "GET board")).toEqual(["PATCH room"]);
    expect(board().objective).toBe("Reworded objective");
    expect(result.change.state).toBe("confirmed");
    expect(result.change.verdict.reasonRecordedOn).toBe("vigil_only");
    expect(result.change.verdict.summary).toMatch(/reason is recorded only in Vigil/);
  });

  it("a key without config:write: nothing changes on the board, and the next attempt is refused before anything is sent", async () => {
    const { calls, board } = await team(
      { mode: "stabilize", objective: "Earlier custom objective" },
      "member",
    );
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "Reworded", reason: "clearer words" },
      quick,
    );
    expect(board().objective).toBe("Earlier custom objective");
    expect(calls()).not.toContain("POST mode");
    expect(result.change.state).toBe("failed");
    expect(result.change.verdict.summary).toMatch(/config:write/);
    // Kept on the connection row, so a restarted server still refuses before sending.
    expect(
      (await db.holoMeshConnection.findUnique({ where: { id: 1 } }))?.configWriteRefusedFor,
    ).toBeTruthy();
    const before = calls().length;
    const refused = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "Reworded again", reason: "clearer words" },
      quick,
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fields?.objective?.[0]).toMatch(/config:write/);
    expect(calls().filter((call) => call !== "GET board").length).toBe(
      calls()
        .slice(0, before)
        .filter((call) => call !== "GET board").length,
    );
  });
});

describe("issue 15, case 3: only the confirming read fails", () => {
  it("unconfirmed, never a contradiction, the board marked stale, no out-of-step banner; a bounded re-read confirms and audits it", async () => {
    const { teamId, board } = await team({ mode: "build" });
    // The first read and the read after the POST pass; every try of the final confirming read fails.
    fixture.simulator.setFault({ step: "get_board", kind: "apply_then_502", skip: 2, times: 3 });
    const objective = "Get main green before the release";
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective, reason: "release week" },
      quick,
    );
    expect(board()).toMatchObject({ mode: "stabilize", objective });
    expect(result.change.state).toBe("unconfirmed");
    expect(result.change.verdict.summary).toMatch(
      /^Done as far as HoloMesh answered; not yet confirmed/,
    );
    for (const step of result.change.steps) expect(step.message).not.toMatch(/but not/);
    expect(result.board.stale).toBe(true);
    expect(result.board.board?.objectiveState).not.toBe("out_of_step");
    await expect
      .poll(async () => (await listBoardChanges(20, teamId))[0]?.state, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe("confirmed");
    const view = await getBoardView();
    expect(view.board).toMatchObject({ mode: "stabilize", objective, objectiveState: "custom" });
    expect(view.stale).toBe(false);
    expect(await latestAudit(teamId)).toMatchObject({ outcome: "confirmed" });
  });
});

describe("issue 15, case 3 (objective-only)", () => {
  it("the stale board still showing Vigil's earlier objective is not called out of step while the new one is unconfirmed", async () => {
    const { teamId, board } = await team({ mode: "build" });
    await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "First Vigil objective", reason: "release week" },
      quick,
    );
    expect((await getBoardView()).board?.objectiveState).toBe("custom");
    // First read passes; every try of the confirming read after the PATCH fails.
    fixture.simulator.setFault({ step: "get_board", kind: "reset_before", skip: 1, times: 3 });
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "Second Vigil objective", reason: "reworded" },
      quick,
    );
    expect(board().objective).toBe("Second Vigil objective");
    expect(result.change.state).toBe("unconfirmed");
    expect(result.board.stale).toBe(true);
    expect(result.board.board).toMatchObject({
      objective: "First Vigil objective",
      objectiveState: "custom",
    });
    await expect
      .poll(async () => (await listBoardChanges(20, teamId))[0]?.state, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe("confirmed");
    expect((await getBoardView()).board).toMatchObject({
      objective: "Second Vigil objective",
      objectiveState: "custom",
    });
    expect(
      (await listBoardChanges(20, teamId)).filter((change) => change.source === "outside"),
    ).toEqual([]);
  });
});

describe("issue 15, case 4: the verdict follows the read-back", () => {
  it("a PATCH applied with its answer lost is reported set, as the read shows", async () => {
    const { board } = await team({ mode: "build" });
    fixture.simulator.setFault({ step: "patch_room", kind: "apply_then_502", times: 1 });
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "review", objective: "Review the release branch", reason: "release" },
      quick,
    );
    expect(board().objective).toBe("Review the release branch");
    expect(result.change.state).toBe("confirmed");
  });

  it("a POST answered success:true without applying: no PATCH on the wrong mode, the verdict says nothing changed", async () => {
    const { calls, board } = await team({ mode: "build" });
    fixture.simulator.setFault({ step: "post_mode", kind: "success_without_apply", times: 1 });
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "review", objective: "Review the release branch", reason: "release" },
      quick,
    );
    expect(board()).toMatchObject({ mode: "build", objective: presetObjective.build });
    expect(calls()).not.toContain("PATCH room");
    expect(result.change.state).toBe("failed");
    expect(result.change.verdict).toMatchObject({
      modeOnBoard: "not_set",
      objectiveOnBoard: "not_set",
    });
    expect(result.change.verdict.summary).toMatch(/board still shows build/);
  });
});

describe("issue 15, case 5: a 200 that is not a board", () => {
  it("is an error in words, and the last good board is kept", async () => {
    await team({ mode: "build" });
    fixture.simulator.setFault({ step: "get_board", kind: "not_a_board" });
    const view = await refreshBoard(quick);
    expect(view.error).toMatch(/^HoloMesh answered, but not with a board: /);
    expect(view.board).toMatchObject({ mode: "build" });
    expect(view.stale).toBe(true);
  });
});

describe("issue 15, case 6: the record holds every change Vigil can see, for the connected team only", () => {
  it("an objective edited outside Vigil, and a same-mode reset outside Vigil wiping Vigil's objective, are recorded", async () => {
    const { teamId } = await team({ mode: "build" });
    fixture.simulator.setObjectiveAsAgent(teamId, "Edited in another tool");
    await refreshBoard(quick);
    expect((await listBoardChanges(20, teamId))[0]).toMatchObject({
      source: "outside",
      toMode: "build",
      objective: "Edited in another tool",
    });
    await changeBoardMode(
      fixture.lead,
      { mode: "build", objective: "Vigil's own objective", reason: "focus" },
      quick,
    );
    await refreshBoard(quick);
    expect((await listBoardChanges(20, teamId))[0]).toMatchObject({
      source: "vigil",
      objective: "Vigil's own objective",
    });
    fixture.simulator.changeModeAsAgent(teamId, "build");
    await refreshBoard(quick);
    expect((await listBoardChanges(20, teamId))[0]).toMatchObject({
      source: "outside",
      toMode: "build",
      objective: presetObjective.build,
    });
    await refreshBoard(quick);
    expect(
      (await listBoardChanges(20, teamId)).filter((change) => change.source === "outside"),
    ).toHaveLength(2);
  });

  it("after switching team, the other team's changes are not shown", async () => {
    const first = await team({ mode: "build" });
    await changeBoardMode(fixture.lead, { mode: "review", reason: "first team" }, quick);
    const second = await team({ mode: "build" });
    const view = await getBoardView();
    expect(view.teamId).toBe(second.teamId);
    expect(view.changes.some((change) => change.id && change.toMode === "review")).toBe(false);
    expect((await listBoardChanges(20, first.teamId)).length).toBeGreaterThan(0);
  });
});

/** Starts a change whose POST answers 300 ms late and waits until its POST shows as running (the change is wrapped: awaiting this must not await it). */
async function startLateChange(mode: TeamMode, reason: string) {
  fixture.simulator.setFault({ step: "post_mode", kind: "late", delayMs: 300, times: 1 });
  const change = changeBoardMode(fixture.lead, { mode, reason }, { ...quick, timeoutMs: 2_000 });
  await expect
    .poll(async () => (await getBoardView()).running?.steps.map((step) => step.name), {
      timeout: 2_000,
      interval: 20,
    })
    .toContain("post_mode");
  return { change };
}

describe("issue 15, case 7: progress, concurrency and words", () => {
  it("a second change while one runs is refused at once; the running change's steps are readable with their times", async () => {
    await team({ mode: "build" });
    const { change: first } = await startLateChange("review", "first");
    const running = (await getBoardView()).running;
    expect(running?.steps.find((step) => step.name === "post_mode")).toMatchObject({
      finishedAt: null,
    });
    expect(typeof running?.steps[0]?.elapsedMs).toBe("number");
    const started = Date.now();
    const second = await changeBoardMode(
      fixture.lead,
      { mode: "docs", reason: "second" },
      quick,
    ).catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(250);
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).code).toBe("conflict");
    expect((second as AppError).message).toMatch(/Another board change is still running/);
    expect((await first).change.state).toBe("confirmed");
    expect((await getBoardView()).running).toBeNull();
  });

  it("another instance's change (its lease) refuses this one; a lease left by a crashed instance expires; no transaction is held across HoloMesh calls", async () => {
    await team({ mode: "build" });
    const lease = (heldUntil: Date) => ({
      id: 1,
      holder: "other-instance",
      idempotencyKey: null,
      startedAt: new Date(),
      heldUntil,
      progress: { actorLabel: "Bo", toMode: "docs", objective: "", steps: [] },
    });
    await db.boardChangeLease.create({ data: lease(new Date(Date.now() + 60_000)) });
    const refused = await changeBoardMode(
      fixture.lead,
      { mode: "review", reason: "while another instance changes it" },
      quick,
    ).catch((error: unknown) => error);
    expect((refused as AppError).code).toBe("conflict");
    expect((await getBoardView()).running).toMatchObject({ actorLabel: "Bo", toMode: "docs" });
    await db.boardChangeLease.update({
      where: { id: 1 },
      data: { heldUntil: new Date(Date.now() - 1_000) },
    });
    expect((await getBoardView()).running).toBeNull();

    const { change } = await startLateChange("review", "after the crashed instance's lease");
    const idle = await db.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(Number(idle[0]?.n)).toBe(0);
    expect((await change).change.state).toBe("confirmed");
    expect(await db.boardChangeLease.count()).toBe(0);
  });

  it("validation errors are in the product's words", async () => {
    await team({ mode: "build" });
    const error = await changeBoardMode(fixture.lead, { objective: 5 } as never, quick).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    const fields = (error as AppError).fields ?? {};
    for (const messages of Object.values(fields))
      for (const message of messages) expect(message).not.toMatch(/Invalid input|expected/);
    expect(fields.reason?.[0]).toBe("Say why the team changes mode.");
  });
});
