"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDeploy, getRollbackGuidance } from "@/lib/deploys/data";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import type { DeployView, DeployWithGuidance } from "@/lib/deploys/types";
import { AppError, conflictError, notFoundError } from "@/lib/errors";
import { guardedAction } from "@/lib/server-action";


const uuid = z.string().uuid();

function revalidateDeployPages(deploy: DeployView): void {
  revalidatePath("/deploys");
  revalidatePath(`/services/${deploy.service.id}`);
}

async function withGuidance(deploy: DeployView): Promise<DeployWithGuidance> {
  return { deploy, rollback: deploy.status === "failed" ? await getRollbackGuidance(deploy) : null };
}

/** The "Record a deploy" form; `who` left blank means the signed-in user. */
export const recordDeployAction = guardedAction("responder", async (input, actor) => {
  const { deploy, created } = await recordDeploy(actor, input);
  revalidateDeployPages(deploy);
  return { ...(await withGuidance(deploy)), created };
});

/**
 * Moves a deploy along (`deployId`, `status`). A refused move comes back with the deploy as it is now
 * in details.current, so the row can show what happened meanwhile without a second request.
 */
export const updateDeployAction = guardedAction("responder", async (input, actor) => {
  const parsedId = uuid.safeParse(input.deployId);
  if (!parsedId.success) throw notFoundError("The deploy");
  const { deployId: _deployId, ...fields } = input;
  try {
    const deploy = await updateDeploy(actor, parsedId.data, fields);
    revalidateDeployPages(deploy);
    return await withGuidance(deploy);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "conflict") throw error;
    const current = await withGuidance(await getDeploy(parsedId.data));
    revalidateDeployPages(current.deploy);
    throw conflictError(error.message, error.fields, { ...error.details, current: current.deploy, rollback: current.rollback });
  }
});
