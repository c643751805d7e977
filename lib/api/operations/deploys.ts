import { operation } from "@/lib/api/operation";
import {
  createDeploySchema,
  deployListFilterSchema,
  updateDeploySchema,
} from "@/lib/deploys/schema";

export const deployOperations = {
  listDeploys: operation({
    method: "GET",
    path: "/api/v1/deploys",
    summary:
      "The deploy log, newest first; ?service=<id or name>&status=started|succeeded|failed|rolled_back&inFlight=true&environment=&before=<deploy number>&limit=",
    role: "viewer",
    query: deployListFilterSchema,
    responses: {
      200: "`{ deploys, nextBefore }`",
      422: "A filter is not valid; `error.fields` says which",
    },
  }),
  recordDeploy: operation({
    method: "POST",
    path: "/api/v1/deploys",
    summary:
      "Record a deploy (for CI pipelines): `service` (id or exact name), `version` or `commit`, `status` (default started), `environment`, http(s) `link`, `who`, the runbook's checklist (`ciGreen`, `noSecretsInDiff`, `versionTagRecorded`), `maintenance: true` (with `maintenanceMinutes`, default 15, at most 120) to open a maintenance window over the service until the deploy finishes. Lands on the timeline of every open incident of that service. Recorded as succeeded, it gets a post-deploy smoke check. Send an `Idempotency-Key` so a retried step records once",
    role: "responder",
    bodyParsedByService: true,
    body: createDeploySchema,
    idempotencyKey: true,
    responses: {
      201: "`{ deploy }`, recorded now",
      200: "`{ deploy }` recorded before under the same idempotency key",
    },
  }),
  getDeploy: operation({
    method: "GET",
    path: "/api/v1/deploys/{id}",
    summary:
      "A deploy with its checklist and smoke result, and the runbook's rollback guidance (last green deploy, Railway redeploy or git revert) when it failed",
    role: "viewer",
    responses: {
      200: "`{ deploy, rollback }` (`rollback` is null unless the deploy failed)",
      404: "No such deploy",
    },
  }),
  updateDeploy: operation({
    method: "PATCH",
    path: "/api/v1/deploys/{id}",
    summary:
      "Move a deploy along (started → succeeded | failed | rolled_back; succeeded or failed → rolled_back) or change its link, checklist and notes. On succeeded the post-deploy smoke check runs (unless `skipSmoke`) and its result is in the answer",
    role: "responder",
    body: updateDeploySchema,
    responses: {
      200: "`{ deploy }`",
      404: "No such deploy",
      409: "Not an allowed move, or someone moved it first; `error.details.allowed` lists the allowed statuses, `error.details.current` is the deploy as it is now",
    },
  }),
};
