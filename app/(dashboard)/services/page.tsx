import type { Metadata } from "next";
import Link from "next/link";
import { LiveHealthProvider, LiveIndicator } from "@/components/health/live-health";
import { ServicesTable } from "@/components/health/services-table";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getStatusSummary } from "@/lib/health/data";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  const actor = await requirePageRole("viewer", "/services");
  const summary = await getStatusSummary();
  const canConfigure = hasRole(actor.role, "lead");
  return (
    <LiveHealthProvider>
      <PageHeader
        title="Services"
        description="Every monitored service with its derived health, SLO and uptime."
        actions={
          <div className="flex items-center gap-3">
            <LiveIndicator />
            {canConfigure ? (
              <Link
                href="/settings/services/new"
                className={buttonClasses("primary", "sm")}
                data-testid="add-service"
              >
                Add service
              </Link>
            ) : null}
          </div>
        }
      />
      <ServicesTable initialSummary={summary} canConfigure={canConfigure} />
    </LiveHealthProvider>
  );
}
