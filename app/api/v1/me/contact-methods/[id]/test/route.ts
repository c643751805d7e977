import { apiRoute, jsonResponse } from "@/lib/api/http";
import { sendTestNotification } from "@/lib/contacts/send";

/** Sends the test now and answers with the method, its `lastTestStatus` and `lastTestError` filled in. */
export const POST = apiRoute<{ id: string }>("viewer", async ({ actor, params }) =>
  jsonResponse({ contactMethod: await sendTestNotification(actor, params.id) }),
);
