import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";
import { sendTestNotification } from "@/lib/contacts/send";

/** Sends the test now and answers with the method, its `lastTestStatus` and `lastTestError` filled in. */
export const POST = handlerOf(accountOperations.testContactMethod, async ({ actor, params }) =>
  jsonResponse({ contactMethod: await sendTestNotification(actor, params.id) }),
);
