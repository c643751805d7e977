import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { getOnCallNow } from "@/lib/handoffs/data";

/** Who is on call now and why: the same answer as the overview header and the CLI's `oncall`. */
export const GET = handlerOf(handoffOperations.getOnCallNow, async () =>
  jsonResponse(await getOnCallNow()),
);
