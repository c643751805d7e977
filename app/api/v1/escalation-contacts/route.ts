import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { listEscalationContacts } from "@/lib/handoffs/data";
import { createEscalationContact } from "@/lib/handoffs/mutations";

export const GET = handlerOf(handoffOperations.listEscalationContacts, async () =>
  jsonResponse({ contacts: await listEscalationContacts() }),
);

/** A new contact goes to the end of the list unless `position` is sent. */
export const POST = handlerOf(handoffOperations.createEscalationContact, async ({ actor, body }) =>
  jsonResponse({ contact: await createEscalationContact(actor, body) }, { status: 201 }),
);
