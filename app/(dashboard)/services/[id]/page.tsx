import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServiceDeploys } from "@/components/deploys/service-deploys";
import { checksPageSize } from "@/components/health/health-api";
import { LiveHealthProvider } from "@/components/health/live-health";
import { ServiceDetailView } from "@/components/health/service-detail";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getRollbackGuidance, listServiceDeploys } from "@/lib/deploys/data";
import { getLatencySeries, getServiceDetail, listChecks } from "@/lib/health/data";

export const metadata: Metadata = { title: "Service" };

const recentDeploys = 10;

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/services/${id}`);
  const detail = await getServiceDetail(id);
  if (!detail) notFound();
  const serverNowIso = new Date().toISOString();
  const [checks, points, deploys] = await Promise.all([
    listChecks(id, { limit: checksPageSize }),
    getLatencySeries(id, "1h"),
    listServiceDeploys(id, recentDeploys),
  ]);
  const deployRows = await Promise.all(
    deploys.map(async (deploy) => ({
      deploy,
      rollback: deploy.status === "failed" ? await getRollbackGuidance(deploy) : null,
    })),
  );
  const canWrite = hasRole(actor.role, "responder");
  return (
    <LiveHealthProvider>
      <ServiceDetailView
        initialDetail={detail}
        initialChecks={checks}
        initialLatency={{ range: "1h", sloMs: detail.service.latencySloMs, points }}
        serverNowIso={serverNowIso}
        canCheck={canWrite}
        canConfigure={hasRole(actor.role, "lead")}
        canDeclare={canWrite}
        canAcceptBaseline={hasRole(actor.role, "lead")}
        deploys={<ServiceDeploys serviceId={id} deploys={deployRows} canWrite={canWrite} />}
      />
    </LiveHealthProvider>
  );
}
