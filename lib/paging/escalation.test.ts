import { describe, expect, it } from "vitest";
import {
  nextEscalationAt,
  nextPosition,
  planPaging,
  stepOf,
  unreachableReason,
  type OpenAlert,
  type OpenPage,
} from "@/lib/paging/escalation";
import { defaultEscalationLevels } from "@/lib/paging/labels";
import type { EscalationLevel } from "@/lib/paging/types";

const levels: EscalationLevel[] = defaultEscalationLevels;
const now = new Date("2030-01-01T03:00:00Z");
const alert = (
  serviceId: string,
  level: "page" | "warning",
  startedAt = now,
  rule: OpenAlert["rule"] = level === "page" ? "down" : "degraded",
): OpenAlert => ({
  id: `${serviceId}-${level}-${rule}`,
  serviceId,
  level,
  rule,
  reason: `${serviceId} ${rule}`,
  startedAt,
});
const page = (id: string, fields: Partial<OpenPage> = {}): OpenPage => ({
  id,
  kind: "service",
  serviceId: id,
  level: "page",
  state: "triggered",
  nextEscalationAt: null,
  ...fields,
});
const plan = (input: Partial<Parameters<typeof planPaging>[0]>) =>
  planPaging({
    now,
    alerts: [],
    pages: [],
    inMaintenance: new Set(),
    monitor: { degraded: false },
    ...input,
  });

describe("escalation steps", () => {
  it("goes level by level after each level's delay, then repeats the policy, then stops", () => {
    expect(nextPosition(levels, 1, { level: 1, round: 0 })).toEqual({
      level: 2,
      round: 0,
      delayMinutes: 5,
    });
    expect(nextPosition(levels, 1, { level: 2, round: 0 })).toEqual({
      level: 3,
      round: 0,
      delayMinutes: 5,
    });
    expect(nextPosition(levels, 1, { level: 3, round: 0 })).toEqual({
      level: 1,
      round: 1,
      delayMinutes: 5,
    });
    expect(nextPosition(levels, 1, { level: 3, round: 1 })).toBeNull();
    expect(nextPosition(levels, 0, { level: 3, round: 0 })).toBeNull();
  });

  it("never repeats a one-level policy with no delay immediately", () => {
    const single: EscalationLevel[] = [{ delayMinutes: 0, targets: [{ kind: "on_call" }] }];
    expect(nextPosition(single, 2, { level: 1, round: 0 })).toEqual({
      level: 1,
      round: 1,
      delayMinutes: 1,
    });
    expect(nextPosition(single, 0, { level: 1, round: 0 })).toBeNull();
  });

  it("dates the next step from when the current one was notified, and nothing once done", () => {
    expect(nextEscalationAt(levels, 0, { level: 1, round: 0 }, now)?.toISOString()).toBe(
      "2030-01-01T03:05:00.000Z",
    );
    expect(nextEscalationAt(levels, 0, { level: 3, round: 0 }, now)).toBeNull();
  });

  it("files warnings under one step and pages under level and round", () => {
    expect(stepOf({ level: "warning", escalationLevel: 1, round: 0 })).toBe("warning");
    expect(stepOf({ level: "page", escalationLevel: 2, round: 1 })).toBe("level:2:1");
  });
});

describe("what a tick does", () => {
  it("opens one page per service: page level if any alert pages, else a warning", () => {
    const result = plan({
      alerts: [
        alert("a", "warning"),
        alert("a", "page", new Date(now.getTime() + 1_000)),
        alert("a", "warning", now, "flapping"),
        alert("b", "warning"),
      ],
    });
    expect(result.open.map((open) => [open.serviceId, open.level, open.alert.rule])).toEqual([
      ["a", "page", "down"],
      ["b", "warning", "degraded"],
    ]);
  });

  it("upgrades a warning page when a page-level alert appears, and never opens a second page", () => {
    const result = plan({
      alerts: [alert("a", "page"), alert("a", "warning")],
      pages: [page("a", { level: "warning" })],
    });
    expect(result.open).toEqual([]);
    expect(result.upgrade.map((upgrade) => upgrade.pageId)).toEqual(["a"]);
    expect(plan({ alerts: [alert("a", "warning")], pages: [page("a")] }).upgrade).toEqual([]);
  });

  it("resolves a page (acknowledged too) whose service has no open alert", () => {
    const result = plan({
      alerts: [alert("b", "page")],
      pages: [page("a", { state: "acknowledged" }), page("b")],
    });
    expect(result.resolve).toEqual(["a"]);
  });

  it("escalates only triggered pages that are due, not warnings, acknowledged ones or ones in maintenance", () => {
    const due = new Date(now.getTime() - 1);
    const later = new Date(now.getTime() + 60_000);
    const result = plan({
      alerts: ["a", "b", "c", "d", "e"].map((id) => alert(id, "page")),
      pages: [
        page("a", { nextEscalationAt: due }),
        page("b", { nextEscalationAt: later }),
        page("c", { nextEscalationAt: due, state: "acknowledged" }),
        page("d", { nextEscalationAt: due, level: "warning" }),
        page("e", { nextEscalationAt: due }),
      ],
      inMaintenance: new Set(["e"]),
    });
    expect(result.escalate).toEqual(["a"]);
  });

  it("opens nothing for a service in maintenance, and opens it once the window is over", () => {
    expect(plan({ alerts: [alert("a", "page")], inMaintenance: new Set(["a"]) }).open).toEqual([]);
    expect(plan({ alerts: [alert("a", "page")], inMaintenance: new Set() }).open).toHaveLength(1);
  });

  it("opens one monitor page while monitoring is degraded, and no service page meanwhile", () => {
    const alerts = Array.from({ length: 200 }, (_, index) => alert(`s${index}`, "page"));
    const degraded = plan({ alerts, monitor: { degraded: true } });
    expect(degraded.openMonitor).toBe(true);
    expect(degraded.open).toEqual([]);
    const stillDegraded = plan({
      alerts,
      monitor: { degraded: true },
      pages: [page("m", { kind: "monitor", serviceId: null })],
    });
    expect(stillDegraded.openMonitor).toBe(false);
    expect(stillDegraded.open).toEqual([]);
    const healthy = plan({
      alerts: alerts.slice(0, 2),
      monitor: { degraded: false },
      pages: [page("m", { kind: "monitor", serviceId: null })],
    });
    expect(healthy.resolveMonitor).toBe("m");
    expect(healthy.open.map((open) => open.serviceId)).toEqual(["s0", "s1"]);
  });

  it("leaves the monitor page alone when it does not watch it", () => {
    expect(
      plan({ monitor: null, pages: [page("m", { kind: "monitor", serviceId: null })] })
        .resolveMonitor,
    ).toBeNull();
  });
});

describe("unreachable", () => {
  const failed = (recipient: string, channel: string, error: string) => ({
    recipient,
    channel,
    status: "failed" as const,
    error,
    attempts: 1,
  });
  it("names each method's failure once every notification was tried and none delivered", () => {
    expect(
      unreachableReason([
        failed("Ada", "email", "SMTP down"),
        { recipient: "Ada", channel: "ntfy", status: "pending", error: "HTTP 500", attempts: 1 },
      ]),
    ).toBe("could not reach Ada: email: SMTP down; ntfy: HTTP 500");
    expect(
      unreachableReason([
        failed("Ada", "none", "Ada has no contact method"),
        failed("Bob", "webhook", "HTTP 404"),
      ]),
    ).toBe("could not reach Ada (Ada has no contact method), Bob (webhook: HTTP 404)");
  });

  it("waits while a notification was not tried yet, and is satisfied by one delivery", () => {
    expect(
      unreachableReason([
        failed("Ada", "email", "x"),
        { recipient: "Ada", channel: "ntfy", status: "pending", error: null, attempts: 1 },
      ]),
    ).toBeNull();
    expect(
      unreachableReason([
        failed("Ada", "email", "x"),
        { recipient: "Ada", channel: "ntfy", status: "delivered", error: null, attempts: 1 },
      ]),
    ).toBeNull();
    expect(unreachableReason([])).toBeNull();
  });
});
