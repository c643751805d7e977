import { describe, expect, it } from "vitest";
import {
  pagedSummary,
  parseStep,
  sentenceCase,
  summarizeRecipients,
} from "@/lib/paging/page-notifications";
import type { PageNotificationView } from "@/lib/paging/types";

let nextId = 1;
function sent(
  step: string,
  recipient: string,
  channel: string,
  createdAt: string,
  fields: Partial<PageNotificationView> = {},
): PageNotificationView {
  const parsed = parseStep(step);
  return {
    id: String(nextId++),
    step,
    level: parsed?.level ?? null,
    round: parsed?.round ?? null,
    userId: `user-${recipient}`,
    recipient,
    channel,
    target: "",
    status: "delivered",
    error: null,
    attempts: 1,
    createdAt,
    deliveredAt: createdAt,
    ...fields,
  };
}

describe("page notifications, as people read them", () => {
  it("parses steps", () => {
    expect(parseStep("level:2:1")).toEqual({ level: 2, round: 1 });
    expect(parseStep("recovered")).toBeNull();
    expect(parseStep("level:x:1")).toBeNull();
  });

  it("groups methods per person and step, oldest first, with failures", () => {
    const groups = summarizeRecipients([
      sent("level:2:0", "Grace", "email", "2026-11-20T03:07:00.000Z"),
      sent("level:1:0", "Ada", "ntfy", "2026-11-20T03:02:00.000Z", {
        status: "failed",
        error: "HTTP 500",
      }),
      sent("level:1:0", "Ada", "email", "2026-11-20T03:02:00.000Z"),
    ]);
    expect(
      groups.map((group) => [
        group.recipient,
        group.level,
        group.channels,
        group.failed.length,
        group.delivered,
      ]),
    ).toEqual([
      ["Ada", 1, ["ntfy", "email"], 1, true],
      ["Grace", 2, ["email"], 0, true],
    ]);
  });

  it("says who was paged when, and the latest escalation", () => {
    expect(pagedSummary({ notifications: [] })).toBe("nobody notified yet");
    const first = [
      sent("level:1:0", "Ada", "email", "2026-11-20T03:02:10.000Z"),
      sent("level:1:0", "Ada", "ntfy", "2026-11-20T03:02:11.000Z"),
    ];
    expect(pagedSummary({ notifications: first })).toBe("paged Ada 03:02 UTC");
    const escalated = [
      ...first,
      sent("level:2:0", "Grace", "email", "2026-11-20T03:07:00.000Z"),
      sent("level:2:0", "Linus", "webhook", "2026-11-20T03:07:01.000Z"),
    ];
    expect(pagedSummary({ notifications: escalated })).toBe(
      "paged Ada 03:02 UTC, level 2 at 03:07 UTC (Grace, Linus)",
    );
    const repeated = [
      ...escalated,
      sent("level:1:1", "Ada", "email", "2026-11-20T03:17:00.000Z"),
      sent("recovered", "Ada", "email", "2026-11-20T03:20:00.000Z"),
    ];
    expect(pagedSummary({ notifications: repeated })).toBe("paged Ada 03:02 UTC");
  });

  it("does not call a step with nobody reachable a page", () => {
    const nobody = (step: string, recipient: string, error: string, at: string) =>
      sent(step, recipient, "none", at, {
        status: "failed",
        error,
        deliveredAt: null,
        userId: null,
      });
    expect(
      pagedSummary({
        notifications: [
          nobody("level:1:0", "On call now", "nobody is on call now", "2026-11-20T03:02:00.000Z"),
        ],
      }),
    ).toBe("nobody could be paged: nobody is on call now");
    expect(
      pagedSummary({
        notifications: [
          nobody("level:1:0", "On call now", "nobody is on call now", "2026-11-20T03:02:00.000Z"),
          sent("level:1:0", "Grace", "email", "2026-11-20T03:02:01.000Z"),
        ],
      }),
    ).toBe("paged Grace 03:02 UTC");
  });

  it("starts the engine's reasons as sentences", () => {
    expect(sentenceCase("could not reach Ada: email: HTTP 500")).toBe(
      "Could not reach Ada: email: HTTP 500",
    );
    expect(sentenceCase("")).toBe("");
  });
});
