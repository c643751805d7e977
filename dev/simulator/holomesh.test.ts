import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { presetObjective } from "@/lib/board/labels";
import {
  demoMemberKey,
  demoOwnerKey,
  demoTeamId,
  seedDemoTeam,
  startHoloMeshSimulator,
  type HoloMeshSimulator,
} from "@/dev/simulator/holomesh";

const ownerKey = "hm_owner_key_0001";
const memberKey = "hm_member_key_0002";
const outsiderKey = "hm_outsider_key_0003";
const teamId = "team_sim_1";

let sim: HoloMeshSimulator;

beforeAll(async () => {
  sim = await startHoloMeshSimulator();
});

afterAll(async () => {
  await sim.stop();
});

beforeEach(() => {
  sim.reset();
  sim.addKey(ownerKey, "Founder");
  sim.addKey(memberKey, "agent-b");
  sim.addKey(outsiderKey, "stranger");
  sim.addTeam({
    id: teamId,
    name: "HoloScript Core",
    ownerKey,
    memberKeys: [memberKey],
    mode: "build",
    tasks: [
      { id: "task_1", title: "Fix flaky test", status: "claimed", priority: 1 },
      { id: "task_2", title: "Write docs", status: "open" },
      { id: "task_3", title: "Wait on CI", status: "blocked", priority: 3 },
    ],
    doneCount: 753,
  });
  sim.addTeam({ id: "team_other", name: "Other", ownerKey: outsiderKey });
});

type Answer = {
  status: number;
  contentType: string | null;
  text: string;
  json: Record<string, unknown> | undefined;
};

async function call(
  method: string,
  path: string,
  options: {
    key?: string | null;
    headers?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined && options.key !== null)
    headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get("content-type"), text, json };
}

const board = (key: string | null = ownerKey, team = teamId) =>
  call("GET", `/api/holomesh/team/${team}/board`, { key });
const postMode = (body: unknown, key: string | null = memberKey, team = teamId) =>
  call("POST", `/api/holomesh/team/${team}/mode`, { key, body });
const patchRoom = (objective: unknown, key: string | null = ownerKey, team = teamId) =>
  call("PATCH", `/api/holomesh/team/${team}/room`, { key, body: { objective } });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return "answered";
}

describe("GET board", () => {
  it("answers the contract's shape with only live tasks, as JSON in UTF-8", async () => {
    const answer = await board(memberKey);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("application/json; charset=utf-8");
    expect(answer.json).toMatchObject({
      success: true,
      teamId,
      name: "HoloScript Core",
      done_count: 753,
      mode: "build",
      objective: presetObjective.build,
      communicationStyle: "task_first",
      modeChangedAt: null,
      modeChangedBy: null,
      modeChangeSource: null,
      modeHistory: [],
    });
    const tasks = answer.json?.tasks as Array<Record<string, unknown>>;
    expect(tasks.map((task) => [task.id, task.status])).toEqual([
      ["task_1", "claimed"],
      ["task_2", "open"],
      ["task_3", "blocked"],
    ]);
  });

  it("reports general for a team that never had a mode", async () => {
    sim.addTeam({ id: "team_new", name: "New", ownerKey, objective: "" });
    const answer = await board(ownerKey, "team_new");
    expect(answer.json).toMatchObject({ mode: "general", objective: "", modeHistory: [] });
    expect(sim.team("team_new").mode).toBeNull();
  });

  it("accepts the key in x-mcp-api-key but not in x-api-key", async () => {
    const viaMcpHeader = await call("GET", `/api/holomesh/team/${teamId}/board`, {
      headers: { "x-mcp-api-key": memberKey },
    });
    expect(viaMcpHeader.status).toBe(200);
    const viaApiKey = await call("GET", `/api/holomesh/team/${teamId}/board`, {
      headers: { "x-api-key": memberKey },
    });
    expect(viaApiKey.status).toBe(401);
    expect(viaApiKey.json).toEqual({ error: "Authentication required" });
  });

  it("answers 401 without a key or with an unknown one", async () => {
    expect((await board(null)).json).toEqual({ error: "Authentication required" });
    const unknown = await board("hm_not_a_key");
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual({ error: "Authentication required" });
  });

  it("answers 404 for an unknown team and 403 for a non-member", async () => {
    const missing = await board(ownerKey, "team_nope");
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: "Team not found" });
    const outsider = await board(outsiderKey);
    expect(outsider.status).toBe(403);
    expect(outsider.json).toEqual({ error: "Not a member of this team" });
  });

  it("has no GET mode route", async () => {
    const answer = await call("GET", `/api/holomesh/team/${teamId}/mode`, { key: ownerKey });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: "Not Found" });
  });
});

describe("POST mode", () => {
  it("sets the mode and its preset objective, and records the change", async () => {
    const answer = await postMode({ mode: "stabilize", reason: "CI red after deploy" });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      success: true,
      mode: "stabilize",
      objective: presetObjective.stabilize,
    });
    expect(answer.json?.unchanged).toBeUndefined();
    expect(typeof answer.json?.hint).toBe("string");
    const after = (await board()).json;
    expect(after).toMatchObject({
      mode: "stabilize",
      objective: presetObjective.stabilize,
      modeChangedBy: "agent_b",
      modeChangeSource: "api",
    });
    expect(typeof after?.modeChangedAt).toBe("string");
    expect(after?.modeHistory).toEqual([
      {
        mode: "stabilize",
        at: after?.modeChangedAt,
        by: "agent-b",
        byAgentId: "agent_b",
        source: "api",
        reason: "CI red after deploy",
        previousMode: "build",
      },
    ]);
  });

  it("ignores an objective in the body and writes the preset", async () => {
    const answer = await postMode({
      mode: "audit",
      objective: "My own goal",
      reason: "audit week",
    });
    expect(answer.json?.objective).toBe(presetObjective.audit);
    expect(sim.team(teamId).objective).toBe(presetObjective.audit);
  });

  it("stores a typo as the mode and keeps the old objective", async () => {
    await patchRoom("Ship the holomap importer");
    const answer = await postMode({ mode: "stabilise", reason: "typo" });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      success: true,
      mode: "stabilise",
      objective: "Ship the holomap importer",
    });
    expect((await board()).json).toMatchObject({
      mode: "stabilise",
      objective: "Ship the holomap importer",
    });
  });

  it("turns a missing mode, an empty body or an oversized body into build", async () => {
    for (const [index, rawBody] of [
      JSON.stringify({ reason: "no mode" }),
      "",
      JSON.stringify({ mode: "docs", padding: "x".repeat(70_000) }),
    ].entries()) {
      sim.changeModeAsAgent(teamId, index % 2 === 0 ? "review" : "research");
      const answer = await call("POST", `/api/holomesh/team/${teamId}/mode`, {
        key: memberKey,
        rawBody,
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ mode: "build", objective: presetObjective.build });
      expect(sim.team(teamId).mode).toBe("build");
    }
  });

  it("answers unchanged for the same mode and resets a custom objective to the preset", async () => {
    await patchRoom("Custom goal for build");
    const changedAt = sim.team(teamId).modeChangedAt;
    const answer = await postMode({ mode: "build", reason: "again" });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      success: true,
      mode: "build",
      unchanged: true,
      objective: presetObjective.build,
    });
    expect(sim.team(teamId)).toMatchObject({
      objective: presetObjective.build,
      modeChangedAt: changedAt,
      modeHistory: [],
    });
  });

  it("answers the contract's 401, 404 and 403 bodies", async () => {
    expect(await postMode({ mode: "docs" }, null)).toMatchObject({
      status: 401,
      json: { error: "Authentication required. Provide valid HoloMesh API key." },
    });
    expect(await postMode({ mode: "docs" }, "hm_unknown")).toMatchObject({
      status: 401,
      json: { error: "Invalid API key. Register at POST /api/holomesh/register." },
    });
    const viaApiKey = await call("POST", `/api/holomesh/team/${teamId}/mode`, {
      headers: { "x-api-key": memberKey },
      body: { mode: "docs" },
    });
    expect(viaApiKey).toMatchObject({
      status: 401,
      json: { error: "Authentication required. Provide valid HoloMesh API key." },
    });
    expect(await postMode({ mode: "docs" }, memberKey, "team_nope")).toMatchObject({
      status: 404,
      json: { error: "Team not found" },
    });
    expect(await postMode({ mode: "docs" }, outsiderKey)).toMatchObject({
      status: 403,
      json: { error: "Not a member" },
    });
    expect(sim.team(teamId).mode).toBe("build");
  });

  it("keeps the history newest first and at most 10 entries", async () => {
    const modes = [
      "audit",
      "research",
      "review",
      "security",
      "stabilize",
      "unblock",
      "docs",
      "planning",
      "build",
      "audit",
      "review",
      "docs",
    ];
    for (const mode of modes) await postMode({ mode, reason: `to ${mode}` });
    const history = sim.team(teamId).modeHistory;
    expect(history).toHaveLength(10);
    expect(history.map((entry) => entry.mode)).toEqual([...modes].reverse().slice(0, 10));
    expect(history[0]?.previousMode).toBe("review");
    const stamps = history.map((entry) => entry.at);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(10);
  });
});

describe("PATCH room", () => {
  it("lets the owner set a custom objective of any length", async () => {
    const objective = "o".repeat(1_000);
    const answer = await patchRoom(objective, ownerKey);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ success: true, communicationStyle: "task_first", objective });
    expect((await board()).json?.objective).toBe(objective);
  });

  it("refuses a plain member without config:write", async () => {
    const answer = await patchRoom("Member goal", memberKey);
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error: "Insufficient permissions (config:write required)" });
    expect(sim.team(teamId).objective).toBe(presetObjective.build);
  });

  it("lets any member write in an admin room", async () => {
    sim.addTeam({
      id: "team_admin",
      name: "Admin room",
      ownerKey,
      memberKeys: [memberKey],
      admin: true,
      mode: "docs",
    });
    const answer = await patchRoom("Member goal", memberKey, "team_admin");
    expect(answer).toMatchObject({
      status: 200,
      json: { success: true, objective: "Member goal" },
    });
    expect(sim.team("team_admin").objective).toBe("Member goal");
  });

  it("answers 401, 404 and 403 for a stranger", async () => {
    expect(await patchRoom("x", null)).toMatchObject({ status: 401 });
    expect(await patchRoom("x", ownerKey, "team_nope")).toMatchObject({
      status: 404,
      json: { error: "Team not found" },
    });
    expect(await patchRoom("x", outsiderKey)).toMatchObject({ status: 403 });
  });
});

describe("POST message", () => {
  it("accepts the founder's message into the feed and rejects other keys as unsigned", async () => {
    const posted = await call("POST", `/api/holomesh/team/${teamId}/message`, {
      key: ownerKey,
      body: { content: "Switching to stabilize", type: "text" },
    });
    expect(posted.status).toBe(200);
    expect(posted.json?.success).toBe(true);
    expect(typeof posted.json?.messageId).toBe("string");
    expect(sim.team(teamId).messages).toMatchObject([
      {
        id: posted.json?.messageId,
        content: "Switching to stabilize",
        type: "text",
        by: "Founder",
      },
    ]);

    const rejected = await call("POST", `/api/holomesh/team/${teamId}/message`, {
      key: memberKey,
      body: { content: "hi", type: "text" },
    });
    expect(rejected.status).toBe(401);
    expect(rejected.json?.error).toBe("signing-rejected");
    expect(typeof rejected.json?.detail).toBe("string");
    expect(sim.team(teamId).messages).toHaveLength(1);
  });
});

describe("outside changes, the request log and control endpoints", () => {
  it("records a change made by an agent through the MCP tool", async () => {
    sim.changeModeAsAgent(teamId, "unblock", { reason: "deploy blocked" });
    expect((await board()).json).toMatchObject({
      mode: "unblock",
      objective: presetObjective.unblock,
      modeChangedBy: "agent_x",
      modeChangeSource: "mcp_tool",
      modeHistory: [
        {
          mode: "unblock",
          by: "agent-x",
          source: "mcp_tool",
          reason: "deploy blocked",
          previousMode: "build",
        },
      ],
    });
  });

  it("logs API requests with their auth header and body", async () => {
    await postMode({ mode: "docs", reason: "docs sprint" }, memberKey);
    await call("GET", `/__control/requests`);
    expect(sim.requests()).toEqual([
      {
        method: "POST",
        path: `/api/holomesh/team/${teamId}/mode`,
        authorization: `Bearer ${memberKey}`,
        mcpApiKey: null,
        body: JSON.stringify({ mode: "docs", reason: "docs sprint" }),
      },
    ]);
  });

  it("drives teams, keys, outside changes and behaviours over HTTP", async () => {
    expect(
      await call("POST", "/__control/keys", { body: { key: "hm_ctl_key", agentName: "ctl" } }),
    ).toMatchObject({ status: 201 });
    const created = await call("POST", "/__control/teams", {
      body: { id: "team_ctl", name: "Ctl", ownerKey: "hm_ctl_key" },
    });
    expect(created).toMatchObject({ status: 201, json: { id: "team_ctl", mode: null } });
    expect(
      await call("POST", "/__control/teams/team_ctl/mode", {
        body: { mode: "review", by: "agent-y", source: "unknown" },
      }),
    ).toMatchObject({
      status: 200,
      json: { mode: "review", modeChangeSource: "unknown", modeChangedBy: "agent_y" },
    });
    expect((await call("GET", "/__control/teams/team_ctl")).json).toMatchObject({
      mode: "review",
      objective: presetObjective.review,
    });
    expect(await call("PUT", "/__control/behaviour", { body: { mode: "slow" } })).toMatchObject({
      status: 422,
    });
    expect(
      await call("PUT", "/__control/behaviour", { body: { mode: "http-502-html" } }),
    ).toMatchObject({ status: 200 });
    expect((await board("hm_ctl_key", "team_ctl")).status).toBe(502);
    expect((await call("GET", "/__control/teams/team_missing")).status).toBe(404);
    expect(await call("POST", "/__control/reset")).toMatchObject({ status: 200 });
    expect((await board(ownerKey)).status).toBe(401);
  });
});

describe("the demo team", () => {
  it("gives the owner key config:write and the member key only membership", async () => {
    seedDemoTeam(sim);
    expect((await board(demoMemberKey, demoTeamId)).json).toMatchObject({
      mode: "build",
      objective: presetObjective.build,
      done_count: 753,
    });
    expect((await patchRoom("Demo goal", demoMemberKey, demoTeamId)).status).toBe(403);
    expect((await patchRoom("Demo goal", demoOwnerKey, demoTeamId)).status).toBe(200);
  });
});

describe("behaviours", () => {
  it("http-502-html answers the edge proxy's HTML page and changes nothing", async () => {
    sim.setBehaviour({ mode: "http-502-html" });
    const answer = await postMode({ mode: "docs", reason: "x" });
    expect(answer.status).toBe(502);
    expect(answer.contentType).toBe("text/html");
    expect(answer.text).toContain("<title>502 Bad Gateway</title>");
    expect(answer.json).toBeUndefined();
    expect(sim.team(teamId).mode).toBe("build");
  });

  it("down makes fetch reject, and normal brings it back", async () => {
    sim.setBehaviour({ mode: "down" });
    expect(await failure(board())).toBeInstanceOf(TypeError);
    expect(await failure(postMode({ mode: "docs" }))).toBeInstanceOf(TypeError);
    expect(sim.team(teamId).mode).toBe("build");
    expect(sim.requests()).toEqual([]);
    sim.setBehaviour({ mode: "normal" });
    expect((await board()).status).toBe(200);
  });

  it("slow delays every answer", async () => {
    sim.setBehaviour({ mode: "slow", delayMs: 300 });
    const started = performance.now();
    expect((await board()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const timedOut = await failure(
      fetch(`${sim.url}/api/holomesh/team/${teamId}/board`, {
        headers: { authorization: `Bearer ${ownerKey}` },
        signal: AbortSignal.timeout(50),
      }),
    );
    expect(timedOut).toBeInstanceOf(DOMException);
  });

  it("slow still applies a mode change after the caller gave up waiting", async () => {
    sim.setBehaviour({ mode: "slow", delayMs: 150 });
    const gaveUp = await failure(
      fetch(`${sim.url}/api/holomesh/team/${teamId}/mode`, {
        method: "POST",
        headers: { authorization: `Bearer ${memberKey}`, "content-type": "application/json" },
        body: JSON.stringify({ mode: "review", reason: "late" }),
        signal: AbortSignal.timeout(30),
      }),
    );
    expect(gaveUp).toBeInstanceOf(DOMException);
    expect(sim.team(teamId).mode).toBe("build");
    await expect.poll(() => sim.team(teamId).mode, { timeout: 2_000, interval: 25 }).toBe("review");
  });

  it("malformed-json answers 200 with a truncated JSON body, after applying the change", async () => {
    sim.setBehaviour({ mode: "malformed-json" });
    const answer = await postMode({ mode: "security", reason: "pen test" });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("application/json; charset=utf-8");
    expect(answer.text.startsWith('{"success":true')).toBe(true);
    expect(answer.json).toBeUndefined();
    expect(sim.team(teamId).mode).toBe("security");
  });
});

describe("faults on one chosen step", () => {
  const postReview = () =>
    call("POST", `/api/holomesh/team/${teamId}/mode`, {
      key: ownerKey,
      body: { mode: "review", reason: "fault test" },
    });
  const reset = async (request: Promise<unknown>) => {
    const error = await request.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TypeError); // fetch failed: the socket was reset
  };

  it("late: the chosen step answers after the delay and applies the change; other steps are not delayed", async () => {
    sim.setFault({ step: "post_mode", kind: "late", delayMs: 300 });
    const started = performance.now();
    expect((await board()).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(250);
    const posting = postReview();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.team(teamId).mode).toBe("build");
    expect((await posting).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(sim.team(teamId).mode).toBe("review");
  });

  it("reset_before: the connection is reset and nothing is applied", async () => {
    sim.setFault({ step: "patch_room", kind: "reset_before" });
    await reset(patchRoom("never stored"));
    expect(sim.team(teamId).objective).toBe(presetObjective.build);
  });

  it("apply_then_502: the change is stored, the answer is a 502 HTML page", async () => {
    sim.setFault({ step: "patch_room", kind: "apply_then_502" });
    const answer = await patchRoom("stored but lost");
    expect(answer.status).toBe(502);
    expect(answer.contentType).toBe("text/html");
    expect(sim.team(teamId).objective).toBe("stored but lost");
  });

  it("apply_then_reset: the change is stored, the connection is reset", async () => {
    sim.setFault({ step: "post_mode", kind: "apply_then_reset" });
    await reset(postReview());
    expect(sim.team(teamId).mode).toBe("review");
    expect(sim.team(teamId).objective).toBe(presetObjective.review);
  });

  it("success_without_apply: 200 success:true, nothing applied (the Studio proxy)", async () => {
    sim.setFault({ step: "post_mode", kind: "success_without_apply" });
    const answer = await postReview();
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ success: true, mode: "review" });
    expect(sim.team(teamId).mode).toBe("build");
  });

  it("not_a_board: the board GET answers 200 JSON with no mode and no tasks", async () => {
    sim.setFault({ step: "get_board", kind: "not_a_board" });
    const answer = await board();
    expect(answer.status).toBe(200);
    expect(answer.json).toBeDefined();
    expect(answer.json).not.toHaveProperty("mode");
    expect(answer.json).not.toHaveProperty("tasks");
  });

  it("once or N times, then normal again; through the control API too, and reset clears it", async () => {
    expect(
      (
        await call("POST", "/__control/faults", {
          body: { step: "get_board", kind: "apply_then_502", times: 2 },
        })
      ).status,
    ).toBe(200);
    expect((await board()).status).toBe(502);
    expect((await board()).status).toBe(502);
    expect((await board()).status).toBe(200);
    expect(
      (await call("POST", "/__control/faults", { body: { step: "get_mode", kind: "late" } }))
        .status,
    ).toBe(422);
    sim.setFault({ step: "get_board", kind: "not_a_board" });
    expect((await call("GET", "/__control/faults")).json).toMatchObject({
      faults: [{ step: "get_board", kind: "not_a_board", remaining: null }],
    });
    sim.reset();
    expect(sim.faults()).toEqual([]);
  });

  it("outside edits: an objective set by another tool changes no mode", () => {
    sim.setObjectiveAsAgent(teamId, "Edited in another tool");
    expect(sim.team(teamId)).toMatchObject({
      mode: "build",
      objective: "Edited in another tool",
      modeHistory: [],
    });
  });
});
