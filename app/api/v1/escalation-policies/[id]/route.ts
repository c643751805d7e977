import { handlerOf, jsonResponse } from "@/lib/api/http";
import { pagingOperations } from "@/lib/api/operations/paging";
import { deletePolicy, getPolicy, updatePolicy } from "@/lib/paging/policies";

export const GET = handlerOf(pagingOperations.getEscalationPolicy, async ({ params }) =>
  jsonResponse({ policy: await getPolicy(params.id) }),
);

/** The whole policy with the version read (409 with the current one when stale); `isDefault: true` makes it the default. */
export const PUT = handlerOf(
  pagingOperations.updateEscalationPolicy,
  async ({ actor, params, body }) =>
    jsonResponse({ policy: await updatePolicy(actor, params.id, body) }),
);

/** The default policy cannot be deleted (409); services that named this one follow the default again. */
export const DELETE = handlerOf(
  pagingOperations.deleteEscalationPolicy,
  async ({ actor, params }) => {
    await deletePolicy(actor, params.id);
    return jsonResponse({ deleted: true });
  },
);
