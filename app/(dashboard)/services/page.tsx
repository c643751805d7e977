import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  await requirePageRole("viewer", "/services");
  return (
    <>
      <PageHeader title="Services" description="Production services and how they are doing." />
      <EmptyState title="No services yet">
        This page will list every production service with its derived health (up, degraded or down), its SLO and its uptime. It arrives with the monitoring work.
      </EmptyState>
    </>
  );
}
