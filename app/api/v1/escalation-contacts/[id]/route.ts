import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { deleteEscalationContact, updateEscalationContact } from "@/lib/handoffs/mutations";

/** Fields not sent keep their values. */
export const PATCH = handlerOf(
  handoffOperations.updateEscalationContact,
  async ({ actor, params, body }) =>
    jsonResponse({ contact: await updateEscalationContact(actor, params.id, body) }),
);

export const DELETE = handlerOf(
  handoffOperations.deleteEscalationContact,
  async ({ actor, params }) => {
    await deleteEscalationContact(actor, params.id);
    return jsonResponse({ deleted: true });
  },
);
