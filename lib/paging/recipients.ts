import "server-only";
import { hasRole, roles } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db";
import type { ContactMethodKind } from "@/lib/contacts/types";
import { getOnCallNow } from "@/lib/handoffs/data";
import {
  contactEmailDestination,
  contactMethodDestination,
  shownTarget,
} from "@/lib/notifications/destinations/contact";
import type { EscalationTarget } from "@/lib/paging/types";

/** One notification to make for a step: a contact method, an escalation contact's address, or nobody reachable ("none"). */
export type Recipient =
  | {
      via: "method";
      userId: string;
      recipient: string;
      recipientKey: string;
      contactMethodId: string;
      channel: ContactMethodKind;
      target: string;
      destination: string;
    }
  | {
      via: "email";
      userId: null;
      recipient: string;
      recipientKey: string;
      channel: "email";
      target: string;
      destination: string;
    }
  | { via: "none"; userId: string | null; recipient: string; recipientKey: string; error: string };

type Person = {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
  contactMethods: Array<{ id: string; kind: ContactMethodKind; target: string; enabled: boolean }>;
};
const personSelect = {
  id: true,
  name: true,
  email: true,
  disabled: true,
  contactMethods: {
    select: { id: true, kind: true, target: true, enabled: true },
    orderBy: { createdAt: "asc" },
  },
} as const;

const nameOf = (person: { name: string; email: string }) => person.name || person.email;
// Deliberately plain: an escalation contact's text either is an address mail can go to, or a phone number / handle.
const emailAddress = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function none(recipient: string, error: string, userId: string | null = null): Recipient {
  return { via: "none", userId, recipient, recipientKey: `none:${userId ?? recipient}`, error };
}

/** Every enabled contact method of a person, or one "none" saying why they cannot be reached. */
export function personRecipients(person: Person, shownAs: string = nameOf(person)): Recipient[] {
  if (person.disabled) return [none(shownAs, `${shownAs}'s account is disabled`, person.id)];
  const methods = person.contactMethods.filter((method) => method.enabled);
  if (methods.length === 0) return [none(shownAs, `${shownAs} has no contact method`, person.id)];
  return methods.map((method) => ({
    via: "method",
    userId: person.id,
    recipient: shownAs,
    recipientKey: method.id,
    contactMethodId: method.id,
    channel: method.kind,
    target: shownTarget(method.kind, method.target),
    destination: contactMethodDestination(method.id),
  }));
}

/**
 * Who one escalation level reaches now, one entry per contact method (a person reached by two targets counts once):
 * on call now (the same answer as the header), the escalation contacts (through their Vigil user's methods, else
 * an email address directly, else recorded as not reachable automatically), every lead and up, or a named person.
 */
export async function resolveRecipients(
  targets: EscalationTarget[],
  at: Date,
  client: Db = db,
): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (const target of targets) {
    switch (target.kind) {
      case "on_call": {
        const onCall = await getOnCallNow(at);
        if (!onCall.person) {
          found.push(none("On call now", "nobody is on call now"));
          break;
        }
        const person = onCall.person.id
          ? await client.user.findUnique({ where: { id: onCall.person.id }, select: personSelect })
          : null;
        found.push(
          ...(person
            ? personRecipients(person)
            : [
                none(
                  onCall.person.name,
                  `${onCall.person.name} is on call but is not a Vigil user with contact methods`,
                ),
              ]),
        );
        break;
      }
      case "escalation_contacts": {
        const contacts = await client.escalationContact.findMany({
          orderBy: [{ position: "asc" }, { createdAt: "asc" }],
          select: { id: true, name: true, contact: true, user: { select: personSelect } },
        });
        if (contacts.length === 0)
          found.push(none("Escalation contacts", "no escalation contacts are set"));
        for (const contact of contacts) {
          const shownAs = contact.name || contact.contact;
          if (contact.user) found.push(...personRecipients(contact.user, shownAs));
          else if (emailAddress.test(contact.contact.trim())) {
            const address = contact.contact.trim();
            found.push({
              via: "email",
              userId: null,
              recipient: shownAs,
              recipientKey: `email:${address.toLowerCase()}`,
              channel: "email",
              target: address,
              destination: contactEmailDestination(address),
            });
          } else
            found.push({
              ...none(shownAs, `cannot be reached automatically: ${contact.contact}`),
              recipientKey: `none:contact:${contact.id}`,
            });
        }
        break;
      }
      case "leads": {
        const leads = await client.user.findMany({
          where: { role: { in: roles.filter((role) => hasRole(role, "lead")) }, disabled: false },
          orderBy: { createdAt: "asc" },
          select: personSelect,
        });
        if (leads.length === 0) found.push(none("Every lead", "there is no lead"));
        for (const lead of leads) found.push(...personRecipients(lead));
        break;
      }
      case "user": {
        const person = await client.user.findUnique({
          where: { id: target.userId },
          select: personSelect,
        });
        found.push(
          ...(person
            ? personRecipients(person)
            : [none("A person", "the person this policy names no longer exists")]),
        );
        break;
      }
    }
  }
  const seen = new Set<string>();
  return found.filter(
    (recipient) => !seen.has(recipient.recipientKey) && seen.add(recipient.recipientKey),
  );
}
