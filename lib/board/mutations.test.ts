import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getBoardView, listBoardChanges } from "@/lib/board/data";
import { changeBoardMode, refreshBoard } from "@/lib/board/mutations";
import { presetObjective } from "@/lib/board/labels";
import { startBoardFixture, testKey, type BoardFixture } from "@/test/board";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

let fixture: BoardFixture;
const consoleLines: string[] = [];
const quick = {
  timeoutMs: 2_000,
  retryDelaysMs: [50, 100],
  settleDelaysMs: [50, 100],
  recheckDelaysMs: [100, 200],
};

beforeAll(async () => {
  fixture = await startBoardFixture();
  for (const method of ["log", "error", "warn", "info"] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(" "));
      original(...args);
    });
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await fixture.close();
});

type TeamSetup = {
  mode?: string | null;
  objective?: string;
  withMember?: boolean;
  admin?: boolean;
};

/** A team of its own on the simulator, Vigil connected to it with the given key ("owner", "member" or any other key). */
async function team(
  setup: TeamSetup = {},
  keyOf: "owner" | "member" | "stranger" | "invalid" = "owner",
) {
  const strangerKey = testKey("stranger");
  fixture.simulator.addKey(strangerKey, "agent-stranger");
  const { teamId, ownerKey, memberKey } = fixture.addTeam({
    mode: setup.mode === undefined ? "build" : setup.mode,
    ...(setup.objective === undefined ? {} : { objective: setup.objective }),
    ...(setup.admin ? { admin: true } : {}),
    tasks: [
      { id: "t1", title: "one", status: "open" },
      { id: "t2", title: "two", status: "claimed" },
      { id: "t3", title: "three", status: "blocked" },
      { id: "t4", title: "four", status: "open" },
    ],
    doneCount: 42,
  });
  const key = {
    owner: ownerKey,
    member: memberKey,
    stranger: strangerKey,
    invalid: testKey("invalid"),
  }[keyOf];
  await fixture.connect(teamId, key);
  fixture.simulator.setBehaviour({ mode: "normal" });
  return {
    teamId,
    key,
    ownerKey,
    apiRequests: () =>
      fixture.simulator.requests().filter((request) => request.path.includes(`/team/${teamId}/`)),
  };
}

function idempotencyKey(): string {
  return `test-${randomUUID()}`;
}

async function auditRowsFor(teamId: string) {
  return db.auditLog.findMany({
    where: { action: "board.mode_change", targetId: teamId },
    orderBy: { id: "asc" },
  });
}

describe("changing the board's mode", () => {
  it("happy path: POST mode with the reason, no PATCH for a preset, GET confirms; recorded and audited", async () => {
    const { teamId, apiRequests } = await team({ mode: "build" });
    await refreshBoard(quick);
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", reason: "CI red after deploy" },
      quick,
    );
    expect(result.change).toMatchObject({
      source: "vigil",
      fromMode: "build",
      toMode: "stabilize",
      objectiveKind: "preset",
      outcome: "confirmed",
      objective: presetObjective.stabilize,
    });
    expect(result.change.steps.map((step) => [step.step, step.ok])).toEqual([
      ["post_mode", true],
      ["confirm", true],
    ]);
    expect(result.board.board).toMatchObject({
      mode: "stabilize",
      objective: presetObjective.stabilize,
      objectiveState: "preset",
      counts: { open: 2, claimed: 1, blocked: 1, done: 42 },
    });
    expect(fixture.simulator.team(teamId).mode).toBe("stabilize");
    const posts = apiRequests().filter((request) => request.method === "POST");
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? "{}")).toEqual({
      mode: "stabilize",
      reason: "CI red after deploy",
    });
    const audit = await auditRowsFor(teamId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({
      from: "build",
      to: "stabilize",
      reason: "CI red after deploy",
      outcome: "confirmed",
    });
  });

  it("custom objective with the owner's key: POST, PATCH, GET (never a second POST); confirmed and shown as custom", async () => {
    const { teamId, apiRequests } = await team({ mode: "build" });
    const objective = "Get main green before the Friday release";
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective, reason: "release week" },
      quick,
    );
    expect(result.change).toMatchObject({
      outcome: "confirmed",
      objectiveKind: "custom",
      objective,
    });
    expect(result.change.steps.map((step) => step.step)).toEqual([
      "post_mode",
      "patch_room",
      "confirm",
    ]);
    // The board is read first and after the POST: the objective goes only on a board that shows the new mode.
    expect(result.board.board).toMatchObject({
      mode: "stabilize",
      objective,
      objectiveState: "custom",
    });
    expect(fixture.simulator.team(teamId).objective).toBe(objective);
    expect(
      apiRequests().map((request) => `${request.method} ${request.path.split("/").at(-1)}`),
    ).toEqual(["GET board", "POST mode", "GET board", "PATCH room", "GET board"]);
    // A refresh keeps saying custom: nothing changed the mode since.
    expect((await refreshBoard(quick)).board?.objectiveState).toBe("custom");
  });

  it("custom objective with a member's key (no config:write): partial, the board carries the preset, the permission is named", async () => {
    const { teamId } = await team({ mode: "build" }, "member");
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "Only the flaky tests", reason: "flake week" },
      quick,
    );
    expect(result.change.outcome).toBe("partial");
    const patch = result.change.steps.find((step) => step.step === "patch_room");
    expect(patch).toMatchObject({ ok: false, httpStatus: 403 });
    expect(patch?.message).toBe(
      "The board now carries the preset objective of stabilize; setting a custom objective needs the team's config:write permission (owner only, or an admin room).",
    );
    expect(fixture.simulator.team(teamId).objective).toBe(presetObjective.stabilize);
    expect(result.board.board).toMatchObject({ mode: "stabilize", objectiveState: "preset" });
    expect((await auditRowsFor(teamId))[0]?.details).toMatchObject({ outcome: "partial" });
  });

  it.each([
    ["invalid", /The HoloMesh API key is invalid or was rotated/, 401],
    ["stranger", /This key is not a member of team team_/, 403],
  ] as const)("a %s key fails with a clear message, audited", async (keyOf, message, status) => {
    const { teamId } = await team({ mode: "build" }, keyOf);
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "audit", reason: "quarterly audit" },
      quick,
    );
    expect(result.change.outcome).toBe("failed");
    expect(result.change.steps).toHaveLength(1);
    expect(result.change.steps[0]).toMatchObject({
      step: "post_mode",
      ok: false,
      httpStatus: status,
      message: expect.stringMatching(message),
    });
    expect(fixture.simulator.team(teamId).mode).toBe("build");
    expect(await auditRowsFor(teamId)).toHaveLength(1);
  });

  it("an unknown team: No team X on HoloMesh", async () => {
    const { key } = await team();
    await fixture.connect("team_nobody_here", key);
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "audit", reason: "quarterly audit" },
      quick,
    );
    expect(result.change.steps[0]?.message).toMatch(/^No team team_nobody_here on HoloMesh/);
    expect((await refreshBoard(quick)).error).toMatch(/^No team team_nobody_here on HoloMesh/);
  });

  it("HoloMesh down: the change fails plainly; a refresh keeps the last good board and marks it stale", async () => {
    const { teamId } = await team({ mode: "build" });
    expect((await refreshBoard(quick)).board?.mode).toBe("build");
    fixture.simulator.setBehaviour({ mode: "down" });
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "audit", reason: "quarterly audit" },
      quick,
    );
    expect(result.change.outcome).toBe("failed");
    expect(result.change.steps[0]?.message).toMatch(/^HoloMesh is unreachable/);
    const view = await refreshBoard(quick);
    expect(view.error).toMatch(/^HoloMesh is unreachable/);
    expect(view.stale).toBe(true);
    expect(view.board?.mode).toBe("build");
    fixture.simulator.setBehaviour({ mode: "normal" });
    const back = await refreshBoard(quick);
    expect(back).toMatchObject({ error: null, stale: false });
    expect(fixture.simulator.team(teamId).mode).toBe("build");
  });

  it("HoloMesh slow: the deadline gives a clear timeout message", async () => {
    await team({ mode: "build" });
    fixture.simulator.setBehaviour({ mode: "slow", delayMs: 1_500 });
    const started = Date.now();
    const view = await refreshBoard({ timeoutMs: 400, retryDelaysMs: [] });
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(view.error).toMatch(/^HoloMesh did not answer within/);
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "audit", reason: "quarterly audit" },
      { timeoutMs: 400, retryDelaysMs: [] },
    );
    expect(result.change.steps[0]?.message).toMatch(/^HoloMesh did not answer within/);
    fixture.simulator.setBehaviour({ mode: "normal" });
  });

  it("a 502 HTML page and malformed JSON become clear errors; GET is retried, POST mode never blindly", async () => {
    const { apiRequests } = await team({ mode: "build" });
    fixture.simulator.setBehaviour({ mode: "http-502-html" });
    const view = await refreshBoard(quick);
    expect(view.error).toBe(
      "HoloMesh answered HTTP 502 with an HTML page (an edge proxy error), not JSON.",
    );
    expect(apiRequests().filter((request) => request.method === "GET")).toHaveLength(3);
    const result = await changeBoardMode(
      fixture.lead,
      { mode: "audit", reason: "quarterly audit" },
      quick,
    );
    // A 502 after sending may hide an applied change: the board is read (here it cannot be), the outcome is unknown.
    expect(result.change.steps[0]?.message).toMatch(
      /^HoloMesh answered HTTP 502 with an HTML page \(an edge proxy error\), not JSON\. Its answer was lost/,
    );
    expect(result.change.state).toBe("unknown");
    expect(apiRequests().filter((request) => request.method === "POST")).toHaveLength(1);
    fixture.simulator.setBehaviour({ mode: "malformed-json" });
    expect((await refreshBoard(quick)).error).toBe(
      "HoloMesh answered HTTP 200 with malformed JSON.",
    );
    fixture.simulator.setBehaviour({ mode: "normal" });
  });

  it("a typo or a missing reason is refused before anything is sent", async () => {
    const { apiRequests } = await team({ mode: "build" });
    for (const input of [
      { mode: "stabilise", reason: "typo" },
      { mode: "stabilize", reason: "" },
      {},
      { mode: "general", reason: "reset it" },
    ]) {
      const error = await changeBoardMode(fixture.lead, input as never, quick).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
    }
    const tooLong = await changeBoardMode(
      fixture.lead,
      { mode: "build", objective: "x".repeat(201), reason: "too long" },
      quick,
    ).catch((caught: unknown) => caught);
    expect((tooLong as AppError).fields?.objective).toBeDefined();
    expect(apiRequests()).toHaveLength(0);
  });

  it("refuses viewers and responders", async () => {
    await team();
    const error = await changeBoardMode(
      fixture.viewer,
      { mode: "build", reason: "not mine" },
      quick,
    ).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe("forbidden");
  });

  it("a double submit with the same idempotency key changes the mode once and answers the same change", async () => {
    const { apiRequests } = await team({ mode: "build" });
    const input = {
      mode: "unblock" as const,
      reason: "deploys stuck",
      idempotencyKey: idempotencyKey(),
    };
    const [first, second] = await Promise.all([
      changeBoardMode(fixture.lead, input, quick),
      changeBoardMode(fixture.lead, input, quick),
    ]);
    expect(first.change.id).toBe(second.change.id);
    const third = await changeBoardMode(fixture.lead, input, quick);
    expect(third.change.id).toBe(first.change.id);
    expect(apiRequests().filter((request) => request.method === "POST")).toHaveLength(1);
  });
});

describe("refreshing the board", () => {
  it("shows general as not set", async () => {
    await team({ mode: null });
    const view = await refreshBoard(quick);
    expect(view.board).toMatchObject({ mode: null, rawMode: "general", objectiveState: "not_set" });
  });

  it("stores a board whose text holds a NUL and an unpaired surrogate, shown cleaned, and records the outside change", async () => {
    const { teamId } = await team({ mode: "build" });
    await refreshBoard(quick);
    fixture.simulator.changeModeAsAgent(teamId, "audit", {
      by: "agent\u0000x",
      reason: "sweep \u0000 \uD800",
    });
    const view = await refreshBoard(quick);
    expect(view.error ?? null).toBeNull();
    expect(view.board).toMatchObject({ mode: "audit" });
    const outside = await db.boardChange.findMany({ where: { teamId, source: "outside" } });
    expect(outside[0]?.reason).toBe("sweep \u2400 \uFFFD");
  });

  it("notices a mode changed outside Vigil on the next refresh and records it once; Vigil's own change is not 'outside'", async () => {
    const { teamId } = await team({ mode: "build" });
    await refreshBoard(quick);
    await changeBoardMode(fixture.lead, { mode: "review", reason: "release gate" }, quick);
    await refreshBoard(quick);
    expect((await db.boardChange.findMany({ where: { teamId, source: "outside" } })).length).toBe(
      0,
    );

    fixture.simulator.changeModeAsAgent(teamId, "audit", {
      by: "agent-x",
      reason: "nightly audit sweep",
    });
    const view = await refreshBoard(quick);
    await refreshBoard(quick);
    const outside = await db.boardChange.findMany({ where: { teamId, source: "outside" } });
    expect(outside).toHaveLength(1);
    expect(outside[0]).toMatchObject({
      fromMode: "review",
      toMode: "audit",
      outcome: "observed",
      reason: "nightly audit sweep",
      actorLabel: "agent_x",
    });
    expect(view.board).toMatchObject({
      mode: "audit",
      modeChangeSource: "mcp_tool",
      objectiveState: "preset",
    });
    expect(view.changes[0]).toMatchObject({ source: "outside", toMode: "audit" });
    expect(
      (await listBoardChanges(5)).some(
        (change) =>
          change.source === "outside" &&
          change.toMode === "audit" &&
          change.actorLabel === "agent_x",
      ),
    ).toBe(true);
  });

  it("detects an objective out of step with the mode: a typo'd mode, or an objective nobody set through Vigil", async () => {
    const { teamId, ownerKey } = await team({ mode: "build" });
    // The team's owner edits the objective through HoloMesh's own API, as another tool would.
    const editObjectiveOutsideVigil = (objective: string) =>
      fetch(`${fixture.simulator.url}/api/holomesh/team/${teamId}/room`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${ownerKey}`, "content-type": "application/json" },
        body: JSON.stringify({ objective }),
      });
    await refreshBoard(quick);
    fixture.simulator.changeModeAsAgent(teamId, "stabilise", { by: "agent-typo" });
    expect((await refreshBoard(quick)).board).toMatchObject({
      mode: null,
      rawMode: "stabilise",
      objectiveState: "out_of_step",
    });

    fixture.simulator.changeModeAsAgent(teamId, "security", { by: "agent-sec" });
    expect((await editObjectiveOutsideVigil("Last week's build goals")).status).toBe(200);
    expect((await refreshBoard(quick)).board).toMatchObject({
      mode: "security",
      objective: "Last week's build goals",
      objectiveState: "out_of_step",
    });

    // A custom objective Vigil set stops being "custom" once the mode changes after it.
    await changeBoardMode(
      fixture.lead,
      { mode: "stabilize", objective: "Green CI by Friday", reason: "release" },
      quick,
    );
    expect((await getBoardView()).board?.objectiveState).toBe("custom");
    fixture.simulator.changeModeAsAgent(teamId, "build", { by: "agent-b" });
    fixture.simulator.changeModeAsAgent(teamId, "stabilize", { by: "agent-b" });
    await editObjectiveOutsideVigil("Green CI by Friday");
    const after = await refreshBoard(quick);
    expect(after.board).toMatchObject({
      mode: "stabilize",
      objective: "Green CI by Friday",
      objectiveState: "out_of_step",
    });
  });
});

describe("the key never leaks", () => {
  it("appears in no view, change, audit row, log line or error", async () => {
    const { teamId, key } = await team({ mode: "build" });
    const outputs: unknown[] = [];
    outputs.push(await refreshBoard(quick));
    outputs.push(
      await changeBoardMode(
        fixture.lead,
        { mode: "docs", objective: "Docs match the code", reason: "docs week" },
        quick,
      ),
    );
    fixture.simulator.setBehaviour({ mode: "http-502-html" });
    outputs.push(await refreshBoard(quick));
    outputs.push(await changeBoardMode(fixture.lead, { mode: "audit", reason: "audit" }, quick));
    fixture.simulator.setBehaviour({ mode: "normal" });
    await fixture.connect(teamId, testKey("rotated"));
    outputs.push(await changeBoardMode(fixture.lead, { mode: "audit", reason: "audit" }, quick));
    outputs.push(await getBoardView());
    outputs.push(await db.boardChange.findMany({ where: { teamId } }));
    outputs.push(
      await db.auditLog.findMany({
        where: { OR: [{ targetId: teamId }, { action: "holomesh.connection_save" }] },
      }),
    );
    outputs.push(await db.boardSnapshot.findMany());
    outputs.push(await db.holoMeshConnection.findMany());
    const text = JSON.stringify(outputs, (_, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    expect(text).toContain("docs");
    expect(text).not.toContain(key);
    expect(consoleLines.join("\n")).not.toContain(key);
    // The key did reach HoloMesh, as a bearer token.
    expect(
      fixture.simulator.requests().some((request) => request.authorization === `Bearer ${key}`),
    ).toBe(true);
  });
});
