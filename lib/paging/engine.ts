import "server-only";
import { db as sharedDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AlertLevel } from "@/lib/health/types";
import { publishPageChange, subscribeHealthChanges, type PageChange } from "@/lib/live/bus";
import { servicesInMaintenance } from "@/lib/maintenance/data";
import { nudgeOutbox } from "@/lib/notifications/outbox";
import { pageContactEvent } from "@/lib/notifications/labels";
import type { PageContactPayload } from "@/lib/notifications/types";
import {
  contactEmailDestination,
  contactMethodDestination,
} from "@/lib/notifications/destinations/contact";
import {
  nextEscalationAt,
  nextPosition,
  planPaging,
  stepOf,
  unreachableReason,
  warningStep,
  type OpenAlert,
  type OpenPage,
} from "@/lib/paging/escalation";
import {
  monitorPageTitle,
  pageMessage,
  servicePageTitle,
  type PageMessage,
} from "@/lib/paging/messages";
import { loadPolicyFor } from "@/lib/paging/policies";
import type { ResolvedPolicy } from "@/lib/paging/types";
import { resolveRecipients, type Recipient } from "@/lib/paging/recipients";
import { levelStep, recoveredStep } from "@/lib/paging/labels";
import { escalationLevelsSchema } from "@/lib/paging/schema";
import { toPostgresText } from "@/lib/postgres-text";
import { BackgroundLoop } from "@/lib/jobs/background-loop";

export const monitorOpenKey = "monitor";
export const serviceOpenKey = (serviceId: string) => `service:${serviceId}`;
export const pageEventKey = (pageId: string, step: string) => `page:${pageId}:${step}`;

export type PagerOptions = {
  db?: Db;
  log?: (message: string) => void;
  /** How often it looks without being woken (a health change wakes it at once). */
  pollMs?: number;
  /** The clock escalation delays are counted on (tests move it forward). */
  now?: () => Date;
  /** Only these services' pages (tests and benchmarks sharing a database); all services when unset. */
  serviceIds?: string[];
  /** Whether this pager opens and resolves the "monitoring itself is degraded" page (default true). */
  monitor?: boolean;
};

export type TickSummary = {
  opened: number;
  upgraded: number;
  escalated: number;
  unreachable: number;
  resolved: number;
};

type PageRow = {
  id: string;
  number: number;
  kind: "service" | "monitor";
  level: AlertLevel;
  state: "triggered" | "acknowledged" | "resolved";
  serviceId: string | null;
  policyId: string | null;
  title: string;
  reason: string;
  escalationLevel: number;
  round: number;
  nextEscalationAt: Date | null;
  unreachableAt: Date | null;
  service: { name: string } | null;
};
const pageSelect = {
  id: true,
  number: true,
  kind: true,
  level: true,
  state: true,
  serviceId: true,
  policyId: true,
  title: true,
  reason: true,
  escalationLevel: true,
  round: true,
  nextEscalationAt: true,
  unreachableAt: true,
  service: { select: { name: true } },
} as const;

const facts = (
  page: Pick<PageRow, "id" | "number" | "title" | "reason" | "level" | "kind" | "service">,
) => ({
  id: page.id,
  number: page.number,
  title: page.title,
  reason: page.reason,
  level: page.level,
  kind: page.kind,
  serviceName: page.service?.name ?? null,
});

const actionConcurrency = 4;

async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * Turns open alerts into pages and pages into notifications, on every instance at once. Each tick reads the open
 * alerts, pages, maintenance windows and the monitor status, decides (planPaging) and acts, each action one
 * transaction guarded by the database: a page opens once per service episode (`Page.openKey` is unique), a level is
 * notified once (the escalation is a conditional update on the level and round the tick saw; PageNotification is
 * unique per page, step and recipient; the outbox per destination and event). The notifications' outbox rows are
 * written in the same transaction, so a message exists exactly when its step does; delivery is the outbox's.
 */
export class Pager {
  private readonly db: Db;
  private readonly log: (message: string) => void;
  private readonly now: () => Date;
  private readonly scope: string[] | null;
  private readonly watchMonitor: boolean;
  private readonly background: BackgroundLoop;

  constructor(options: PagerOptions = {}) {
    this.db = options.db ?? sharedDb;
    this.log = options.log ?? ((message) => console.log(`[vigil] ${message}`));
    this.now = options.now ?? (() => new Date());
    this.scope = options.serviceIds ?? null;
    this.watchMonitor = options.monitor ?? true;
    this.background = new BackgroundLoop({
      name: "pager",
      resumes: "paging",
      passFailure: "a tick failed",
      pollMs: options.pollMs ?? 2_000,
      log: this.log,
      // The writer publishes after it commits: a new alert is paged at once, not at the next poll.
      subscribe: subscribeHealthChanges,
      pass: async () => {
        await this.tick();
        this.background.databaseAnswered();
      },
    });
  }

  start(): void {
    this.background.start();
  }

  async stop(): Promise<void> {
    await this.background.stop();
  }

  poke(): void {
    this.background.poke();
  }

  /** One pass: mirror delivery results, open, upgrade, escalate and resolve pages, then escalate unreachable ones. */
  async tick(): Promise<TickSummary> {
    const now = this.now();
    const summary: TickSummary = {
      opened: 0,
      upgraded: 0,
      escalated: 0,
      unreachable: 0,
      resolved: 0,
    };
    await this.syncNotifications();
    const scoped = this.scope ? { serviceId: { in: this.scope } } : {};
    const [alertRows, pages, monitor] = await Promise.all([
      this.db.alert.findMany({
        where: { endedAt: null, service: { enabled: true }, ...scoped },
        select: {
          id: true,
          serviceId: true,
          level: true,
          rule: true,
          reason: true,
          startedAt: true,
          service: { select: { name: true } },
        },
      }),
      this.db.page.findMany({
        where: {
          openKey: { not: null },
          ...(this.scope
            ? { OR: [scoped, ...(this.watchMonitor ? [{ kind: "monitor" as const }] : [])] }
            : {}),
        },
        select: pageSelect,
      }),
      this.watchMonitor
        ? this.db.monitorStatus.findUnique({ where: { id: 1 } })
        : Promise.resolve(null),
    ]);
    const serviceNames = new Map(alertRows.map((alert) => [alert.serviceId, alert.service.name]));
    const alerts: OpenAlert[] = alertRows.map(({ service: _name, ...alert }) => alert);
    const watched = [
      ...new Set([
        ...alerts.map((alert) => alert.serviceId),
        ...pages.flatMap((page) => (page.serviceId ? [page.serviceId] : [])),
      ]),
    ];
    const inMaintenance =
      watched.length > 0
        ? new Set((await servicesInMaintenance(now, this.db, watched)).keys())
        : new Set<string>();
    const degraded = monitor ? monitor.degraded || monitor.unstoredSince !== null : false;
    const plan = planPaging({
      now,
      alerts,
      pages: pages as OpenPage[],
      inMaintenance,
      monitor: this.watchMonitor ? { degraded } : null,
    });
    const byId = new Map(pages.map((page) => [page.id, page as PageRow]));

    const changes: Array<Omit<PageChange, "at">> = [];
    // One page's trouble (a row another writer holds, a constraint) must not hold up every other page: the tick goes
    // on and reports the first error at its end.
    let firstError: unknown = null;
    const act = async (
      work: () => Promise<Omit<PageChange, "at"> | null>,
      count: keyof TickSummary,
    ) => {
      try {
        const change = await work();
        if (!change) return;
        // Committed: the outbox may send this step while the tick goes on with the next page.
        nudgeOutbox();
        summary[count] += 1;
        changes.push(change);
      } catch (error) {
        firstError ??= error;
      }
    };
    try {
      if (plan.openMonitor) {
        const reason = monitor?.degraded
          ? (monitor.reason ?? "most services fail at once")
          : `monitoring is degraded: ${monitor?.unstoredCount ?? 0} check results could not be stored (${monitor?.unstoredReason ?? "unknown reason"})`;
        await act(
          () =>
            this.openPage(
              {
                kind: "monitor",
                level: "page",
                serviceId: null,
                alertId: null,
                title: monitorPageTitle,
                reason,
                serviceName: null,
              },
              now,
            ),
          "opened",
        );
      }
      if (plan.resolveMonitor)
        await act(
          () => this.resolvePage(plan.resolveMonitor as string, "monitoring is healthy again", now),
          "resolved",
        );
      // Pages of different services touch different rows: a few at once, so a burst of failures pages quickly.
      await eachLimited(plan.open, actionConcurrency, (open) => {
        const name = serviceNames.get(open.serviceId) ?? "A service";
        return act(
          () =>
            this.openPage(
              {
                kind: "service",
                level: open.level,
                serviceId: open.serviceId,
                alertId: open.alert.id,
                title: servicePageTitle(name, open.alert.rule),
                reason: open.alert.reason,
                serviceName: name,
              },
              now,
            ),
          "opened",
        );
      });
      await eachLimited(plan.upgrade, actionConcurrency, async (upgrade) => {
        const page = byId.get(upgrade.pageId);
        if (page) await act(() => this.upgradePage(page, upgrade.alert, now), "upgraded");
      });
      await eachLimited(plan.resolve, actionConcurrency, async (pageId) => {
        const page = byId.get(pageId);
        if (page)
          await act(
            async () => this.resolvePage(pageId, await this.recoveryReason(page), now),
            "resolved",
          );
      });
      await eachLimited(plan.escalate, actionConcurrency, async (pageId) => {
        const page = byId.get(pageId);
        if (page) await act(() => this.escalate(page, now, null), "escalated");
      });
      const escalatedOrGone = new Set([...plan.escalate, ...plan.resolve, plan.resolveMonitor]);
      const triggered = pages.filter(
        (page) =>
          page.state === "triggered" &&
          !escalatedOrGone.has(page.id) &&
          !plan.upgrade.some((upgrade) => upgrade.pageId === page.id),
      );
      for (const change of await this.judgeReachability(
        triggered as PageRow[],
        inMaintenance,
        now,
      )) {
        summary.unreachable += 1;
        changes.push(change);
      }
      if (firstError) throw firstError;
    } finally {
      if (changes.length > 0) {
        nudgeOutbox();
        for (const change of changes) await publishPageChange(change);
      }
    }
    return summary;
  }

  /** Delivery results onto the page's record: status, attempts, the last error and when it was delivered. */
  async syncNotifications(): Promise<number> {
    return this.db.$executeRaw`
      UPDATE "PageNotification" pn
      SET status = o.status, attempts = o.attempts, error = o."lastError", "deliveredAt" = o."deliveredAt", "updatedAt" = now()
      FROM "OutboxDelivery" o
      WHERE pn."outboxDeliveryId" = o.id AND pn.status = 'pending'
        AND (o.status <> 'pending' OR o.attempts <> pn.attempts OR o."lastError" IS DISTINCT FROM pn.error)`;
  }

  private async policyOf(page: {
    policyId: string | null;
    serviceId: string | null;
  }): Promise<ResolvedPolicy> {
    if (page.policyId) {
      const row = await this.db.escalationPolicy.findUnique({
        where: { id: page.policyId },
        select: { id: true, name: true, levels: true, repeat: true },
      });
      const levels = row ? escalationLevelsSchema.safeParse(row.levels) : null;
      if (row && levels?.success)
        return { id: row.id, name: row.name, levels: levels.data, repeat: row.repeat };
    }
    return loadPolicyFor(page.serviceId, this.db);
  }

  private async recipientsFor(
    policy: ResolvedPolicy,
    level: number,
    now: Date,
  ): Promise<Recipient[]> {
    const targets = policy.levels[level - 1]?.targets ?? [];
    return resolveRecipients(targets, now, this.db);
  }

  private async openPage(
    page: {
      kind: "service" | "monitor";
      level: AlertLevel;
      serviceId: string | null;
      alertId: string | null;
      title: string;
      reason: string;
      serviceName: string | null;
    },
    now: Date,
  ): Promise<Omit<PageChange, "at"> | null> {
    const policy = await loadPolicyFor(page.serviceId, this.db);
    const recipients = await this.recipientsFor(policy, 1, now);
    const isPage = page.level === "page";
    const title = toPostgresText(page.title, 300);
    const reason = toPostgresText(page.reason, 2_000);
    return this.db.$transaction(async (tx) => {
      // The alert may have ended since the tick read it: no page for an episode that is already over.
      if (
        page.alertId &&
        !(await tx.alert.findFirst({
          where: { id: page.alertId, endedAt: null },
          select: { id: true },
        }))
      )
        return null;
      const [created] = await tx.page.createManyAndReturn({
        data: [
          {
            openKey: page.serviceId ? serviceOpenKey(page.serviceId) : monitorOpenKey,
            kind: page.kind,
            level: page.level,
            serviceId: page.serviceId,
            alertId: page.alertId,
            title,
            reason,
            policyId: policy.id,
            escalationLevel: 1,
            round: 0,
            nextEscalationAt: isPage
              ? nextEscalationAt(policy.levels, policy.repeat, { level: 1, round: 0 }, now)
              : null,
            triggeredAt: now,
          },
        ],
        skipDuplicates: true,
        select: { id: true, number: true },
      });
      // Another instance opened it first.
      if (!created) return null;
      const pageFacts = {
        ...created,
        title,
        reason,
        level: page.level,
        kind: page.kind,
        serviceName: page.serviceName,
      };
      const step = isPage ? levelStep(1, 0) : warningStep;
      const userIds = await this.notifyStep(
        tx,
        created,
        step,
        pageMessage(pageFacts, isPage ? "page" : "warning"),
        recipients,
        now,
      );
      return { pageId: created.id, what: "opened" as const, title, userIds };
    });
  }

  /** A page-level alert joined a warning's episode: the same page, now paging level 1 and escalating. */
  private async upgradePage(
    page: PageRow,
    alert: OpenAlert,
    now: Date,
  ): Promise<Omit<PageChange, "at"> | null> {
    const policy = await this.policyOf(page);
    const recipients = await this.recipientsFor(policy, 1, now);
    const name = page.service?.name ?? "A service";
    const title = toPostgresText(servicePageTitle(name, alert.rule), 300);
    const reason = toPostgresText(alert.reason, 2_000);
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.page.updateMany({
        where: { id: page.id, level: "warning", openKey: { not: null } },
        data: {
          level: "page",
          state: "triggered",
          title,
          reason,
          escalationLevel: 1,
          round: 0,
          nextEscalationAt: nextEscalationAt(
            policy.levels,
            policy.repeat,
            { level: 1, round: 0 },
            now,
          ),
          unreachableAt: null,
          unreachableReason: null,
          version: { increment: 1 },
        },
      });
      if (count === 0) return null;
      const upgraded = { ...page, title, reason, level: "page" as const };
      const userIds = await this.notifyStep(
        tx,
        page,
        levelStep(1, 0),
        pageMessage(facts(upgraded), "page"),
        recipients,
        now,
      );
      return { pageId: page.id, what: "escalated" as const, title, userIds };
    });
  }

  /**
   * The next level, when its delay is up (`unreachable` null) or at once because nobody of the current step could be
   * reached. A conditional update on the level and round this tick saw: of two instances, one escalates.
   */
  private async escalate(
    page: PageRow,
    now: Date,
    unreachable: string | null,
  ): Promise<Omit<PageChange, "at"> | null> {
    const policy = await this.policyOf(page);
    const seen = { level: page.escalationLevel, round: page.round };
    const next = nextPosition(policy.levels, policy.repeat, seen);
    const guard = {
      id: page.id,
      state: "triggered" as const,
      level: "page" as const,
      openKey: { not: null },
      escalationLevel: seen.level,
      round: seen.round,
    };
    if (!next) {
      await this.db.page.updateMany({
        where: guard,
        data: {
          nextEscalationAt: null,
          ...(unreachable
            ? { unreachableAt: now, unreachableReason: toPostgresText(unreachable, 2_000) }
            : {}),
          version: { increment: 1 },
        },
      });
      return unreachable
        ? { pageId: page.id, what: "unreachable", title: page.title, userIds: [] }
        : null;
    }
    const recipients = await this.recipientsFor(policy, next.level, now);
    const waited = page.nextEscalationAt
      ? minutes(Math.max(policy.levels[next.level - 1]?.delayMinutes ?? 0, 0) * 60_000)
      : null;
    const why = unreachable
      ? `Escalated to level ${next.level} at once: ${unreachable}.`
      : next.round > seen.round
        ? `Nobody acknowledged: the escalation policy starts over (round ${next.round + 1}).`
        : `Nobody acknowledged within ${waited ?? "the delay"}: escalated to level ${next.level}.`;
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.page.updateMany({
        where: unreachable ? guard : { ...guard, nextEscalationAt: { lte: now } },
        data: {
          escalationLevel: next.level,
          round: next.round,
          nextEscalationAt: nextEscalationAt(policy.levels, policy.repeat, next, now),
          ...(unreachable
            ? { unreachableAt: now, unreachableReason: toPostgresText(unreachable, 2_000) }
            : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) return null;
      const userIds = await this.notifyStep(
        tx,
        page,
        levelStep(next.level, next.round),
        pageMessage(facts(page), "escalated", { escalation: why }),
        recipients,
        now,
      );
      return {
        pageId: page.id,
        what: unreachable ? ("unreachable" as const) : ("escalated" as const),
        title: page.title,
        userIds,
      };
    });
  }

  /**
   * A triggered page whose latest step reached nobody (every notification tried, none delivered) says so and escalates
   * at once (a warning only says so; a page in maintenance waits). The mark stays on the page's record: who could not
   * be reached, even once a later level was.
   */
  private async judgeReachability(
    pages: PageRow[],
    inMaintenance: ReadonlySet<string>,
    now: Date,
  ): Promise<Array<Omit<PageChange, "at">>> {
    if (pages.length === 0) return [];
    const notifications = await this.db.pageNotification.findMany({
      where: { pageId: { in: pages.map((page) => page.id) } },
      select: {
        pageId: true,
        step: true,
        recipient: true,
        channel: true,
        status: true,
        error: true,
        attempts: true,
        createdAt: true,
      },
    });
    const changes: Array<Omit<PageChange, "at">> = [];
    for (const page of pages) {
      const step = stepOf(page);
      const mine = notifications.filter(
        (notification) => notification.pageId === page.id && notification.step === step,
      );
      if (mine.length === 0) continue;
      const stepStarted = Math.min(...mine.map((notification) => notification.createdAt.getTime()));
      // Escalating for an unreachable step stamps the next step's notifications with the same moment: only a later
      // mark is about this step.
      const judged = page.unreachableAt !== null && page.unreachableAt.getTime() > stepStarted;
      if (judged) continue;
      const reason = unreachableReason(mine);
      if (!reason) continue;
      const canEscalate =
        page.level === "page" && !(page.serviceId && inMaintenance.has(page.serviceId));
      if (canEscalate) {
        const change = await this.escalate(page, now, reason);
        if (change) changes.push(change);
        continue;
      }
      const { count } = await this.db.page.updateMany({
        where: {
          id: page.id,
          state: "triggered",
          escalationLevel: page.escalationLevel,
          round: page.round,
          unreachableAt: page.unreachableAt,
        },
        data: {
          unreachableAt: now,
          unreachableReason: toPostgresText(reason, 2_000),
          version: { increment: 1 },
        },
      });
      if (count > 0)
        changes.push({ pageId: page.id, what: "unreachable", title: page.title, userIds: [] });
    }
    return changes;
  }

  private async recoveryReason(page: PageRow): Promise<string> {
    if (!page.serviceId) return "monitoring is healthy again";
    const service = await this.db.service.findUnique({
      where: { id: page.serviceId },
      select: { enabled: true },
    });
    if (service && !service.enabled) return "the service was disabled: it is no longer checked";
    const last = await this.db.alert.findFirst({
      where: { serviceId: page.serviceId, endedAt: { not: null } },
      orderBy: { endedAt: "desc" },
      select: { endReason: true },
    });
    return last?.endReason ?? "every alert ended";
  }

  /** Resolved (acknowledged or not): "recovered" to every contact method notified in any step. */
  private async resolvePage(
    pageId: string,
    reason: string,
    now: Date,
  ): Promise<Omit<PageChange, "at"> | null> {
    return this.db.$transaction(async (tx) => {
      const [resolved] = await tx.page.updateManyAndReturn({
        where: { id: pageId, openKey: { not: null } },
        data: {
          state: "resolved",
          openKey: null,
          resolvedAt: now,
          resolvedReason: toPostgresText(reason, 2_000),
          nextEscalationAt: null,
          version: { increment: 1 },
        },
        select: pageSelect,
      });
      if (!resolved) return null;
      const notified = await tx.pageNotification.findMany({
        where: { pageId, channel: { not: "none" }, step: { not: recoveredStep } },
        orderBy: { id: "asc" },
        select: {
          userId: true,
          recipient: true,
          recipientKey: true,
          contactMethodId: true,
          channel: true,
          target: true,
        },
      });
      const recipients: Recipient[] = notified.flatMap((row): Recipient[] => {
        if (row.contactMethodId && row.userId) {
          return [
            {
              via: "method",
              userId: row.userId,
              recipient: row.recipient,
              recipientKey: row.recipientKey,
              contactMethodId: row.contactMethodId,
              channel: row.channel as Extract<Recipient, { via: "method" }>["channel"],
              target: row.target,
              destination: contactMethodDestination(row.contactMethodId),
            },
          ];
        }
        if (row.channel === "email" && row.recipientKey.startsWith("email:")) {
          return [
            {
              via: "email",
              userId: null,
              recipient: row.recipient,
              recipientKey: row.recipientKey,
              channel: "email",
              target: row.target,
              destination: contactEmailDestination(row.target),
            },
          ];
        }
        return [];
      });
      const unique = recipients.filter(
        (recipient, index) =>
          recipients.findIndex((other) => other.recipientKey === recipient.recipientKey) === index,
      );
      const userIds =
        unique.length > 0
          ? await this.notifyStep(
              tx,
              resolved,
              recoveredStep,
              pageMessage(facts(resolved), "recovered", { recovery: reason }),
              unique,
              now,
            )
          : [];
      return { pageId, what: "resolved" as const, title: resolved.title, userIds };
    });
  }

  /** One step's notifications and their outbox rows, in the caller's transaction; the people notified. */
  private async notifyStep(
    tx: Prisma.TransactionClient,
    page: { id: string; number: number },
    step: string,
    message: PageMessage,
    recipients: Recipient[],
    now: Date,
  ): Promise<string[]> {
    const eventKey = pageEventKey(page.id, step);
    const payload: PageContactPayload = {
      event: pageContactEvent,
      eventKey,
      occurredAt: now.toISOString(),
      page: { id: page.id, number: page.number, step },
      message,
    };
    const sendable = recipients.filter((recipient) => recipient.via !== "none");
    const outbox =
      sendable.length > 0
        ? await tx.outboxDelivery.createManyAndReturn({
            data: sendable.map((recipient) => ({
              webhookId: null,
              destination: recipient.destination,
              eventKey,
              event: pageContactEvent,
              payload: payload as unknown as Prisma.InputJsonValue,
            })),
            skipDuplicates: true,
            select: { id: true, destination: true },
          })
        : [];
    const deliveryOf = new Map(outbox.map((row) => [row.destination, row.id]));
    await tx.pageNotification.createMany({
      data: recipients.map((recipient) =>
        recipient.via === "none"
          ? {
              pageId: page.id,
              step,
              userId: recipient.userId,
              recipient: recipient.recipient,
              recipientKey: recipient.recipientKey,
              channel: "none",
              target: "",
              status: "failed" as const,
              error: recipient.error,
              createdAt: now,
            }
          : {
              pageId: page.id,
              step,
              userId: recipient.userId,
              recipient: recipient.recipient,
              recipientKey: recipient.recipientKey,
              contactMethodId: recipient.via === "method" ? recipient.contactMethodId : null,
              channel: recipient.channel,
              target: recipient.target,
              outboxDeliveryId: deliveryOf.get(recipient.destination) ?? null,
              createdAt: now,
            },
      ),
      skipDuplicates: true,
    });
    // Everyone the step is for, reachable or not: a person with no contact method who has Vigil open still gets the browser alert.
    return [
      ...new Set(recipients.flatMap((recipient) => (recipient.userId ? [recipient.userId] : []))),
    ];
  }
}
