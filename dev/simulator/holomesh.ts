import http from "node:http";
import { z } from "zod";
import { isTeamMode, presetObjective } from "@/lib/board/labels";
import { bothLoopbacks, listenOnHost } from "@/dev/simulator/loopback";

// A simulated HoloMesh team board API (holoscript-contract.md), quirks included: POST mode ignores `objective`,
// stores any mode string, turns a missing mode or an empty/oversized body into `build`, and resets the objective when
// the same mode is posted again. Control endpoints under /__control/* drive it over HTTP; they are never logged and
// never affected by the behaviour.

const jsonContentType = "application/json; charset=utf-8";
const controlPrefix = "/__control";
/** Bodies over this size are read to the end but treated as empty, as the real server does for POST mode. */
export const holoMeshBodyLimitBytes = 64 * 1024;
const modeHistoryLimit = 10;

const railwayBadGatewayHtml = [
  "<!DOCTYPE html>",
  "<html>",
  "<head><title>502 Bad Gateway</title></head>",
  "<body>",
  "<h1>Application failed to respond</h1>",
  "<p>This error appears to be caused by the application.</p>",
  "</body>",
  "</html>",
  "",
].join("\n");

export const holoMeshTaskStatuses = ["open", "claimed", "blocked"] as const;
export const modeChangeSources = ["mcp_tool", "api", "unknown"] as const;

export const holoMeshBehaviourSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("normal") }),
  z.object({ mode: z.literal("slow"), delayMs: z.number().int().min(0).max(120_000) }),
  z.object({ mode: z.literal("http-502-html") }),
  z.object({ mode: z.literal("down") }),
  z.object({ mode: z.literal("malformed-json") }),
]);
export type HoloMeshBehaviour = z.infer<typeof holoMeshBehaviourSchema>;

/** The three calls of a board change, each of which can be made to fail on its own. */
export const holoMeshFaultSteps = ["post_mode", "patch_room", "get_board"] as const;
/**
 * How the chosen step fails:
 * - `late`: applied, answered after `delayMs` (a cold start is 12-14 s);
 * - `reset_before`: the connection is reset before anything is applied;
 * - `apply_then_502`: applied and stored, then the edge proxy answers a 502 HTML page;
 * - `apply_then_reset`: applied and stored, then the connection is reset (the answer is lost);
 * - `success_without_apply`: 200 `{"success":true,...}` but nothing is applied (the Studio proxy's behaviour);
 * - `not_a_board`: 200 JSON that is not a board (no mode, no tasks): only for `get_board`, other steps answer it too.
 */
export const holoMeshFaultKinds = [
  "late",
  "reset_before",
  "apply_then_502",
  "apply_then_reset",
  "success_without_apply",
  "not_a_board",
] as const;
export const holoMeshFaultSchema = z.object({
  step: z.enum(holoMeshFaultSteps),
  kind: z.enum(holoMeshFaultKinds),
  /** For `late`: how long the answer waits (the change is applied after the wait, as a slow server does). */
  delayMs: z.number().int().min(0).max(120_000).optional(),
  /** How many matching requests fail (then the step behaves normally again); absent = every one until cleared. */
  times: z.number().int().min(1).max(1_000).optional(),
  /** Matching requests let through untouched before the fault starts (e.g. 1: the second GET board fails). */
  skip: z.number().int().min(0).max(1_000).optional(),
});
export type HoloMeshFault = z.infer<typeof holoMeshFaultSchema>;
const faultStepOf: Record<string, (typeof holoMeshFaultSteps)[number]> = {
  "POST mode": "post_mode",
  "PATCH room": "patch_room",
  "GET board": "get_board",
};

export const holoMeshTeamSpecSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  ownerKey: z.string().min(1).max(500),
  memberKeys: z.array(z.string().min(1).max(500)).optional(),
  admin: z.boolean().optional(),
  mode: z.string().nullable().optional(),
  objective: z.string().optional(),
  tasks: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string(),
        status: z.enum(holoMeshTaskStatuses),
        priority: z.number().optional(),
      }),
    )
    .optional(),
  doneCount: z.number().int().min(0).optional(),
});
export type HoloMeshTeamSpec = z.infer<typeof holoMeshTeamSpecSchema>;

const addKeySchema = z.object({
  key: z.string().min(1).max(500),
  agentName: z.string().min(1).max(200),
});
const agentModeChangeSchema = z.object({
  mode: z.string().min(1).max(500),
  by: z.string().min(1).max(200).optional(),
  source: z.enum(modeChangeSources).optional(),
  reason: z.string().max(2_000).optional(),
});

export type ModeHistoryEntry = {
  mode: string;
  at: string;
  by: string;
  byAgentId: string;
  source: string;
  reason: string | null;
  previousMode: string | null;
};

export type HoloMeshTask = {
  id: string;
  title: string;
  status: (typeof holoMeshTaskStatuses)[number];
  priority?: number;
};

export type HoloMeshMessage = {
  id: string;
  content: string;
  type: string;
  by: string;
  byAgentId: string;
  at: string;
};

export type HoloMeshTeamState = {
  id: string;
  name: string;
  ownerKey: string;
  memberKeys: string[];
  admin: boolean;
  /** null when the team never had a mode (the board then says "general"). */
  mode: string | null;
  objective: string;
  modeChangedAt: string | null;
  modeChangedBy: string | null;
  modeChangeSource: string | null;
  /** Newest first, at most 10. */
  modeHistory: ModeHistoryEntry[];
  tasks: HoloMeshTask[];
  doneCount: number;
  messages: HoloMeshMessage[];
};

export type HoloMeshRequest = {
  method: string;
  path: string;
  /** The Authorization header as sent, or null. */
  authorization: string | null;
  /** The x-mcp-api-key header as sent, or null. */
  mcpApiKey: string | null;
  body: string;
};

export type HoloMeshSimulator = {
  url: string;
  addTeam(team: HoloMeshTeamSpec): void;
  addKey(key: string, agentName: string): void;
  setBehaviour(behaviour: HoloMeshBehaviour): void;
  /** Makes one step fail in a chosen way (once, N times, or until cleared); replaces any fault on the same step. */
  setFault(fault: HoloMeshFault): void;
  /** Clears the fault of one step, or all of them. */
  clearFaults(step?: (typeof holoMeshFaultSteps)[number]): void;
  /** Faults still armed, with how many failures remain (null = until cleared). */
  faults(): Array<HoloMeshFault & { remaining: number | null }>;
  /** A change made outside Vigil (an agent through the MCP tool by default). */
  changeModeAsAgent(
    teamId: string,
    mode: string,
    options?: { by?: string; source?: (typeof modeChangeSources)[number]; reason?: string },
  ): void;
  /** An objective edited outside Vigil (PATCH room by the owner through another tool): no mode change on the board. */
  setObjectiveAsAgent(teamId: string, objective: string): void;
  /** A copy of the team's state; throws for an unknown team. */
  team(teamId: string): HoloMeshTeamState;
  /** API requests received (control endpoints excluded; requests refused while "down" are not seen by the API). */
  requests(): HoloMeshRequest[];
  /** Forgets teams, keys, messages and requests, and goes back to "normal". */
  reset(): void;
  stop(): Promise<void>;
};

type Agent = { name: string; id: string };
type Reply = { status: number; body: unknown };

const errorReply = (status: number, error: string): Reply => ({ status, body: { error } });
const notFound = (): Reply => errorReply(404, "Not Found");

function agentIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return slug.startsWith("agent_") ? slug : `agent_${slug || "unnamed"}`;
}

function readBody(request: http.IncomingMessage): Promise<{ text: string; oversized: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received <= holoMeshBodyLimitBytes) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve({
        text: Buffer.concat(chunks).toString("utf8"),
        oversized: received > holoMeshBodyLimitBytes,
      }),
    );
    request.on("error", reject);
  });
}

/** Like a lenient body parser: anything that is not a JSON object reads as {}. */
function parseObject(text: string, oversized: boolean): Record<string, unknown> {
  if (oversized || text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function presentedKey(request: http.IncomingMessage): string | null {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match?.[1] !== undefined) return match[1].trim();
  }
  const mcpKey = request.headers["x-mcp-api-key"];
  if (typeof mcpKey === "string" && mcpKey.trim() !== "") return mcpKey.trim();
  return null;
}

function writeBody(
  response: http.ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void {
  if (response.destroyed) return;
  const bytes = Buffer.from(body, "utf8");
  response.writeHead(status, {
    "content-type": contentType,
    "content-length": String(bytes.length),
  });
  response.end(bytes);
}

function writeJson(response: http.ServerResponse, reply: Reply): void {
  writeBody(response, reply.status, jsonContentType, JSON.stringify(reply.body));
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function cloneTeam(team: HoloMeshTeamState): HoloMeshTeamState {
  return structuredClone(team);
}

export async function startHoloMeshSimulator(
  options: { port?: number; host?: string } = {},
): Promise<HoloMeshSimulator> {
  // Both 127.0.0.1 and ::1 by default, so a base URL by localhost reaches it; its URL still says 127.0.0.1.
  const host = options.host ?? bothLoopbacks;
  const teams = new Map<string, HoloMeshTeamState>();
  const agents = new Map<string, Agent>();
  let log: HoloMeshRequest[] = [];
  let behaviour: HoloMeshBehaviour = { mode: "normal" };
  const armedFaults = new Map<
    (typeof holoMeshFaultSteps)[number],
    HoloMeshFault & { remaining: number | null; skipping: number }
  >();
  const setFault = (fault: HoloMeshFault): void => {
    const parsed = holoMeshFaultSchema.parse(fault);
    armedFaults.set(parsed.step, {
      ...parsed,
      remaining: parsed.times ?? null,
      skipping: parsed.skip ?? 0,
    });
  };
  const clearFaults = (step?: (typeof holoMeshFaultSteps)[number]): void => {
    if (step) armedFaults.delete(step);
    else armedFaults.clear();
  };
  /** The fault this request triggers, counted down; only requests to an existing route of the chosen step. */
  const takeFault = (method: string, path: string): HoloMeshFault | null => {
    const match = /^\/api\/holomesh\/team\/[^/]+\/(board|mode|room)\/?$/.exec(path);
    const step = match?.[1] ? faultStepOf[`${method} ${match[1]}`] : undefined;
    const fault = step ? armedFaults.get(step) : undefined;
    if (!step || !fault) return null;
    if (fault.skipping > 0) {
      fault.skipping -= 1;
      return null;
    }
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) armedFaults.delete(step);
    }
    return fault;
  };
  let lastStamp = 0;
  let messageSerial = 0;
  const pendingDelays = new Set<AbortController>();
  let stopped = false;
  let stopping: Promise<void> | undefined;

  // Strictly increasing, so two changes in the same millisecond still get different modeChangedAt values.
  const stamp = (): string => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp).toISOString();
  };

  const ensureAgent = (key: string, fallbackName: string): void => {
    if (!agents.has(key)) agents.set(key, { name: fallbackName, id: agentIdFor(fallbackName) });
  };

  const addKey = (key: string, agentName: string): void => {
    agents.set(key, { name: agentName, id: agentIdFor(agentName) });
  };

  const addTeam = (spec: HoloMeshTeamSpec): void => {
    const team = holoMeshTeamSpecSchema.parse(spec);
    ensureAgent(team.ownerKey, "Founder");
    const memberKeys = team.memberKeys ?? [];
    memberKeys.forEach((key, index) => ensureAgent(key, `member-${index + 1}`));
    const mode = team.mode ?? null;
    teams.set(team.id, {
      id: team.id,
      name: team.name,
      ownerKey: team.ownerKey,
      memberKeys: [...memberKeys],
      admin: team.admin ?? false,
      mode,
      objective: team.objective ?? (isTeamMode(mode) ? presetObjective[mode] : ""),
      modeChangedAt: null,
      modeChangedBy: null,
      modeChangeSource: null,
      modeHistory: [],
      tasks: (team.tasks ?? []).map((task) => ({ ...task })),
      doneCount: team.doneCount ?? 0,
      messages: [],
    });
  };

  /** The server's mode write: the preset objective for a known mode, the old objective kept for anything else. */
  const applyMode = (
    team: HoloMeshTeamState,
    mode: string,
    agent: Agent,
    source: string,
    reason: string | null,
  ): { unchanged: boolean } => {
    if (isTeamMode(mode)) team.objective = presetObjective[mode];
    if (team.mode === mode) return { unchanged: true };
    const at = stamp();
    team.modeHistory = [
      { mode, at, by: agent.name, byAgentId: agent.id, source, reason, previousMode: team.mode },
      ...team.modeHistory,
    ].slice(0, modeHistoryLimit);
    team.mode = mode;
    team.modeChangedAt = at;
    team.modeChangedBy = agent.id;
    team.modeChangeSource = source;
    return { unchanged: false };
  };

  const changeModeAsAgent: HoloMeshSimulator["changeModeAsAgent"] = (
    teamId,
    mode,
    changeOptions = {},
  ) => {
    const team = teams.get(teamId);
    if (!team) throw new Error(`HoloMesh simulator: no team ${teamId}`);
    const name = changeOptions.by ?? "agent-x";
    applyMode(
      team,
      mode,
      { name, id: agentIdFor(name) },
      changeOptions.source ?? "mcp_tool",
      changeOptions.reason ?? null,
    );
  };

  const setObjectiveAsAgent: HoloMeshSimulator["setObjectiveAsAgent"] = (teamId, objective) => {
    const team = teams.get(teamId);
    if (!team) throw new Error(`HoloMesh simulator: no team ${teamId}`);
    team.objective = objective;
  };

  const isMember = (team: HoloMeshTeamState, key: string): boolean =>
    key === team.ownerKey || team.memberKeys.includes(key);

  function boardBody(team: HoloMeshTeamState): unknown {
    return {
      success: true,
      teamId: team.id,
      name: team.name,
      tasks: team.tasks.map((task) => ({
        ...task,
        createdAt: new Date(0).toISOString(),
        tags: [],
      })),
      done_count: team.doneCount,
      mode: team.mode ?? "general",
      objective: team.objective,
      communicationStyle: "task_first",
      modeChangedAt: team.modeChangedAt,
      modeChangedBy: team.modeChangedBy,
      modeChangeSource: team.modeChangeSource,
      modeHistory: team.modeHistory,
    };
  }

  /** Write routes authenticate before looking at the team, with POST mode's two 401 bodies. */
  function writeAuth(key: string | null): Agent | Reply {
    if (key === null)
      return errorReply(401, "Authentication required. Provide valid HoloMesh API key.");
    const agent = agents.get(key);
    if (!agent) return errorReply(401, "Invalid API key. Register at POST /api/holomesh/register.");
    return agent;
  }

  function apiRoute(
    method: string,
    path: string,
    key: string | null,
    body: Record<string, unknown>,
  ): Reply {
    const match = /^\/api\/holomesh\/team\/([^/]+)\/(board|mode|room|message)\/?$/.exec(path);
    if (!match?.[1] || !match[2]) return notFound();
    const teamId = decodeSegment(match[1]);
    if (teamId === undefined) return notFound();
    const action = `${method} ${match[2]}`;

    if (action === "GET board") {
      const agent = key === null ? undefined : agents.get(key);
      if (key === null || !agent) return errorReply(401, "Authentication required");
      const team = teams.get(teamId);
      if (!team) return errorReply(404, "Team not found");
      if (!isMember(team, key)) return errorReply(403, "Not a member of this team");
      return { status: 200, body: boardBody(team) };
    }
    if (action !== "POST mode" && action !== "PATCH room" && action !== "POST message")
      return notFound();

    const agent = writeAuth(key);
    if ("status" in agent) return agent;
    const team = teams.get(teamId);
    if (!team) return errorReply(404, "Team not found");
    if (key === null || !isMember(team, key)) return errorReply(403, "Not a member");

    if (action === "POST mode") {
      const mode = typeof body.mode === "string" && body.mode !== "" ? body.mode : "build";
      const reason = typeof body.reason === "string" ? body.reason : null;
      const { unchanged } = applyMode(team, mode, agent, "api", reason);
      return {
        status: 200,
        body: {
          success: true,
          mode,
          objective: team.objective,
          ...(unchanged ? { unchanged: true } : {}),
          hint: `Team mode is ${mode}. Set a custom objective with PATCH /api/holomesh/team/${team.id}/room.`,
        },
      };
    }
    if (action === "PATCH room") {
      if (key !== team.ownerKey && !team.admin)
        return errorReply(403, "Insufficient permissions (config:write required)");
      if (typeof body.objective === "string") team.objective = body.objective;
      return {
        status: 200,
        body: { success: true, communicationStyle: "task_first", objective: team.objective },
      };
    }
    if (key !== team.ownerKey) {
      return {
        status: 401,
        body: {
          error: "signing-rejected",
          detail: "Non-founder agents must sign their requests to post to the team feed.",
        },
      };
    }
    messageSerial += 1;
    const message: HoloMeshMessage = {
      id: `msg_${Date.now()}_${messageSerial}`,
      content: typeof body.content === "string" ? body.content : "",
      type: typeof body.type === "string" ? body.type : "text",
      by: agent.name,
      byAgentId: agent.id,
      at: stamp(),
    };
    team.messages.push(message);
    return { status: 200, body: { success: true, messageId: message.id } };
  }

  function controlRoute(method: string, path: string, text: string): Reply {
    const segments = path
      .slice(controlPrefix.length)
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeSegment(segment) ?? "");
    const [first, teamId, sub] = segments;
    let input: unknown;
    try {
      input = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return {
        status: 422,
        body: { error: { code: "validation_failed", message: "The body is not valid JSON." } },
      };
    }
    const invalid = (error: z.ZodError): Reply => ({
      status: 422,
      body: {
        error: {
          code: "validation_failed",
          message: "Check the fields.",
          fields: z.flattenError(error).fieldErrors,
        },
      },
    });
    const unknownTeam = (): Reply => ({
      status: 404,
      body: { error: { code: "not_found", message: `No team ${teamId ?? ""}.` } },
    });

    if (first === "behaviour" && segments.length === 1) {
      if (method === "GET") return { status: 200, body: behaviour };
      if (method !== "PUT" && method !== "POST") return notFound();
      const parsed = holoMeshBehaviourSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      behaviour = parsed.data;
      return { status: 200, body: behaviour };
    }
    if (first === "faults" && segments.length === 1) {
      if (method === "GET") return { status: 200, body: { faults: [...armedFaults.values()] } };
      if (method === "DELETE") {
        clearFaults();
        return { status: 200, body: { faults: [] } };
      }
      if (method !== "PUT" && method !== "POST") return notFound();
      const parsed = holoMeshFaultSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      setFault(parsed.data);
      return { status: 200, body: { faults: [...armedFaults.values()] } };
    }
    if (first === "keys" && segments.length === 1 && method === "POST") {
      const parsed = addKeySchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      addKey(parsed.data.key, parsed.data.agentName);
      return { status: 201, body: { key: parsed.data.key, agentName: parsed.data.agentName } };
    }
    if (first === "requests" && segments.length === 1 && method === "GET")
      return { status: 200, body: { requests: log } };
    if (first === "reset" && segments.length === 1 && method === "POST") {
      reset();
      return { status: 200, body: { reset: true } };
    }
    if (first !== "teams") return notFound();
    if (teamId === undefined) {
      if (method !== "POST") return notFound();
      const parsed = holoMeshTeamSpecSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      addTeam(parsed.data);
      return { status: 201, body: cloneTeam(teams.get(parsed.data.id) as HoloMeshTeamState) };
    }
    const team = teams.get(teamId);
    if (!team) return unknownTeam();
    if (sub === undefined && method === "GET") return { status: 200, body: cloneTeam(team) };
    if (sub === "messages" && method === "GET")
      return { status: 200, body: { messages: team.messages } };
    if (sub === "mode" && method === "POST") {
      const parsed = agentModeChangeSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      const { mode, ...changeOptions } = parsed.data;
      changeModeAsAgent(teamId, mode, changeOptions);
      return { status: 200, body: cloneTeam(team) };
    }
    if (sub === "objective" && method === "POST") {
      const parsed = z.object({ objective: z.string().max(10_000) }).safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      setObjectiveAsAgent(teamId, parsed.data.objective);
      return { status: 200, body: cloneTeam(team) };
    }
    return notFound();
  }

  async function waitFor(ms: number): Promise<void> {
    const controller = new AbortController();
    pendingDelays.add(controller);
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        controller.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } finally {
      pendingDelays.delete(controller);
    }
  }

  async function handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://holomesh.invalid").pathname;
    if (path === controlPrefix || path.startsWith(`${controlPrefix}/`)) {
      const { text, oversized } = await readBody(request);
      writeJson(
        response,
        oversized
          ? {
              status: 413,
              body: { error: { code: "payload_too_large", message: "Body too large." } },
            }
          : controlRoute(method, path, text),
      );
      return;
    }
    const answering = behaviour;
    if (answering.mode === "down") {
      request.socket.destroy();
      return;
    }
    const { text, oversized } = await readBody(request);
    log.push({
      method,
      path,
      authorization: request.headers.authorization ?? null,
      mcpApiKey:
        typeof request.headers["x-mcp-api-key"] === "string"
          ? request.headers["x-mcp-api-key"]
          : null,
      body: text,
    });
    if (answering.mode === "http-502-html") {
      // The edge proxy answers: the request never reaches the API, so nothing changes.
      writeBody(response, 502, "text/html", railwayBadGatewayHtml);
      return;
    }
    // Like a real server, a slow request is still processed when the caller has given up waiting.
    if (answering.mode === "slow") await waitFor(answering.delayMs);
    if (stopped) return;
    const fault = takeFault(method, path);
    if (fault?.kind === "reset_before") {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "success_without_apply") {
      const body = parseObject(text, oversized);
      const mode = typeof body.mode === "string" ? body.mode : "build";
      const objective = typeof body.objective === "string" ? body.objective : undefined;
      writeJson(response, {
        status: 200,
        body:
          method === "POST"
            ? { success: true, mode }
            : { success: true, ...(objective === undefined ? {} : { objective }) },
      });
      return;
    }
    if (fault?.kind === "not_a_board") {
      writeJson(response, {
        status: 200,
        body: { success: true, message: "Team room", teamId: path.split("/")[4] ?? null },
      });
      return;
    }
    if (fault?.kind === "late") {
      // A slow server applies the change once it gets to it: after the wait, whether the caller still waits or not.
      await waitFor(fault.delayMs ?? 12_000);
      if (stopped) return;
    }
    const reply = apiRoute(method, path, presentedKey(request), parseObject(text, oversized));
    if (fault?.kind === "apply_then_502") {
      writeBody(response, 502, "text/html", railwayBadGatewayHtml);
      return;
    }
    if (fault?.kind === "apply_then_reset") {
      request.socket.destroy();
      return;
    }
    if (answering.mode === "malformed-json") {
      const json = JSON.stringify(reply.body);
      writeBody(
        response,
        reply.status,
        jsonContentType,
        json.slice(0, Math.max(1, Math.floor(json.length / 2))),
      );
      return;
    }
    writeJson(response, reply);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error("[holomesh-simulator] could not answer:", error);
      response.destroy();
    });
  });

  function reset(): void {
    teams.clear();
    agents.clear();
    log = [];
    behaviour = { mode: "normal" };
    armedFaults.clear();
  }

  const listener = await listenOnHost(server, options.port ?? 0, host);
  const port = listener.port;
  const urlHost = host === bothLoopbacks ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    addTeam,
    addKey,
    setBehaviour: (next) => {
      behaviour = holoMeshBehaviourSchema.parse(next);
    },
    setFault,
    clearFaults,
    faults: () => [...armedFaults.values()].map((fault) => ({ ...fault })),
    changeModeAsAgent,
    setObjectiveAsAgent,
    team: (teamId) => {
      const team = teams.get(teamId);
      if (!team) throw new Error(`HoloMesh simulator: no team ${teamId}`);
      return cloneTeam(team);
    },
    requests: () => log.map((entry) => ({ ...entry })),
    reset,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        stopped = true;
        for (const controller of pendingDelays) controller.abort();
        void listener.close().then(resolve);
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

export const demoTeamId = "team_demo";
export const demoOwnerKey = "hm_demo_owner_key_local_only";
export const demoMemberKey = "hm_demo_member_key_local_only";

/** The team `npm run simulate` and `npm run demo` start with: the owner key has config:write, the member key has not. */
export function seedDemoTeam(simulator: HoloMeshSimulator): void {
  simulator.addKey(demoOwnerKey, "Founder");
  simulator.addKey(demoMemberKey, "agent-demo");
  simulator.addTeam({
    id: demoTeamId,
    name: "HoloScript Core (simulated)",
    ownerKey: demoOwnerKey,
    memberKeys: [demoMemberKey],
    mode: "build",
    tasks: [
      { id: "task_demo_1", title: "Fix flaky holomap MCP test", status: "claimed", priority: 1 },
      { id: "task_demo_2", title: "Quarantine the preflight timeout", status: "open", priority: 2 },
      { id: "task_demo_3", title: "Ship the absorb diagnostics view", status: "open", priority: 3 },
      {
        id: "task_demo_4",
        title: "Rotate the studio deploy token",
        status: "blocked",
        priority: 2,
      },
    ],
    doneCount: 753,
  });
}
