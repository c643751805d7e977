import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/lib/api/http";
import { createdOrReplayed, withIdempotencyKey } from "@/lib/api/idempotency";
import { listHandoffs } from "@/lib/handoffs/data";
import { createHandoff } from "@/lib/handoffs/mutations";
import { handoffListFilterSchema } from "@/lib/handoffs/schema";

/** Newest window first; `q` searches the text, names, risks and notes; `before` is the last number of the previous page. */
export const GET = apiRoute("viewer", async ({ request }) => jsonResponse(await listHandoffs(readQuery(request, handoffListFilterSchema))));

/** The snapshot is rebuilt on the server; an `Idempotency-Key` makes a retried call record one handoff. */
export const POST = apiRoute("responder", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  const { handoff, created } = await createHandoff(actor, withIdempotencyKey(request, body));
  return jsonResponse({ handoff }, { status: createdOrReplayed(created) });
});
