import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";
import { createContactMethod, listContactMethods } from "@/lib/contacts/data";

export const GET = handlerOf(accountOperations.listOwnContactMethods, async ({ actor }) =>
  jsonResponse({ contactMethods: await listContactMethods(actor) }),
);

export const POST = handlerOf(accountOperations.addOwnContactMethod, async ({ actor, body }) =>
  jsonResponse({ contactMethod: await createContactMethod(actor, body) }, { status: 201 }),
);
