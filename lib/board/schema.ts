import { z } from "zod";

/** The nine team modes (holoscript-contract.md). Older tools know only eight: no `unblock`. */
export const teamModes = ["audit", "research", "build", "review", "security", "stabilize", "unblock", "docs", "planning"] as const;
export type TeamMode = (typeof teamModes)[number];

export const modeBias: Record<TeamMode, string> = {
  audit: "evidence, traceability, gap reports; tasks with verification commands",
  research: "hypothesis-driven, longer exploration",
  build: "shippable slices, user-visible outcomes",
  review: "readiness, PR/CI hygiene, consolidation",
  security: "threat model, secrets, sandboxing, auth paths",
  stabilize: "CI, regressions, flake reduction, perf SLOs",
  unblock: "remove blockers first",
  docs: "SSOT docs, numbers alignment, onboarding",
  planning: "roadmap gates, dependencies, sequencing",
};

/** The objective the server writes when the mode is set (POST mode ignores any objective sent with it). */
export const presetObjective: Record<TeamMode, string> = {
  audit: "Fix audit issues — split oversized components, add error handling, close security gaps, add tests",
  research: "Compound knowledge — read research files, synthesize findings, contribute wisdom/patterns/gotchas",
  build: "Ship features — implement roadmap items, write code, add tests, deploy",
  review: "Quality gate — review recent changes, check for regressions, verify test coverage",
  security: "Harden the surface — auth boundaries, sandbox and secrets hygiene, dependency and supply-chain review, minimal blast radius on changes",
  stabilize: "Make main trustworthy — CI green, flaky tests triaged or quarantined, preflight green, no scope creep on fix PRs",
  unblock:
    "Remove what is stopping the team — commit untracked files blocking deploys, fix auth conflicts, drain failed CI, close claimed-but-uncommitted tasks, resolve capacity limits",
  docs: "Documentation matches ground truth — docs/NUMBERS.md policy, tier load order, archive banners, public API and MCP surfaces documented",
  planning: "Align execution with strategy — roadmap and RFCs, explicit decision gates, dependency order, plans include What Remains and Excludes",
};

export const customObjectiveMaxLength = 200;

export function isTeamMode(value: unknown): value is TeamMode {
  return typeof value === "string" && (teamModes as readonly string[]).includes(value);
}

/** Modes a SEV1 is already handled in: the incident page offers the lead a switch only outside these. */
export const incidentModes: readonly TeamMode[] = ["stabilize", "unblock"];

// ---- What HoloMesh answers (validated: a 502 HTML page or malformed JSON is a clear error, never a crash) ----

const isoOrNull = z.string().nullable().optional().catch(null);

export const holoMeshTaskSchema = z.object({
  id: z.string(),
  title: z.string().catch(""),
  status: z.string(),
  priority: z.number().nullable().optional().catch(null),
  claimedByName: z.string().nullable().optional().catch(null),
});

export const holoMeshModeHistoryEntrySchema = z.object({
  mode: z.string(),
  at: isoOrNull,
  by: z.string().nullable().optional().catch(null),
  byAgentId: z.string().nullable().optional().catch(null),
  source: z.string().nullable().optional().catch(null),
  reason: z.string().nullable().optional().catch(null),
  previousMode: z.string().nullable().optional().catch(null),
});

export const holoMeshBoardSchema = z.object({
  success: z.literal(true).optional(),
  teamId: z.string().optional(),
  name: z.string().optional().catch(undefined),
  tasks: z.array(holoMeshTaskSchema).catch([]),
  done_count: z.number().int().nonnegative().optional().catch(undefined),
  mode: z.string().nullable().optional(),
  objective: z.string().nullable().optional(),
  modeChangedAt: isoOrNull,
  modeChangedBy: z.string().nullable().optional().catch(null),
  modeChangeSource: z.string().nullable().optional().catch(null),
  modeHistory: z.array(holoMeshModeHistoryEntrySchema).catch([]),
});
export type HoloMeshBoard = z.infer<typeof holoMeshBoardSchema>;

export const holoMeshModeAnswerSchema = z.object({
  success: z.literal(true),
  mode: z.string(),
  objective: z.string().optional(),
  unchanged: z.boolean().optional(),
  hint: z.string().optional(),
});

export const holoMeshRoomAnswerSchema = z.object({
  success: z.literal(true),
  objective: z.string().optional(),
  communicationStyle: z.string().optional(),
});

export const holoMeshErrorSchema = z.object({ error: z.string() });

// ---- Vigil's inputs ----

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const changeBoardModeSchema = z.object({
  mode: z.enum(teamModes, { message: `Choose one of the nine modes: ${teamModes.join(", ")}.` }),
  objective: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Write the objective as text, or leave it blank for the mode's preset." })
      .trim()
      .min(1, "Write the objective, or leave it blank for the mode's preset.")
      .max(customObjectiveMaxLength, `A custom objective is at most ${customObjectiveMaxLength} characters.`)
      .optional(),
  ),
  reason: z
    .string({ error: "Say why the team changes mode." })
    .trim()
    .min(3, "Say why the team changes mode.")
    .max(500, "Keep the reason under 500 characters."),
  idempotencyKey: z.preprocess(
    blankToUndefined,
    z.string({ error: "The idempotency key is text." }).trim().min(8, "An idempotency key is 8 to 200 characters.").max(200, "An idempotency key is 8 to 200 characters.").optional(),
  ),
  incidentId: z.preprocess(blankToUndefined, z.string({ error: "No such incident." }).uuid("No such incident.").optional()),
});
export type ChangeBoardModeInput = z.input<typeof changeBoardModeSchema>;

export const holoMeshConnectionInputSchema = z.object({
  version: z.coerce.number().int().min(1),
  baseUrl: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), "Enter an http(s) URL such as https://mcp.holoscript.net.")
    .transform((value) => value.replace(/\/+$/, "")),
  teamId: z.string().trim().min(1, "Enter the team id (team_…).").max(200).regex(/^[A-Za-z0-9_.:-]+$/, "Team ids use letters, digits and _ . : -"),
  /** Blank keeps the stored key. */
  apiKey: z.preprocess(blankToUndefined, z.string().trim().min(8, "That is too short for a HoloMesh API key.").max(500).optional()),
  clearApiKey: z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean()).default(false),
});

// ---- What Vigil shows ----

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
export type BoardStep = { step: "post_mode" | "patch_room" | "confirm"; ok: boolean; httpStatus: number | null; message: string; answerLost?: boolean };

/**
 * Where a change really ended, as read on the board: `unconfirmed` = every write was answered yes but the board
 * could not be read back yet; `unknown` = a write's answer was lost and the board does not show it (yet).
 * Both are re-read (bounded) until they settle.
 */
export type BoardChangeState = "confirmed" | "partial" | "failed" | "observed" | "unconfirmed" | "unknown";

/** The change's verdict for the UI: the end state in words, what the board shows, and the one action that completes a partial change. */
export type BoardVerdict = {
  state: BoardChangeState;
  summary: string;
  mode: string;
  modeOnBoard: "set" | "not_set" | "unknown";
  /** The lead's objective text (or the preset), kept for the completing action. */
  objective: string;
  objectiveOnBoard: "set" | "not_set" | "unknown";
  nextAction: { kind: "set_objective"; label: string; input: { mode: TeamMode; objective: string; reason: string } } | null;
  /** A mode change carries its reason to the board's history; an objective-only change (PATCH room) records it only in Vigil. */
  reasonRecordedOn: "board_and_vigil" | "vigil_only";
};

/** A change in progress, for the UI to poll (GET /api/v1/board → running). */
export type RunningBoardChange = {
  startedAt: string;
  actorLabel: string;
  toMode: string;
  objective: string;
  steps: { name: "read_board" | "post_mode" | "patch_room" | "confirm"; startedAt: string; finishedAt: string | null; elapsedMs: number; outcome: string | null }[];
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
    modeHistory: { mode: string; at: string | null; by: string | null; source: string | null; reason: string | null; previousMode: string | null }[];
    counts: { open: number; claimed: number; blocked: number; done: number | null };
  } | null;
  /** The connected team's changes only. */
  changes: BoardChangeView[];
  /** The change running now, with each step's times; null when none. */
  running: RunningBoardChange | null;
};

export type BoardChangeResult = { change: BoardChangeView; board: BoardView };
