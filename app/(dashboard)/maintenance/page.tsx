import type { Metadata } from "next";
import { MaintenanceForm } from "@/components/maintenance/maintenance-form";
import { MaintenanceTable } from "@/components/maintenance/maintenance-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { listServices } from "@/lib/services/data";
import { listMaintenanceWindows } from "@/lib/maintenance/data";

export const metadata: Metadata = { title: "Maintenance" };

export default async function MaintenancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole("viewer", "/maintenance");
  const { service } = await searchParams;
  const [list, services] = await Promise.all([listMaintenanceWindows(), listServices()]);
  const canWrite = hasRole(actor.role, "responder");
  const options = services.map((entry) => ({
    id: entry.id,
    name: entry.name,
    environment: entry.environment,
  }));
  const defaultServiceId =
    typeof service === "string" && options.some((entry) => entry.id === service) ? service : "";

  return (
    <>
      <PageHeader
        title="Maintenance"
        description="While a window covers a service its checks run, its tile says so, nothing pages or warns, and (per Settings → Team) the time is left out of uptime and the error budget."
      />
      <div className="flex flex-col gap-3">
        <Panel title="In maintenance now">
          {list.active.length > 0 ? (
            <MaintenanceTable windows={list.active} kind="active" canWrite={canWrite} />
          ) : (
            <EmptyState title="No service is in maintenance." />
          )}
        </Panel>
        {canWrite ? (
          <Panel
            title="Start a maintenance window"
            description="Also from the API (POST /api/v1/maintenance), the CLI (maintenance:create) and, for a deploy, the deploy form."
          >
            <MaintenanceForm services={options} defaultServiceId={defaultServiceId} />
          </Panel>
        ) : null}
        <Panel title="Upcoming">
          {list.upcoming.length > 0 ? (
            <MaintenanceTable windows={list.upcoming} kind="upcoming" canWrite={canWrite} />
          ) : (
            <EmptyState title="Nothing planned." />
          )}
        </Panel>
        <Panel title="Ended in the last 7 days">
          {list.recent.length > 0 ? (
            <MaintenanceTable windows={list.recent} kind="recent" canWrite={false} />
          ) : (
            <EmptyState title="None." />
          )}
        </Panel>
      </div>
    </>
  );
}
