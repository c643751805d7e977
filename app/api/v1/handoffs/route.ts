import { handlerOf, jsonResponse } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { listHandoffs } from "@/lib/handoffs/data";
import { createHandoff } from "@/lib/handoffs/mutations";

/** Newest window first; `q` searches the text, names, risks and notes; `before` is the last number of the previous page. */
export const GET = handlerOf(handoffOperations.listHandoffs, async ({ query }) =>
  jsonResponse(await listHandoffs(query)),
);

/** The snapshot is rebuilt on the server; an `Idempotency-Key` makes a retried call record one handoff. */
export const POST = handlerOf(handoffOperations.createHandoff, async ({ actor, body }) => {
  const { handoff, created } = await createHandoff(actor, body);
  return jsonResponse({ handoff }, { status: createdOrReplayed(created) });
});
