import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";
import { deleteContactMethod, updateContactMethod } from "@/lib/contacts/data";

/** Fields not sent keep their values; `version` is the one read (409 when stale). */
export const PATCH = handlerOf(
  accountOperations.changeContactMethod,
  async ({ actor, params, body }) =>
    jsonResponse({ contactMethod: await updateContactMethod(actor, params.id, body) }),
);

export const DELETE = handlerOf(
  accountOperations.removeContactMethod,
  async ({ actor, params }) => {
    await deleteContactMethod(actor, params.id);
    return jsonResponse({ deleted: true });
  },
);
