import { describe, expect, it } from "vitest";
import {
  classifyFailingCheck,
  communicateStepKey,
  mitigationActions,
  runbookSteps,
  shouldMitigateFirst,
  suggestCauses,
  type RunbookIncident,
} from "@/lib/incidents/runbook";
import type { FailingCheck } from "@/lib/incidents/types";

const declared: RunbookIncident = {
  severity: "sev2",
  status: "investigating",
  declaredAt: "2026-11-28T03:04:05.000Z",
  mitigatedAt: null,
  resolvedAt: null,
  postmortem: null,
};

function check(
  reason: string,
  httpStatus: number | null = null,
  serviceName = "MCP server",
): FailingCheck {
  return {
    serviceId: "00000000-0000-4000-8000-000000000001",
    serviceName,
    status: "down",
    reason,
    httpStatus,
    at: "2026-11-28T03:00:00.000Z",
  };
}

const stepOf = (steps: ReturnType<typeof runbookSteps>, key: string) => {
  const step = steps.find((candidate) => candidate.key === key);
  if (!step) throw new Error(`no step ${key}`);
  return step;
};

describe("runbookSteps", () => {
  it("a new incident is declared and waits on mitigation, with nothing ticked", () => {
    const steps = runbookSteps(declared, []);
    expect(steps.map((step) => [step.key, step.done, step.current])).toEqual([
      ["declare", true, false],
      ["mitigate", false, true],
      ["communicate", false, false],
      ["resolve", false, false],
      ["postmortem", false, false],
    ]);
    expect(stepOf(steps, "declare").doneNote).toBe("Declared 2026-11-28 03:04 UTC");
    expect(stepOf(steps, "mitigate").actions.every((action) => !action.ticked)).toBe(true);
    expect(shouldMitigateFirst(declared)).toBe(true);
  });

  it("ticking a rollback is logged but mitigation is done only when the status says so", () => {
    const ticked = runbookSteps(declared, ["mitigate:railway-redeploy"]);
    const mitigate = stepOf(ticked, "mitigate");
    expect(mitigate.done).toBe(false);
    expect(
      mitigate.actions.find((action) => action.stepKey === "mitigate:railway-redeploy")?.ticked,
    ).toBe(true);
    expect(
      mitigate.actions.find((action) => action.stepKey === "mitigate:git-revert")?.ticked,
    ).toBe(false);

    const mitigated = runbookSteps(
      { ...declared, status: "mitigated", mitigatedAt: "2026-11-28T03:30:00.000Z" },
      [],
    );
    expect(stepOf(mitigated, "mitigate")).toMatchObject({
      done: true,
      doneNote: "Mitigated 2026-11-28 03:30 UTC",
    });
    expect(stepOf(mitigated, "communicate").current).toBe(true);
    expect(shouldMitigateFirst({ status: "mitigated" })).toBe(false);
  });

  it("the rollback procedures of sections 5 and 10 are there, each with its own step key and log line", () => {
    expect(mitigationActions.map((action) => action.stepKey)).toEqual([
      "mitigate:railway-redeploy",
      "mitigate:git-revert",
      "mitigate:container-digest",
      "mitigate:feature-flag",
      "mitigate:purge-cdn",
    ]);
    expect(mitigationActions[1]?.label).toContain("git revert <bad-commit-sha>");
    expect(mitigationActions[0]?.logBody).toBe(
      "Rolled back: redeployed the last green Railway deployment.",
    );
  });

  it("communicate is done by a posted update: its step key or a communication entry", () => {
    expect(stepOf(runbookSteps(declared, [communicateStepKey]), "communicate").done).toBe(true);
    expect(
      stepOf(
        runbookSteps(declared, [], [{ kind: "note" }, { kind: "communication" }]),
        "communicate",
      ).done,
    ).toBe(true);
    expect(
      stepOf(runbookSteps(declared, ["mitigate:feature-flag"], [{ kind: "note" }]), "communicate")
        .done,
    ).toBe(false);
  });

  it("a resolved SEV1 needs its postmortem, which is done with a due date once drafted", () => {
    const resolved: RunbookIncident = {
      ...declared,
      severity: "sev1",
      status: "resolved",
      mitigatedAt: "2026-11-28T03:30:00.000Z",
      resolvedAt: "2026-11-28T04:00:00.000Z",
    };
    const before = runbookSteps(resolved, [communicateStepKey]);
    expect(stepOf(before, "resolve")).toMatchObject({
      done: true,
      doneNote: "Resolved 2026-11-28 04:00 UTC",
    });
    expect(stepOf(before, "postmortem")).toMatchObject({
      done: false,
      current: true,
      title: "Postmortem (required for SEV1)",
    });
    expect(stepOf(before, "postmortem").guidance).toContain("5 business days");

    const drafted = runbookSteps(
      {
        ...resolved,
        postmortem: { id: "p", status: "draft", required: true, dueAt: "2026-12-04T23:59:59.999Z" },
      },
      [communicateStepKey],
    );
    expect(stepOf(drafted, "postmortem")).toMatchObject({
      done: true,
      doneNote: "Draft started, due 2026-12-04 23:59 UTC",
    });
    expect(drafted.some((step) => step.current)).toBe(false);
    expect(stepOf(runbookSteps({ ...resolved, severity: "sev3" }, []), "postmortem").title).toBe(
      "Postmortem (optional)",
    );
  });
});

describe("classifyFailingCheck", () => {
  it.each([
    ["/health: HTTP 502", 502, ["502"]],
    [
      "/health: an HTML page (HTTP 502) where JSON was expected — a proxy or login page answered",
      502,
      ["502"],
    ],
    ["/health: connection refused: nothing is listening", null, ["502"]],
    ["/health: HTTP 500", 500, ["502"]],
    ["no tools are registered (tools: 0)", 200, ["502"]],
    ["tool count dropped sharply from 118 to 3", 200, ["502"]],
    [
      "tool count 12, down from 234 (the last green deploy); stays degraded until it returns or a lead accepts the new figure",
      200,
      ["502"],
    ],
    ["2 regions critical: eu-west (fetch failed), us-east", 200, ["502"]],
    ["/health: no complete answer within 10 s", null, ["timeout"]],
    ["keep-alive ping is failing (timeout): expect ~14 s cold starts after idle", 200, ["timeout"]],
    ["slow: answered in 2.4 s, over the 800 ms SLO", 200, ["timeout"]],
    ["Moltbook agent-count probe: timeout", 200, ["timeout"]],
    ["WASM parser failed to initialise", 200, ["wasm"]],
    ["/health: HTTP 401 — refused; rotated key?", 401, ["401"]],
    ["/health: HTTP 403 — refused; rotated key?", 403, ["401"]],
    ["/health: malformed JSON (HTTP 200)", 200, ["cache"]],
    [
      "/health: an HTML page (HTTP 200) where JSON was expected — a proxy or login page answered",
      200,
      ["cache"],
    ],
    ["stale graph served from the edge cache", 200, ["cache"]],
    ["team store is in memory: team state will be lost on the next deploy", 200, ["database"]],
    ["Studio reports degraded: its database is missing or failing", 200, ["database"]],
  ] as const)("%s (HTTP %s) → %j", (reason, httpStatus, rows) => {
    expect(classifyFailingCheck({ reason, httpStatus })).toEqual(rows);
  });

  it("a reason with two symptoms gets both rows in the runbook's order", () => {
    expect(
      classifyFailingCheck({
        reason: "/health: HTTP 504 after no complete answer within 10 s",
        httpStatus: 504,
      }),
    ).toEqual(["502", "timeout"]);
  });

  it("a failure the runbook does not list matches no row", () => {
    expect(
      classifyFailingCheck({
        reason: "TLS certificate expires in 2 days (2026-11-30)",
        httpStatus: 200,
      }),
    ).toEqual([]);
    expect(
      classifyFailingCheck({ reason: "/health: DNS lookup failed (ENOTFOUND)", httpStatus: null }),
    ).toEqual([]);
  });
});

describe("suggestCauses", () => {
  it("groups checks by row, names service and reason in every first action, and marks ticked ones", () => {
    const checks = [
      check("/health: HTTP 502", 502, "MCP server"),
      check("/health: HTTP 401 — refused; rotated key?", 401, "Absorb"),
      check("TLS failed: self-signed", null, "Studio"),
    ];
    const { suggestions, unmatched } = suggestCauses(checks, ["hint:502:check-logs"]);
    expect(suggestions.map((suggestion) => suggestion.row.id)).toEqual(["502", "401"]);
    const upstream = suggestions[0];
    expect(upstream?.row.likelyCause).toBe("Process crash, OOM, bad deploy");
    expect(upstream?.checks.map((item) => item.serviceName)).toEqual(["MCP server"]);
    expect(upstream?.actions.map((action) => [action.stepKey, action.ticked])).toEqual([
      ["hint:502:check-logs", true],
      ["hint:502:roll-back", false],
      ["hint:502:scale-memory", false],
    ]);
    expect(upstream?.actions[0]?.logBody).toBe(
      "Checked the logs (502 / upstream errors; MCP server: /health: HTTP 502).",
    );
    expect(suggestions[1]?.row.likelyCause).toBe("Rotated key, clock skew");
    expect(suggestions[1]?.actions.map((action) => action.stepKey)).toEqual([
      "hint:401:rotate-keys",
      "hint:401:sync-ntp",
      "hint:401:check-auth-header",
    ]);
    expect(unmatched.map((item) => item.serviceName)).toEqual(["Studio"]);
  });

  it("no failing checks, no suggestions; step keys fit the timeline's step key rule and log lines fit an entry", () => {
    expect(suggestCauses([], [])).toEqual({ suggestions: [], unmatched: [] });
    const many = Array.from({ length: 100 }, (_, index) =>
      check(`/health: HTTP 502 ${"x".repeat(200)}`, 502, `service ${index}`),
    );
    for (const suggestion of suggestCauses(many, []).suggestions) {
      for (const action of suggestion.actions) {
        expect(action.stepKey).toMatch(/^[a-z0-9:_.-]+$/);
        expect(action.logBody.length).toBeLessThanOrEqual(5_000);
      }
    }
  });
});
