import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requirePageRole("viewer", "/incidents");
  return (
    <>
      <PageHeader title="Incidents" description="Open and past incidents." />
      <EmptyState title="No incidents to show yet">
        This page will hold incidents by severity (SEV1, SEV2), each with its timeline and the mitigate, communicate, resolve flow. It arrives with the incident work.
      </EmptyState>
    </>
  );
}
