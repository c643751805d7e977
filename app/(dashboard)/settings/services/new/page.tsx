import type { Metadata } from "next";
import { ServiceForm } from "@/components/services/service-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listPolicies } from "@/lib/paging/policies";

export const metadata: Metadata = { title: "Add a service" };

export default async function NewServicePage() {
  await requirePageRole("lead", "/settings/services/new");
  return (
    <>
      <PageHeader
        title="Add a service"
        description="Vigil starts checking it within one interval of saving."
      />
      <ServiceForm policies={await listPolicies()} />
    </>
  );
}
