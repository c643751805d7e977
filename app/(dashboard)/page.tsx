import type { Metadata } from "next";
import { LiveHealthProvider, LiveIndicator } from "@/components/health/live-health";
import { OverviewBoard } from "@/components/health/overview-board";
import { OpenIncidentsBanner } from "@/components/incidents/open-incidents-banner";
import { PageBanner } from "@/components/paging/page-banner";
import { OverduePostmortemsBanner } from "@/components/postmortems/overdue-postmortems-banner";
import { statusFilterFromSearchParams } from "@/components/health/status-filter";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getStatusSummary } from "@/lib/health/data";
import { listIncidents } from "@/lib/incidents/data";
import { listUnacknowledgedPages } from "@/lib/paging/data";
import { listOverduePostmortems } from "@/lib/postmortems/data";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole("viewer", "/");
  const filter = statusFilterFromSearchParams(await searchParams);
  const [unacknowledgedPages, summary, openIncidents, overduePostmortems] = await Promise.all([
    listUnacknowledgedPages(),
    getStatusSummary(filter),
    listIncidents({ status: "open", limit: 10 }),
    listOverduePostmortems(),
  ]);
  return (
    <LiveHealthProvider>
      <PageBanner initialPages={unacknowledgedPages} canAct={hasRole(actor.role, "responder")} />
      <PageHeader
        title="Overview"
        description="HoloScript's production services, worst first."
        actions={<LiveIndicator />}
      />
      <OpenIncidentsBanner incidents={openIncidents} />
      <OverduePostmortemsBanner postmortems={overduePostmortems} />
      <OverviewBoard
        initialSummary={summary}
        filter={filter}
        canConfigure={hasRole(actor.role, "lead")}
        canDeclare={hasRole(actor.role, "responder")}
      />
    </LiveHealthProvider>
  );
}
