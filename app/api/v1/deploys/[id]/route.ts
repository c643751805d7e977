import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { getDeploy, getRollbackGuidance } from "@/lib/deploys/data";
import { updateDeploy } from "@/lib/deploys/mutations";

/** The deploy, with the runbook's rollback guidance when it failed. */
export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => {
  const deploy = await getDeploy(params.id);
  return jsonResponse({ deploy, rollback: deploy.status === "failed" ? await getRollbackGuidance(deploy) : null });
});

export const PATCH = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ deploy: await updateDeploy(actor, params.id, body) });
});
