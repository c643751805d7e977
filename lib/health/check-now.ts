import "server-only";
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { conflictError, notFoundError, validationError } from "@/lib/errors";
import { runServiceCheck } from "@/lib/health/check";
import { toCheckView } from "@/lib/health/data";
import { recordOutcomes } from "@/lib/health/record";
import { loadFigureBaselines } from "@/lib/health/baselines";
import type { CheckView } from "@/lib/health/types";
import type { SampleProbe } from "@/lib/services/types";
import { judgeUrlSyntax, loadAllowRules } from "@/lib/outbound/policy";

const running = new Set<string>();

/** "Check now": the same check and the same recording path as the poller, answered at once. */
export async function checkServiceNow(
  _actor: Actor | AuditActor,
  serviceId: string,
): Promise<CheckView> {
  if (!z.string().uuid().safeParse(serviceId).success) throw notFoundError("The service");
  const service = await db.service.findUnique({ where: { id: serviceId } });
  if (!service) throw notFoundError("The service");
  const rules = await loadAllowRules({ fresh: true });
  const verdict = judgeUrlSyntax(service.baseUrl, rules);
  if (!verdict.allowed) throw validationError({ baseUrl: [verdict.reason] }, verdict.reason);
  if (running.has(serviceId)) throw conflictError("A check of this service is already running.");
  running.add(serviceId);
  try {
    const outcome = await runServiceCheck(
      {
        id: service.id,
        baseUrl: service.baseUrl,
        profile: service.profile,
        timeoutSeconds: service.timeoutSeconds,
        latencySloMs: service.latencySloMs,
        sampleProbe: (service.sampleProbe as SampleProbe | null) ?? null,
        checkTlsExpiry: service.checkTlsExpiry,
      },
      {
        scheduledAt: new Date(),
        rules,
        baselines: (await loadFigureBaselines(service.id)).get(service.id) ?? {},
        signal: AbortSignal.timeout(service.timeoutSeconds * 1000 + 1_000),
        manual: true,
      },
    );
    await recordOutcomes([outcome]);
    const stored = await db.checkResult.findUnique({
      where: { serviceId_scheduledAt: { serviceId, scheduledAt: outcome.scheduledAt } },
    });
    if (!stored)
      throw conflictError("The check ran but its result could not be stored; try again.");
    return toCheckView(stored);
  } finally {
    running.delete(serviceId);
  }
}
