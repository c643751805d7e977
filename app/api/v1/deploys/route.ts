import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/lib/api/http";
import { createdOrReplayed, withIdempotencyKey } from "@/lib/api/idempotency";
import { listDeploys } from "@/lib/deploys/data";
import { recordDeploy } from "@/lib/deploys/mutations";
import { deployListFilterSchema } from "@/lib/deploys/schema";

export const GET = apiRoute("viewer", async ({ request }) => jsonResponse(await listDeploys(readQuery(request, deployListFilterSchema))));

/** For CI pipelines: send an `Idempotency-Key` so a retried step records its deploy once. */
export const POST = apiRoute("responder", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  const { deploy, created } = await recordDeploy(actor, withIdempotencyKey(request, body));
  return jsonResponse({ deploy }, { status: createdOrReplayed(created) });
});
