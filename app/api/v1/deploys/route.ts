import { handlerOf, jsonResponse } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { deployOperations } from "@/lib/api/operations/deploys";
import { listDeploys } from "@/lib/deploys/data";
import { recordDeploy } from "@/lib/deploys/mutations";

export const GET = handlerOf(deployOperations.listDeploys, async ({ query }) =>
  jsonResponse(await listDeploys(query)),
);

/** For CI pipelines: send an `Idempotency-Key` so a retried step records its deploy once. */
export const POST = handlerOf(deployOperations.recordDeploy, async ({ actor, body }) => {
  const { deploy, created } = await recordDeploy(actor, body);
  return jsonResponse({ deploy }, { status: createdOrReplayed(created) });
});
