"use server";

import { revalidatePath } from "next/cache";
import { getDeploy, getRollbackGuidance } from "@/lib/deploys/data";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import type {
  CreateDeployInput,
  DeployView,
  DeployWithGuidance,
  UpdateDeployInput,
} from "@/lib/deploys/types";
import { AppError, conflictError } from "@/lib/errors";
import { guardedCall } from "@/lib/server-action";

function revalidateDeployPages(deploy: DeployView): void {
  revalidatePath("/deploys");
  revalidatePath(`/services/${deploy.service.id}`);
}

async function withGuidance(deploy: DeployView): Promise<DeployWithGuidance> {
  return {
    deploy,
    rollback: deploy.status === "failed" ? await getRollbackGuidance(deploy) : null,
  };
}

/** The "Record a deploy" form; `who` left blank means the signed-in user. recordDeploy parses the input with createDeploySchema. */
export const recordDeployAction = guardedCall(
  "responder",
  async (actor, input: CreateDeployInput) => {
    const { deploy, created } = await recordDeploy(actor, input);
    revalidateDeployPages(deploy);
    return { ...(await withGuidance(deploy)), created };
  },
);

/**
 * Moves a deploy along (updateDeploy parses the fields with updateDeploySchema). A refused move comes back with the
 * deploy as it is now in details.current, so the row can show what happened meanwhile without a second request.
 */
export const updateDeployAction = guardedCall(
  "responder",
  async (actor, deployId: string, input: UpdateDeployInput) => {
    try {
      const deploy = await updateDeploy(actor, deployId, input);
      revalidateDeployPages(deploy);
      return await withGuidance(deploy);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "conflict") throw error;
      const current = await withGuidance(await getDeploy(deployId));
      revalidateDeployPages(current.deploy);
      throw conflictError(error.message, error.fields, {
        ...error.details,
        current: current.deploy,
        rollback: current.rollback,
      });
    }
  },
);
