import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { systemActor } from "@/lib/audit/data";
import { db } from "@/lib/db";
import { deployInclude, getDeploy, smokeSummaryOf, toDeployView } from "@/lib/deploys/data";
import type { DeployView, SmokeResult } from "@/lib/deploys/types";
import { AppError } from "@/lib/errors";
import { recordDeployBaselines } from "@/lib/health/baselines";
import { checkServiceNow } from "@/lib/health/check-now";
import type { CheckView } from "@/lib/health/types";
import { appendServiceEntryToOpenIncidents } from "@/lib/incidents/mutations";
import { publishIncidentChange } from "@/lib/live/bus";

const retryAfterMs = 1_500;

const alreadyRunning = (error: unknown) =>
  error instanceof AppError && error.code === "conflict" && /already running/.test(error.message);

/** A poll or a "check now" of the same service may be in flight: its check is as good as ours, so wait for it once. */
async function checkOnce(serviceId: string): Promise<CheckView> {
  try {
    return await checkServiceNow(systemActor, serviceId);
  } catch (error) {
    if (!alreadyRunning(error)) throw error;
    await sleep(retryAfterMs);
    return checkServiceNow(systemActor, serviceId);
  }
}

async function smokeResultFor(serviceId: string): Promise<SmokeResult> {
  try {
    const check = await checkOnce(serviceId);
    // A green deploy is the tool count's known-good baseline (issue 13): a later drop is measured against it.
    if (check.status === "up" && check.figures)
      await recordDeployBaselines(serviceId, check.figures, new Date(check.scheduledAt));
    return {
      status: check.status,
      latencyMs: check.latencyMs,
      reason: check.reason,
      at: new Date().toISOString(),
    };
  } catch (error) {
    if (!(error instanceof AppError))
      console.error("[vigil] post-deploy smoke check failed:", error);
    const reason =
      error instanceof AppError ? error.message : "the check could not run; see the server log";
    return { status: "error", latencyMs: null, reason, at: new Date().toISOString() };
  }
}

/**
 * Runbook section 2, step 3: right after a deploy succeeds, re-check that service's health through the same
 * path as "check now" and keep the result on the deploy (and on the service's open incidents). A failure is
 * recorded as the result, never thrown: the deploy's own status change has already been saved.
 */
export async function runSmokeCheck(deployId: string): Promise<DeployView> {
  const deploy = await getDeploy(deployId);
  const smoke = await smokeResultFor(deploy.service.id);
  const { row, incidentIds } = await db.$transaction(async (tx) => {
    const row = await tx.deploy.update({
      where: { id: deployId },
      data: {
        smokeStatus: smoke.status,
        smokeLatencyMs: smoke.latencyMs,
        smokeReason: smoke.reason,
        smokeAt: new Date(smoke.at),
      },
      include: deployInclude,
    });
    const incidentIds = await appendServiceEntryToOpenIncidents(tx, {
      serviceId: deploy.service.id,
      kind: "deploy",
      body: `Deploy #${deploy.number} of ${deploy.service.name} ${deploy.label}: ${smokeSummaryOf(smoke)}`,
      details: {
        deployId,
        number: deploy.number,
        serviceId: deploy.service.id,
        serviceName: deploy.service.name,
        smoke,
      },
      idempotencyKey: `deploy:${deployId}:smoke`,
      author: { id: null, label: "Vigil post-deploy smoke" },
    });
    return { row, incidentIds };
  });
  await publishIncidentChange(incidentIds, "timeline");
  return toDeployView(row);
}
