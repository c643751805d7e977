import type { AlertLevel, AlertRule } from "@/lib/health/types";
import { levelStep } from "@/lib/paging/labels";
import type { EscalationLevel } from "@/lib/paging/types";

const minuteMs = 60_000;

/** Where a page stands in its policy: the level last notified (1-based) and the run through the policy (0 = first). */
export type EscalationPosition = { level: number; round: number };

/** The step after `position`, with the wait before it; null when the policy (with its repeats) is done. */
export function nextPosition(
  levels: EscalationLevel[],
  repeat: number,
  position: EscalationPosition,
): (EscalationPosition & { delayMinutes: number }) | null {
  const next = levels[position.level];
  if (next)
    return { level: position.level + 1, round: position.round, delayMinutes: next.delayMinutes };
  if (position.round < repeat)
    return { level: 1, round: position.round + 1, delayMinutes: restartDelayMinutes(levels) };
  return null;
}

/**
 * A repeat starts over after the last level's own wait (at least a minute), so a one-level policy with no delay
 * does not notify its people again the moment it notified them.
 */
export function restartDelayMinutes(levels: EscalationLevel[]): number {
  return Math.max(levels.at(-1)?.delayMinutes ?? 0, 1);
}

/** When the step after `position` is due, counted from when `position` was notified; null when nothing more comes. */
export function nextEscalationAt(
  levels: EscalationLevel[],
  repeat: number,
  position: EscalationPosition,
  notifiedAt: Date,
): Date | null {
  const next = nextPosition(levels, repeat, position);
  return next ? new Date(notifiedAt.getTime() + next.delayMinutes * minuteMs) : null;
}

/** The step a page's notifications are filed under: warnings have one step, pages one per level and round. */
export function stepOf(page: {
  level: AlertLevel;
  escalationLevel: number;
  round: number;
}): string {
  return page.level === "warning" ? warningStep : levelStep(page.escalationLevel, page.round);
}
export const warningStep = "warning";

export type OpenAlert = {
  id: string;
  serviceId: string;
  level: AlertLevel;
  rule: AlertRule;
  reason: string;
  startedAt: Date;
};
export type OpenPage = {
  id: string;
  kind: "service" | "monitor";
  serviceId: string | null;
  level: AlertLevel;
  state: "triggered" | "acknowledged" | "resolved";
  nextEscalationAt: Date | null;
};

export type PagingPlan = {
  openMonitor: boolean;
  resolveMonitor: string | null;
  /** Services to open a page for, with the alert that opens it (a page-level one first). */
  open: Array<{ serviceId: string; level: AlertLevel; alert: OpenAlert }>;
  /** Warning pages whose service now has a page-level alert. */
  upgrade: Array<{ pageId: string; alert: OpenAlert }>;
  resolve: string[];
  /** Triggered pages whose next level is due. */
  escalate: string[];
};

/** The alert a service's page is about: the earliest page-level one, else the earliest warning. */
export function leadingAlert(alerts: OpenAlert[]): OpenAlert | null {
  const byStart = [...alerts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return byStart.find((alert) => alert.level === "page") ?? byStart[0] ?? null;
}

/**
 * What the pager does this tick, from the open alerts and pages:
 * - one page per service with an open alert (page level if any alert pages, else a warning); a warning page becomes a
 *   page when a page-level alert appears; a page resolves when its service has no open alert;
 * - monitoring itself degraded: one monitor page, and no service page opens meanwhile;
 * - a service in maintenance opens nothing and its open page does not escalate; when the window ends, the next tick
 *   opens what is still alerting;
 * - `monitor` null: the monitor page is not watched (a pager scoped to some services).
 */
export function planPaging(input: {
  now: Date;
  alerts: OpenAlert[];
  pages: OpenPage[];
  inMaintenance: ReadonlySet<string>;
  monitor: { degraded: boolean } | null;
}): PagingPlan {
  const plan: PagingPlan = {
    openMonitor: false,
    resolveMonitor: null,
    open: [],
    upgrade: [],
    resolve: [],
    escalate: [],
  };
  const monitorPage = input.pages.find((page) => page.kind === "monitor");
  if (input.monitor) {
    if (input.monitor.degraded && !monitorPage) plan.openMonitor = true;
    if (!input.monitor.degraded && monitorPage) plan.resolveMonitor = monitorPage.id;
  }
  const suppressed = input.monitor?.degraded === true;

  const alertsByService = new Map<string, OpenAlert[]>();
  for (const alert of input.alerts)
    alertsByService.set(alert.serviceId, [...(alertsByService.get(alert.serviceId) ?? []), alert]);
  const pageByService = new Map(
    input.pages
      .filter((page) => page.kind === "service" && page.serviceId)
      .map((page) => [page.serviceId as string, page]),
  );

  for (const [serviceId, alerts] of alertsByService) {
    if (input.inMaintenance.has(serviceId)) continue;
    const alert = leadingAlert(alerts);
    if (!alert) continue;
    const page = pageByService.get(serviceId);
    if (!page) {
      if (!suppressed) plan.open.push({ serviceId, level: alert.level, alert });
    } else if (page.level === "warning" && alert.level === "page") {
      plan.upgrade.push({ pageId: page.id, alert });
    }
  }
  for (const [serviceId, page] of pageByService) {
    if (!alertsByService.has(serviceId)) plan.resolve.push(page.id);
  }
  const resolving = new Set([...plan.resolve, plan.resolveMonitor]);
  for (const page of input.pages) {
    if (
      page.state !== "triggered" ||
      page.level !== "page" ||
      !page.nextEscalationAt ||
      page.nextEscalationAt > input.now
    )
      continue;
    if (resolving.has(page.id) || (page.serviceId && input.inMaintenance.has(page.serviceId)))
      continue;
    plan.escalate.push(page.id);
  }
  return plan;
}

export type StepNotification = {
  recipient: string;
  channel: string;
  status: "pending" | "delivered" | "failed";
  error: string | null;
  attempts: number;
};

/**
 * Whether a step reached nobody: every notification was tried (or could not be sent at all) and none was delivered.
 * A notification still waiting for its first attempt, or delivered, means not (yet). The reason names each person
 * with what failed: "could not reach Ada: email: …; ntfy: …".
 */
export function unreachableReason(notifications: StepNotification[]): string | null {
  if (notifications.length === 0) return null;
  const tried = (notification: StepNotification) =>
    notification.status === "failed" ||
    (notification.status === "pending" && notification.attempts > 0 && notification.error !== null);
  if (!notifications.every(tried)) return null;
  const byPerson = new Map<string, string[]>();
  for (const notification of notifications) {
    const what =
      notification.channel === "none"
        ? (notification.error ?? "no way to reach them")
        : `${notification.channel}: ${notification.error ?? "not delivered"}`;
    byPerson.set(notification.recipient, [...(byPerson.get(notification.recipient) ?? []), what]);
  }
  const people = [...byPerson];
  const [only] = people;
  if (people.length === 1 && only) return `could not reach ${only[0]}: ${only[1].join("; ")}`;
  return `could not reach ${people.map(([person, failures]) => `${person} (${failures.join("; ")})`).join(", ")}`;
}
