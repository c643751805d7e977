import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole, roleDescriptions, roles } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requirePageRole("viewer", "/");
  const granted = roles.filter((role) => hasRole(actor.role, role));
  return (
    <>
      <PageHeader title="Overview" description="HoloScript's production services at a glance." />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <EmptyState title="No live health yet">
          Live health tiles for every production service arrive with the monitoring work: the service catalogue, the
          poller that checks each service, and the health derived from its results. Until then this page shows nothing
          rather than made-up numbers.
        </EmptyState>
        <Panel title="Your access" description={`Signed in as ${actor.role}.`}>
          <ul data-testid="your-access" className="flex flex-col gap-2">
            {granted.map((role) => (
              <li key={role} className="flex items-start gap-2">
                <Badge className="mt-px w-20 justify-center">{role}</Badge>
                <span>{roleDescriptions[role]}</span>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
    </>
  );
}
