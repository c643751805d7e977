import { describe, expect, it } from "vitest";
import {
  handoffSubmission,
  type HandoffFormValues,
} from "@/components/handoffs/handoff-submission";
import { isoToUtcInput, utcInputToIso } from "@/components/handoffs/utc-input";
import { renderHandoffText } from "@/lib/handoffs/render";
import { createHandoffSchema } from "@/lib/handoffs/schema";
import type { CreateHandoffInput, HandoffSnapshot } from "@/lib/handoffs/types";

const mcp = "11111111-1111-4111-8111-111111111111";
const studio = "22222222-2222-4222-8222-222222222222";
const absorb = "33333333-3333-4333-8333-333333333333";
const outgoing = "44444444-4444-4444-8444-444444444444";
const incoming = "55555555-5555-4555-8555-555555555555";

const snapshot: HandoffSnapshot = {
  services: [
    {
      id: absorb,
      name: "Absorb",
      environment: "production",
      status: "down",
      alertState: "alerting",
      reason: "HTTP 502",
    },
    {
      id: mcp,
      name: "MCP",
      environment: "production",
      status: "up",
      alertState: "ok",
      reason: null,
    },
    {
      id: studio,
      name: "Studio",
      environment: "production",
      status: "degraded",
      alertState: "failing",
      reason: "p95 4.2 s",
    },
  ],
  incidents: [
    {
      id: "i1",
      number: 12,
      title: "Absorb 502s",
      severity: "sev1",
      status: "identified",
      commander: "Ada",
      url: "https://vigil.test/incidents/i1",
    },
  ],
  deploys: [
    {
      id: "d1",
      number: 3,
      service: "MCP",
      label: "v1.2.3",
      status: "started",
      deployedBy: "ci-bot",
      startedAt: "2026-11-28T08:40:00.000Z",
      url: "https://vigil.test/deploys#deploy-3",
      link: null,
    },
  ],
  generatedAt: "2026-11-28T08:55:00.000Z",
};

function values(overrides: Partial<HandoffFormValues> = {}): HandoffFormValues {
  return {
    start: "2026-11-28T09:00",
    end: "2026-11-29T09:00",
    outgoingId: outgoing,
    incomingId: incoming,
    serviceIds: [absorb, mcp, studio],
    manualDeploys: [],
    knownRisks: [],
    escalation: [{ key: 0, name: "Ada Lovelace", contact: "+44 20 7946 0000" }],
    notes: "",
    postToFeed: true,
    ...overrides,
  };
}

/** What the server does with the submitted input: the schema, then the snapshot filtered to the services. */
function renderedOnServer(submitted: CreateHandoffInput): string {
  const input = createHandoffSchema.parse(submitted);
  const owned = new Set(input.serviceIds);
  return renderHandoffText({
    windowStart: input.windowStart.toISOString(),
    windowEnd: input.windowEnd.toISOString(),
    snapshot: {
      ...snapshot,
      services:
        owned.size === 0
          ? snapshot.services
          : snapshot.services.filter((service) => owned.has(service.id)),
    },
    manualDeploys: input.manualDeploys,
    knownRisks: input.knownRisks,
    escalation: input.escalation,
    notes: input.notes,
  });
}

describe("utc inputs", () => {
  it("reads and writes datetime-local values as UTC, whatever the browser's zone", () => {
    expect(isoToUtcInput("2026-11-28T09:00:00.000Z")).toBe("2026-11-28T09:00");
    expect(utcInputToIso("2026-11-28T09:00")).toBe("2026-11-28T09:00:00.000Z");
    expect(utcInputToIso("2026-11-28T23:59:30")).toBe("2026-11-28T23:59:30.000Z");
  });

  it("turns anything that is not a time into an empty value the server refuses", () => {
    expect(utcInputToIso("")).toBe("");
    expect(utcInputToIso("2026-13-40T09:00")).toBe("");
    expect(utcInputToIso("tomorrow")).toBe("");
    expect(isoToUtcInput("not a time")).toBe("");
  });
});

describe("handoffSubmission", () => {
  it("previews exactly the text the server renders from the submitted input", () => {
    const submission = handoffSubmission(
      values({
        serviceIds: [studio, mcp],
        manualDeploys: [{ key: 1, text: "  Studio v2.4.0 canary  " }],
        knownRisks: [
          { key: 2, text: "DB migration tonight" },
          { key: 3, text: "<img src=x onerror=alert(1)>" },
        ],
        notes: "  watch the\nqueue  ",
      }),
      snapshot,
      "key-12345678",
    );
    const preview = renderHandoffText(submission.render);
    expect(preview).toBe(renderedOnServer(submission.input));
    expect(preview.split("\n")).toEqual([
      "Window: 2026-11-28 09:00 UTC – 2026-11-29 09:00 UTC",
      "Services owned: MCP (up) / Studio (degraded: p95 4.2 s)",
      "Open incidents: INC-12 SEV1 Identified “Absorb 502s” (IC Ada) https://vigil.test/incidents/i1",
      "In-flight deploys: MCP v1.2.3 by ci-bot since 08:40 UTC https://vigil.test/deploys#deploy-3; Studio v2.4.0 canary",
      "Known risks: DB migration tonight; <img src=x onerror=alert(1)>",
      "Escalation: Ada Lovelace (+44 20 7946 0000)",
      "Notes: watch the queue",
    ]);
  });

  it("leaves blank rows out of the sent lists, remembering which row each index came from", () => {
    const submission = handoffSubmission(
      values({
        knownRisks: [
          { key: 7, text: "   " },
          { key: 8, text: "Cert renewal due" },
          { key: 9, text: "" },
          { key: 10, text: "Redis at 90% memory" },
        ],
        escalation: [
          { key: 0, name: "", contact: "" },
          { key: 4, name: "Grace Hopper", contact: "" },
        ],
      }),
      snapshot,
      "key-12345678",
    );
    expect(submission.input.knownRisks).toEqual(["Cert renewal due", "Redis at 90% memory"]);
    expect(submission.rowKeys.knownRisks).toEqual([8, 10]);
    // A half-filled contact is sent, so the server's error lands on that row.
    expect(submission.input.escalation).toEqual([{ name: "Grace Hopper", contact: "" }]);
    expect(submission.rowKeys.escalation).toEqual([4]);
    expect(submission.render.knownRisks).toEqual(["Cert renewal due", "Redis at 90% memory"]);
  });

  it("lists every service when none is checked, as the server does", () => {
    const submission = handoffSubmission(values({ serviceIds: [] }), snapshot, "key-12345678");
    expect(submission.render.snapshot.services.map((service) => service.name)).toEqual([
      "Absorb",
      "MCP",
      "Studio",
    ]);
    expect(renderHandoffText(submission.render)).toBe(renderedOnServer(submission.input));
  });

  it("sends the window as UTC ISO times and the idempotency key of the form", () => {
    const submission = handoffSubmission(
      values({ start: "2026-11-28T21:30", end: "2026-11-29T21:30" }),
      snapshot,
      "form-key-abc",
    );
    expect(submission.input.windowStart).toBe("2026-11-28T21:30:00.000Z");
    expect(submission.input.windowEnd).toBe("2026-11-29T21:30:00.000Z");
    expect(submission.input.idempotencyKey).toBe("form-key-abc");
    expect(submission.input.postToFeed).toBe(true);
  });
});
