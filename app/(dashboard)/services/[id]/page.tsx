import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { checksPageSize } from "@/components/health/health-api";
import { LiveHealthProvider } from "@/components/health/live-health";
import { ServiceDetailView } from "@/components/health/service-detail";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getLatencySeries, getServiceDetail, listChecks } from "@/lib/health/data";
import { profileLabels } from "@/lib/health/schema";

export const metadata: Metadata = { title: "Service" };

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/services/${id}`);
  const detail = await getServiceDetail(id);
  if (!detail) notFound();
  const serverNowIso = new Date().toISOString();
  const [checks, points] = await Promise.all([listChecks(id, { limit: checksPageSize }), getLatencySeries(id, "1h")]);
  return (
    <LiveHealthProvider>
      <ServiceDetailView
        initialDetail={detail}
        initialChecks={checks}
        initialLatency={{ range: "1h", sloMs: detail.service.latencySloMs, points }}
        serverNowIso={serverNowIso}
        canCheck={hasRole(actor.role, "responder")}
        canConfigure={hasRole(actor.role, "lead")}
        canDeclare={hasRole(actor.role, "responder")}
        profileLabels={profileLabels}
      />
    </LiveHealthProvider>
  );
}
