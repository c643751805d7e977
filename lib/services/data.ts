import "server-only";
import { db } from "@/lib/db";
import type { Service } from "@/lib/generated/prisma/client";
import type { SampleProbe, ServiceConfigView, ServiceLinks } from "@/lib/services/types";
import { z } from "zod";

export function toServiceConfigView(service: Service): ServiceConfigView {
  return {
    id: service.id,
    name: service.name,
    environment: service.environment,
    baseUrl: service.baseUrl,
    profile: service.profile,
    intervalSeconds: service.intervalSeconds,
    timeoutSeconds: service.timeoutSeconds,
    latencySloMs: service.latencySloMs,
    failureThreshold: service.failureThreshold,
    recoveryThreshold: service.recoveryThreshold,
    enabled: service.enabled,
    tags: service.tags,
    links: service.links as ServiceLinks,
    sampleProbe: (service.sampleProbe as SampleProbe | null) ?? null,
    checkTlsExpiry: service.checkTlsExpiry,
    degradedWarnAfterSeconds: service.degradedWarnAfterSeconds,
    flappingStableSeconds: service.flappingStableSeconds,
    latencyWindowSeconds: service.latencyWindowSeconds,
    availabilitySlo: service.availabilitySlo,
    availabilityWindowDays: service.availabilityWindowDays,
    certWarnDays: service.certWarnDays,
    certPageDays: service.certPageDays,
    escalationPolicyId: service.escalationPolicyId,
    version: service.version,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
  };
}

export async function listServices(): Promise<ServiceConfigView[]> {
  const services = await db.service.findMany({
    orderBy: [{ environment: "asc" }, { name: "asc" }],
  });
  return services.map(toServiceConfigView);
}

export async function getService(serviceId: string): Promise<ServiceConfigView | null> {
  if (!z.string().uuid().safeParse(serviceId).success) return null;
  const service = await db.service.findUnique({ where: { id: serviceId } });
  return service ? toServiceConfigView(service) : null;
}
