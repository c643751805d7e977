import type { FailingCheck } from "@/lib/incidents/types";
import type { IncidentView, TimelineEntryView } from "@/lib/incidents/types";
import { formatUtcDateTime } from "@/lib/time/format";

// Type imports only: this module runs in the browser, where schema.ts would bring zod along.

/** Something a responder does and ticks; the tick is a timeline entry carrying `stepKey`. */
export type TickableAction = { stepKey: string; label: string; logBody: string };
export type TickedAction = TickableAction & { ticked: boolean };

export type RunbookStepKey = "declare" | "mitigate" | "communicate" | "resolve" | "postmortem";
export type RunbookStep = {
  key: RunbookStepKey;
  title: string;
  guidance: string;
  done: boolean;
  /** The first step not done yet: where the incident is in the runbook. */
  current: boolean;
  doneNote: string | null;
  actions: TickedAction[];
};

export type RunbookIncident = Pick<
  IncidentView,
  "severity" | "status" | "declaredAt" | "mitigatedAt" | "resolvedAt" | "postmortem"
>;

/** The stepKey a status update carries: posting one is what ticks "communicate". */
export const communicateStepKey = "communicate";

/** Runbook sections 5 and 10: the rollback and cache procedures, each logged to the timeline when ticked. */
export const mitigationActions: TickableAction[] = [
  {
    stepKey: "mitigate:railway-redeploy",
    label: "Railway: redeploy the last green deployment (Deployments → last green → ⋯ → Redeploy)",
    logBody: "Rolled back: redeployed the last green Railway deployment.",
  },
  {
    stepKey: "mitigate:git-revert",
    label: "git revert <bad-commit-sha> --no-edit, then git push origin main (CI redeploys)",
    logBody: "Rolled back: reverted the bad commit and pushed to main; CI redeploys.",
  },
  {
    stepKey: "mitigate:container-digest",
    label: "Or revert to the previous container digest",
    logBody: "Rolled back: reverted to the previous container digest.",
  },
  {
    stepKey: "mitigate:feature-flag",
    label: "Toggle the feature flag off",
    logBody: "Mitigated: toggled the feature flag off.",
  },
  {
    stepKey: "mitigate:purge-cdn",
    label: "Purge the CDN / edge cache (mcp.holoscript.net) if static assets, JSON or WASM drifted",
    logBody: "Purged the CDN / edge cache.",
  },
];

function isCommunicated(
  tickedSteps: readonly string[],
  entries: readonly Pick<TimelineEntryView, "kind">[],
): boolean {
  return (
    tickedSteps.includes(communicateStepKey) ||
    entries.some((entry) => entry.kind === "communication")
  );
}

/** True while the runbook says to mitigate first: before the incident is mitigated, the deep dive waits. */
export function shouldMitigateFirst(incident: Pick<IncidentView, "status">): boolean {
  return incident.status === "investigating" || incident.status === "identified";
}

/**
 * The runbook's incident response (section 5) as steps whose done-ness comes from the incident itself:
 * its status, the updates posted, the postmortem. Nothing here is a checkbox someone could forget to tick.
 */
export function runbookSteps(
  incident: RunbookIncident,
  tickedSteps: readonly string[],
  entries: readonly Pick<TimelineEntryView, "kind">[] = [],
): RunbookStep[] {
  const mitigated = incident.status === "mitigated" || incident.status === "resolved";
  const resolved = incident.status === "resolved";
  const sev1 = incident.severity === "sev1";
  const postmortem = incident.postmortem;
  const steps: Omit<RunbookStep, "current">[] = [
    {
      key: "declare",
      title: "Declare severity",
      guidance: "User-visible outage = SEV1; degraded = SEV2.",
      done: true,
      doneNote: `Declared ${formatUtcDateTime(incident.declaredAt)}`,
      actions: [],
    },
    {
      key: "mitigate",
      title: "Mitigate",
      guidance: "Roll back the deploy or toggle a feature flag before the root-cause deep dive.",
      done: mitigated,
      doneNote:
        mitigated && incident.mitigatedAt
          ? `Mitigated ${formatUtcDateTime(incident.mitigatedAt)}`
          : null,
      actions: mitigationActions.map((action) => ({
        ...action,
        ticked: tickedSteps.includes(action.stepKey),
      })),
    },
    {
      key: "communicate",
      title: "Communicate",
      guidance:
        "Post to the team board / status channel with what is affected, the ETA and the workaround (e.g. “use stdio MCP instead of HTTP”).",
      done: isCommunicated(tickedSteps, entries),
      doneNote: isCommunicated(tickedSteps, entries) ? "Status update posted" : null,
      actions: [],
    },
    {
      key: "resolve",
      title: "Resolve",
      guidance: "Document the timeline, the root cause and the follow-up issue links.",
      done: resolved,
      doneNote:
        resolved && incident.resolvedAt
          ? `Resolved ${formatUtcDateTime(incident.resolvedAt)}`
          : null,
      actions: [],
    },
    {
      key: "postmortem",
      title: sev1 ? "Postmortem (required for SEV1)" : "Postmortem (optional)",
      guidance: sev1
        ? "Blameless notes within 5 business days of resolving."
        : "Not required below SEV1; start a draft when the incident taught something.",
      done: postmortem !== null,
      doneNote: postmortem
        ? postmortem.dueAt
          ? `Draft started, due ${formatUtcDateTime(postmortem.dueAt)}`
          : "Draft started"
        : null,
      actions: [],
    },
  ];
  const currentIndex = steps.findIndex((step) => !step.done);
  return steps.map((step, index) => ({ ...step, current: index === currentIndex }));
}

export type FailureRowId = "502" | "timeout" | "wasm" | "401" | "cache" | "database";
export type FailureRow = {
  id: FailureRowId;
  symptom: string;
  likelyCause: string;
  source: string;
  actions: { key: string; label: string; done: string }[];
};

/** Runbook section 4, "Common failures", row by row (and section 10's database settings for the team store). */
export const commonFailures: FailureRow[] = [
  {
    id: "502",
    symptom: "502 / upstream errors",
    likelyCause: "Process crash, OOM, bad deploy",
    source: "runbook §4",
    actions: [
      { key: "check-logs", label: "Check logs", done: "Checked the logs" },
      {
        key: "roll-back",
        label: "Roll back to the last image",
        done: "Rolled back to the last image",
      },
      { key: "scale-memory", label: "Scale memory if OOM", done: "Scaled memory (OOM)" },
    ],
  },
  {
    id: "timeout",
    symptom: "Tool timeouts",
    likelyCause: "Cold start, deadlock, downstream API",
    source: "runbook §4",
    actions: [
      {
        key: "raise-timeout",
        label: "Increase the timeout temporarily",
        done: "Increased the timeout temporarily",
      },
      { key: "isolate-tool", label: "Isolate the tool", done: "Isolated the tool" },
      {
        key: "disable-tool",
        label: "Disable the noisy tool via its feature flag",
        done: "Disabled the noisy tool via its feature flag",
      },
    ],
  },
  {
    id: "wasm",
    symptom: "WASM init errors",
    likelyCause: "Missing asset, wrong Content-Type, version skew",
    source: "runbook §4",
    actions: [
      {
        key: "verify-assets",
        label: "Verify the static asset deploy",
        done: "Verified the static asset deploy",
      },
      {
        key: "match-versions",
        label: "Match CLI / runtime versions",
        done: "Matched CLI and runtime versions",
      },
    ],
  },
  {
    id: "401",
    symptom: "Auth / 401 from MCP",
    likelyCause: "Rotated key, clock skew",
    source: "runbook §4",
    actions: [
      { key: "rotate-keys", label: "Rotate keys in the vault", done: "Rotated keys in the vault" },
      { key: "sync-ntp", label: "Sync NTP", done: "Synced NTP" },
      {
        key: "check-auth-header",
        label: "Verify the Authorization header path",
        done: "Verified the Authorization header path",
      },
    ],
  },
  {
    id: "cache",
    symptom: "Stale graph / cache",
    likelyCause: "CDN or edge cache (bad JSON or WASM served)",
    source: "runbook §4, §5",
    actions: [
      {
        key: "purge-cache",
        label: "Purge the cache for the affected paths",
        done: "Purged the cache for the affected paths",
      },
      {
        key: "bump-cache-bust",
        label: "Bump the cache-bust query if used",
        done: "Bumped the cache-bust query",
      },
    ],
  },
  {
    id: "database",
    symptom: "Database not connected (team store in memory)",
    likelyCause: "Postgres unreachable, DATABASE_URL or PG_SSL_CA missing or wrong",
    source: "runbook §10",
    actions: [
      {
        key: "check-env",
        label: "Check DATABASE_URL and PG_SSL_CA / PG_SSL_CA_B64 on the service",
        done: "Checked DATABASE_URL and PG_SSL_CA",
      },
      {
        key: "check-database",
        label: "Check the database itself is up",
        done: "Checked the database is up",
      },
      {
        key: "roll-back",
        label: "Roll back if it came with a deploy",
        done: "Rolled back the deploy",
      },
    ],
  },
];

const rowMatchers: {
  id: FailureRowId;
  matches: (check: Pick<FailingCheck, "reason" | "httpStatus">, reason: string) => boolean;
}[] = [
  { id: "wasm", matches: (_check, reason) => /wasm|webassembly/.test(reason) },
  {
    id: "401",
    matches: (check, reason) =>
      check.httpStatus === 401 ||
      check.httpStatus === 403 ||
      /\b40[13]\b|unauthori[sz]ed|forbidden|rotated key|clock skew/.test(reason),
  },
  {
    id: "database",
    matches: (_check, reason) => /team store|in[- ]memory|database|postgres/.test(reason),
  },
  {
    id: "timeout",
    matches: (_check, reason) =>
      /timed? ?out|timeout|no complete answer|cold start|keep-alive|deadlock|^slow:|over (its|the) .*(budget|slo)|circuit breaker|error rate/.test(
        reason,
      ),
  },
  {
    id: "cache",
    matches: (check, reason) =>
      /stale|cache|cdn|malformed json|unexpected shape/.test(reason) ||
      (/html page/.test(reason) && (check.httpStatus === null || check.httpStatus < 400)),
  },
  {
    id: "502",
    matches: (check, reason) =>
      (check.httpStatus !== null && check.httpStatus >= 500) ||
      /connection refused|nothing is listening|connection was reset|bad gateway|upstream|\b50[0234]\b|crash|out of memory|\boom\b|tools: 0|no tools|tool count dropped|tool count \d+, down from|regions? critical|reports (unhealthy|critical|down)|ops status critical/.test(
        reason,
      ),
  },
];

/** Which of the runbook's common failures a failing check looks like; empty when none fits. */
export function classifyFailingCheck(
  check: Pick<FailingCheck, "reason" | "httpStatus">,
): FailureRowId[] {
  const reason = check.reason.toLowerCase();
  const ids = new Set(
    rowMatchers.filter((matcher) => matcher.matches(check, reason)).map((matcher) => matcher.id),
  );
  return commonFailures.filter((row) => ids.has(row.id)).map((row) => row.id);
}

// A timeline entry holds at most 5,000 characters; the evidence is the part that can grow.
const maxEvidenceChars = 3_000;
const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export type CauseSuggestion = { row: FailureRow; checks: FailingCheck[]; actions: TickedAction[] };

export function hintStepKey(rowId: FailureRowId, actionKey: string): string {
  return `hint:${rowId}:${actionKey}`;
}

/**
 * "Likely cause → first actions" for the affected services' latest failing checks, in the runbook's row
 * order. Each first action names the services and reasons it answers, so its timeline entry stands alone.
 */
export function suggestCauses(
  checks: readonly FailingCheck[],
  tickedSteps: readonly string[],
): { suggestions: CauseSuggestion[]; unmatched: FailingCheck[] } {
  const byRow = new Map<FailureRowId, FailingCheck[]>();
  const unmatched: FailingCheck[] = [];
  for (const check of checks) {
    const ids = classifyFailingCheck(check);
    if (ids.length === 0) unmatched.push(check);
    for (const id of ids) byRow.set(id, [...(byRow.get(id) ?? []), check]);
  }
  const suggestions = commonFailures.flatMap((row) => {
    const matched = byRow.get(row.id);
    if (!matched) return [];
    const evidence = clip(
      matched.map((check) => `${check.serviceName}: ${check.reason}`).join("; "),
      maxEvidenceChars,
    );
    return [
      {
        row,
        checks: matched,
        actions: row.actions.map((action) => {
          const stepKey = hintStepKey(row.id, action.key);
          return {
            stepKey,
            label: action.label,
            logBody: `${action.done} (${row.symptom}; ${evidence}).`,
            ticked: tickedSteps.includes(stepKey),
          };
        }),
      },
    ];
  });
  return { suggestions, unmatched };
}

/** What the incident page shows in its runbook panel, computed on the server so the rules stay out of the browser. */
export type IncidentRunbook = {
  mitigateFirst: boolean;
  steps: RunbookStep[];
  suggestions: CauseSuggestion[];
  unmatched: FailingCheck[];
};

export function incidentRunbook(
  incident: RunbookIncident,
  tickedSteps: readonly string[],
  failingChecks: readonly FailingCheck[],
): IncidentRunbook {
  return {
    mitigateFirst: shouldMitigateFirst(incident),
    steps: runbookSteps(incident, tickedSteps),
    ...suggestCauses(failingChecks, tickedSteps),
  };
}
