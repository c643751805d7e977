import type { Metadata } from "next";
import Link from "next/link";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { incidentFilterFromSearchParams } from "@/components/incidents/incident-filters-params";
import { IncidentList } from "@/components/incidents/incident-list";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { listServices } from "@/lib/services/data";
import { listIncidents } from "@/lib/incidents/data";

export const metadata: Metadata = { title: "Incidents" };

const openCountCap = 500;

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole("viewer", "/incidents");
  const { filter, values, ignored } = incidentFilterFromSearchParams(await searchParams);
  const filtered = Object.values(values).some(Boolean);
  const [incidents, open, services] = await Promise.all([
    listIncidents(filter),
    listIncidents({ status: "open", limit: openCountCap }),
    listServices(),
  ]);
  const canDeclare = hasRole(actor.role, "responder");
  const nowIso = new Date().toISOString();
  const openCount = open.length >= openCountCap ? `${openCountCap}+` : String(open.length);

  return (
    <>
      <PageHeader
        title="Incidents"
        description={
          <>
            <span
              data-testid="open-incident-count"
              className={open.length > 0 ? "font-semibold text-down" : ""}
            >
              {openCount} open
            </span>
            {" · "}open incidents first, newest first.
          </>
        }
        actions={
          <div className="flex items-center gap-2">
            <Link href="/incidents/report" className={buttonClasses("secondary")}>
              Report
            </Link>
            {canDeclare ? (
              <Link
                href="/incidents/new"
                data-testid="declare-incident"
                className={buttonClasses("primary")}
              >
                Declare incident
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="flex flex-col gap-3">
        <IncidentFilters
          values={values}
          services={services.map((service) => ({
            id: service.id,
            name: service.name,
            environment: service.environment,
          }))}
        />
        {ignored.length > 0 ? (
          <Alert tone="info">
            Ignored a filter value that was not understood: {ignored.join(", ")}.
          </Alert>
        ) : null}
        {incidents.length > 0 ? (
          <>
            <IncidentList incidents={incidents} nowIso={nowIso} />
            {incidents.length >= filter.limit ? (
              <p className="text-xs text-muted">
                Showing the first {filter.limit}; narrow the filter to see older ones.
              </p>
            ) : null}
          </>
        ) : filtered ? (
          <EmptyState title="No incidents match this filter">
            <Link href="/incidents" className="underline underline-offset-2">
              Show all incidents
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No incidents declared yet">
            {canDeclare
              ? "When something breaks, declare an incident here or from an alerting tile on the overview."
              : "Responders declare incidents here or from an alerting tile on the overview."}
          </EmptyState>
        )}
      </div>
    </>
  );
}
