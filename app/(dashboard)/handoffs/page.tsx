import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Handoffs" };

export default async function HandoffsPage() {
  await requirePageRole("viewer", "/handoffs");
  return (
    <>
      <PageHeader title="Handoffs" description="On-call handoffs between shifts." />
      <EmptyState title="No handoffs yet">
        This page will hold the on-call handoff form (the window, services owned, open incidents, in-flight deploys, known risks and escalation) and past handoffs. It arrives with the handoff work.
      </EmptyState>
    </>
  );
}
