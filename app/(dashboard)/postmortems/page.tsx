import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Postmortems" };

export default async function PostmortemsPage() {
  await requirePageRole("viewer", "/postmortems");
  return (
    <>
      <PageHeader title="Postmortems" description="Blameless reviews of resolved incidents." />
      <EmptyState title="No postmortems yet">
        This page will hold blameless postmortems for resolved incidents, with their due dates: a SEV1 postmortem is due within five business days. It arrives with the postmortem work.
      </EmptyState>
    </>
  );
}
