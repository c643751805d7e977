import "server-only";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentNotification } from "@/lib/incidents/types";
import { enqueueNotification, nudgeOutbox } from "@/lib/notifications/outbox";
import { businessDaysUntil, describeDueIn, type BusinessCalendar } from "@/lib/time/business-days";
import type { PostmortemReminderEvent } from "@/lib/postmortems/types";
import { getTeamCalendar } from "@/lib/team/data";

// "The business day before" can be several calendar days before the deadline (a weekend, holidays).
const dueSoonLookaheadMs = 21 * 86_400_000;

const reminderSelect = {
  id: true,
  dueAt: true,
  owner: { select: { name: true, email: true } },
  incident: {
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      status: true,
      services: { select: { service: { select: { name: true } } } },
    },
  },
} satisfies Prisma.PostmortemSelect;

type ReminderRow = Prisma.PostmortemGetPayload<{ select: typeof reminderSelect }>;

function reminderOf(
  row: ReminderRow,
  dueAt: Date,
  event: PostmortemReminderEvent,
  now: Date,
  calendar: BusinessCalendar,
): IncidentNotification {
  const dueIn = describeDueIn(businessDaysUntil(now, dueAt, calendar));
  const owner = row.owner ? ` Owner: ${row.owner.name || row.owner.email}.` : "";
  const message =
    event === "postmortem.due_soon"
      ? `The postmortem for INC-${row.incident.number} is ${dueIn} (end of the business day, ${calendar.timeZone}).${owner}`
      : `The postmortem for INC-${row.incident.number} is ${dueIn}: the runbook asks for it within 5 business days.${owner}`;
  return {
    event,
    // Keyed by the deadline: a deadline moved by a calendar change earns its own reminder.
    eventKey: `postmortem:${row.id}:${event}:${dueAt.toISOString()}`,
    occurredAt: now.toISOString(),
    actor: "Vigil",
    incident: {
      id: row.incident.id,
      number: row.incident.number,
      title: row.incident.title,
      severity: row.incident.severity,
      status: row.incident.status,
      services: row.incident.services.map((link) => link.service.name).sort(),
      url: `${publicUrl()}/incidents/${row.incident.id}`,
    },
    message,
    postmortem: {
      id: row.id,
      url: `${publicUrl()}/postmortems/${row.id}`,
      dueAt: dueAt.toISOString(),
      dueIn,
    },
  };
}

/**
 * Queues the webhook reminders for unpublished postmortems: once on the business day before the due date
 * (or the due day itself when drafted late) and once when the deadline passes. Each is claimed by a
 * conditional update in the transaction that queues it, so several instances never send one twice.
 */
export async function sendPostmortemReminders(
  now = new Date(),
): Promise<{ dueSoon: number; overdue: number }> {
  const calendar = await getTeamCalendar();
  const sent = { dueSoon: 0, overdue: 0 };

  const overdue = await db.postmortem.findMany({
    where: { status: { not: "published" }, dueAt: { lt: now }, overdueNotifiedAt: null },
    select: reminderSelect,
    take: 200,
  });
  for (const row of overdue) {
    if (row.dueAt && (await claimAndQueue(row, row.dueAt, "postmortem.overdue", now, calendar)))
      sent.overdue += 1;
  }

  const upcoming = await db.postmortem.findMany({
    where: {
      status: { not: "published" },
      dueAt: { gte: now, lt: new Date(now.getTime() + dueSoonLookaheadMs) },
      dueSoonNotifiedAt: null,
    },
    select: reminderSelect,
    take: 500,
  });
  for (const row of upcoming) {
    if (!row.dueAt || businessDaysUntil(now, row.dueAt, calendar) > 1) continue;
    if (await claimAndQueue(row, row.dueAt, "postmortem.due_soon", now, calendar))
      sent.dueSoon += 1;
  }
  if (sent.dueSoon + sent.overdue > 0) nudgeOutbox();
  return sent;
}

async function claimAndQueue(
  row: ReminderRow,
  dueAt: Date,
  event: PostmortemReminderEvent,
  now: Date,
  calendar: BusinessCalendar,
): Promise<boolean> {
  const stamp = event === "postmortem.overdue" ? "overdueNotifiedAt" : "dueSoonNotifiedAt";
  return db.$transaction(async (tx) => {
    const { count } = await tx.postmortem.updateMany({
      where: { id: row.id, dueAt, status: { not: "published" }, [stamp]: null },
      data: { [stamp]: now },
    });
    if (count === 0) return false;
    await enqueueNotification(tx, reminderOf(row, dueAt, event, now, calendar));
    return true;
  });
}
