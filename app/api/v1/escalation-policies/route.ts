import { handlerOf, jsonResponse } from "@/lib/api/http";
import { pagingOperations } from "@/lib/api/operations/paging";
import { createPolicy, listPolicies } from "@/lib/paging/policies";

/** Every policy, the default first (the built-in one, with `id: null`, while none is stored), with the services following each. */
export const GET = handlerOf(pagingOperations.listEscalationPolicies, async () =>
  jsonResponse({ policies: await listPolicies() }),
);

/** `isDefault: true` makes the new policy the default (every other one stops being it). */
export const POST = handlerOf(pagingOperations.createEscalationPolicy, async ({ actor, body }) =>
  jsonResponse({ policy: await createPolicy(actor, body) }, { status: 201 }),
);
