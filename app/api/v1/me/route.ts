import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";

export const GET = handlerOf(accountOperations.getCaller, async ({ actor }) =>
  jsonResponse({ user: actor }),
);
