"use server";

import { revalidatePath } from "next/cache";
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
import type {
  CreateHandoffInput,
  EscalationContactInput,
  UpdateHandoffScheduleInput,
  UpdateOnCallRotationInput,
} from "@/lib/handoffs/types";
import { guardedCall } from "@/lib/server-action";

function revalidateHandoffPages(handoffId?: string): void {
  revalidatePath("/handoffs");
  if (handoffId) revalidatePath(`/handoffs/${handoffId}`);
  // The header's "On call" sits in the dashboard layout.
  revalidatePath("/", "layout");
}

/** The handoff form; createHandoff parses the input, and rebuilds the snapshot (services' states, incidents, deploys) itself. */
export const createHandoffAction = guardedCall(
  "responder",
  async (actor, input: CreateHandoffInput) => {
    const result = await createHandoff(actor, input);
    revalidateHandoffPages(result.handoff.id);
    return { id: result.handoff.id, number: result.handoff.number, created: result.created };
  },
);

/** Only the incoming on-call may acknowledge; the mutation refuses anyone else with a 403. */
export const acknowledgeHandoffAction = guardedCall(
  "responder",
  async (actor, handoffId: string) => {
    const handoff = await acknowledgeHandoff(actor, handoffId);
    revalidateHandoffPages(handoffId);
    return { acknowledgedAt: handoff.acknowledgedAt, acknowledgedBy: handoff.acknowledgedBy };
  },
);

/** The form turns its "HH:MM" field (UTC) into hourUtc and minuteUtc; updateHandoffSchedule parses the input. */
export const updateHandoffScheduleAction = guardedCall(
  "admin",
  async (actor, input: UpdateHandoffScheduleInput) => {
    const schedule = await updateHandoffSchedule(actor, input);
    revalidatePath("/settings/on-call");
    revalidatePath("/handoffs");
    return schedule;
  },
);

/** The rotation is a list of user ids in shift order; the start a UTC time. */
export const updateOnCallRotationAction = guardedCall(
  "lead",
  async (actor, input: UpdateOnCallRotationInput) => {
    const rotation = await updateOnCallRotation(actor, input);
    revalidatePath("/", "layout");
    return rotation;
  },
);

function revalidateContacts(): void {
  revalidatePath("/settings/on-call");
  revalidatePath("/handoffs");
}

/** A new contact goes to the end of the list. */
export const createEscalationContactAction = guardedCall(
  "admin",
  async (actor, input: EscalationContactInput) => {
    const contact = await createEscalationContact(actor, input);
    revalidateContacts();
    return contact;
  },
);

export const updateEscalationContactAction = guardedCall(
  "admin",
  async (actor, contactId: string, input: Partial<EscalationContactInput>) => {
    const contact = await updateEscalationContact(actor, contactId, input);
    revalidateContacts();
    return contact;
  },
);

export const deleteEscalationContactAction = guardedCall(
  "admin",
  async (actor, contactId: string) => {
    await deleteEscalationContact(actor, contactId);
    revalidateContacts();
    return { id: contactId };
  },
);

/** Moves a contact one place up or down: the list is renumbered 0..n-1 in its new order. */
export const moveEscalationContactAction = guardedCall(
  "admin",
  async (actor, contactId: string, direction: "up" | "down") => {
    const contacts = await listEscalationContacts();
    const from = contacts.findIndex((contact) => contact.id === contactId);
    if (from === -1) throw notFoundError("The escalation contact");
    const to = direction === "up" ? from - 1 : from + 1;
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
  },
);
