/** The nine team modes (holoscript-contract.md). Older tools know only eight: no `unblock`. */
export const teamModes = [
  "audit",
  "research",
  "build",
  "review",
  "security",
  "stabilize",
  "unblock",
  "docs",
  "planning",
] as const;
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
  audit:
    "Fix audit issues — split oversized components, add error handling, close security gaps, add tests",
  research:
    "Compound knowledge — read research files, synthesize findings, contribute wisdom/patterns/gotchas",
  build: "Ship features — implement roadmap items, write code, add tests, deploy",
  review: "Quality gate — review recent changes, check for regressions, verify test coverage",
  security:
    "Harden the surface — auth boundaries, sandbox and secrets hygiene, dependency and supply-chain review, minimal blast radius on changes",
  stabilize:
    "Make main trustworthy — CI green, flaky tests triaged or quarantined, preflight green, no scope creep on fix PRs",
  unblock:
    "Remove what is stopping the team — commit untracked files blocking deploys, fix auth conflicts, drain failed CI, close claimed-but-uncommitted tasks, resolve capacity limits",
  docs: "Documentation matches ground truth — docs/NUMBERS.md policy, tier load order, archive banners, public API and MCP surfaces documented",
  planning:
    "Align execution with strategy — roadmap and RFCs, explicit decision gates, dependency order, plans include What Remains and Excludes",
};

export const customObjectiveMaxLength = 200;

export function isTeamMode(value: unknown): value is TeamMode {
  return typeof value === "string" && (teamModes as readonly string[]).includes(value);
}

/** Modes a SEV1 is already handled in: the incident page offers the lead a switch only outside these. */
export const incidentModes: readonly TeamMode[] = ["stabilize", "unblock"];
