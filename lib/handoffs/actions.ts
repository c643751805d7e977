"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import { listEscalationContacts } from "@/lib/handoffs/data";
import {
  acknowledgeHandoff,
  createEscalationContact,
  createHandoff,
  deleteEscalationContact,
  updateEscalationContact,
  updateHandoffSchedule,
  updateOnCallRotation,
} from "@/lib/handoffs/mutations";
import type { CreateHandoffInput } from "@/lib/handoffs/types";
import { guardedAction, guardedCall } from "@/lib/server-action";

const uuid = z.string().uuid();

function idFrom(input: Record<string, unknown>, field: string, what: string): string {
  const parsed = uuid.safeParse(input[field]);
  if (!parsed.success) throw notFoundError(what);
  return parsed.data;
}

/** `prefix.<index>` fields in index order (the on-call rotation form numbers its rows). */
function indexedList(input: Record<string, unknown>, prefix: string): unknown[] {
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})$`);
  return Object.entries(input)
    .flatMap(([key, value]) => {
      const match = pattern.exec(key);
      return match ? [[Number(match[1]), value] as const] : [];
    })
    .sort(([a], [b]) => a - b)
    .map(([, value]) => value);
}

function revalidateHandoffPages(handoffId?: string): void {
  revalidatePath("/handoffs");
  if (handoffId) revalidatePath(`/handoffs/${handoffId}`);
  // The header's "On call" sits in the dashboard layout.
  revalidatePath("/", "layout");
}

/** The handoff form; createHandoff parses the input, and rebuilds the snapshot (services' states, incidents, deploys) itself. */
export const createHandoffAction = guardedCall("responder", async (actor, input: CreateHandoffInput) => {
  const result = await createHandoff(actor, input);
  revalidateHandoffPages(result.handoff.id);
  return { id: result.handoff.id, number: result.handoff.number, created: result.created };
});

/** Only the incoming on-call may acknowledge; the mutation refuses anyone else with a 403. */
export const acknowledgeHandoffAction = guardedCall("responder", async (actor, handoffId: string) => {
  const handoff = await acknowledgeHandoff(actor, handoffId);
  revalidateHandoffPages(handoffId);
  return { acknowledgedAt: handoff.acknowledgedAt, acknowledgedBy: handoff.acknowledgedBy };
});

/** The time arrives as one "HH:MM" field (UTC). */
export const updateHandoffScheduleAction = guardedAction("admin", async (input, actor) => {
  const [hour, minute] = String(input.time ?? "").split(":");
  const schedule = await updateHandoffSchedule(actor, {
    cadence: input.cadence,
    hourUtc: hour === undefined || hour === "" ? undefined : hour,
    minuteUtc: minute === undefined || minute === "" ? undefined : minute,
    weekday: input.weekday,
    version: input.version,
  });
  revalidatePath("/settings/on-call");
  revalidatePath("/handoffs");
  return schedule;
});

/** The rotation arrives as `rotation.<index>` user ids; the start as a "YYYY-MM-DDTHH:MM" field read as UTC. */
export const updateOnCallRotationAction = guardedAction("lead", async (input, actor) => {
  const start = typeof input.rotationStartsAt === "string" ? input.rotationStartsAt.trim() : "";
  const rotation = await updateOnCallRotation(actor, {
    rotation: indexedList(input, "rotation"),
    rotationStartsAt: start === "" ? undefined : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(start) ? `${start}:00Z` : start,
    version: input.version,
  });
  revalidatePath("/", "layout");
  return rotation;
});

function contactFields(input: Record<string, unknown>): Record<string, unknown> {
  return { name: input.name, contact: input.contact, role: input.role ?? "", userId: input.userId ?? "" };
}

function revalidateContacts(): void {
  revalidatePath("/settings/on-call");
  revalidatePath("/handoffs");
}

/** A new contact goes to the end of the list. */
export const createEscalationContactAction = guardedAction("admin", async (input, actor) => {
  const contact = await createEscalationContact(actor, contactFields(input));
  revalidateContacts();
  return contact;
});

export const updateEscalationContactAction = guardedAction("admin", async (input, actor) => {
  const contactId = idFrom(input, "contactId", "The escalation contact");
  const contact = await updateEscalationContact(actor, contactId, contactFields(input));
  revalidateContacts();
  return contact;
});

export const deleteEscalationContactAction = guardedAction("admin", async (input, actor) => {
  const contactId = idFrom(input, "contactId", "The escalation contact");
  await deleteEscalationContact(actor, contactId);
  revalidateContacts();
  return { id: contactId };
});

/** Moves a contact one place up or down: the list is renumbered 0..n-1 in its new order. */
export const moveEscalationContactAction = guardedAction("admin", async (input, actor) => {
  const contactId = idFrom(input, "contactId", "The escalation contact");
  const contacts = await listEscalationContacts();
  const from = contacts.findIndex((contact) => contact.id === contactId);
  if (from === -1) throw notFoundError("The escalation contact");
  const to = input.direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= contacts.length) return { moved: false };
  const order = [...contacts];
  const [moving] = order.splice(from, 1);
  if (!moving) return { moved: false };
  order.splice(to, 0, moving);
  for (const [position, contact] of order.entries()) {
    if (contact.position !== position) {
      await updateEscalationContact(actor, contact.id, { position });
    }
  }
  revalidateContacts();
  return { moved: true };
});
