import { handlerOf, jsonResponse } from "@/lib/api/http";
import { deployOperations } from "@/lib/api/operations/deploys";
import { getDeploy, getRollbackGuidance } from "@/lib/deploys/data";
import { updateDeploy } from "@/lib/deploys/mutations";

/** The deploy, with the runbook's rollback guidance when it failed. */
export const GET = handlerOf(deployOperations.getDeploy, async ({ params }) => {
  const deploy = await getDeploy(params.id);
  return jsonResponse({
    deploy,
    rollback: deploy.status === "failed" ? await getRollbackGuidance(deploy) : null,
  });
});

export const PATCH = handlerOf(deployOperations.updateDeploy, async ({ actor, params, body }) =>
  jsonResponse({ deploy: await updateDeploy(actor, params.id, body) }),
);
