import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";
import { createContactMethod, listContactMethods } from "@/lib/contacts/data";

/** Someone else's contact methods, for admins (a person reads their own at /api/v1/me/contact-methods). */
export const GET = handlerOf(accountOperations.listUserContactMethods, async ({ actor, params }) =>
  jsonResponse({ contactMethods: await listContactMethods(actor, params.id) }),
);

export const POST = handlerOf(
  accountOperations.addUserContactMethod,
  async ({ actor, params, body }) =>
    jsonResponse(
      { contactMethod: await createContactMethod(actor, body, params.id) },
      { status: 201 },
    ),
);
