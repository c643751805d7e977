import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceForm } from "@/components/services/service-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listPolicies } from "@/lib/paging/policies";
import { getService } from "@/lib/services/data";

export const metadata: Metadata = { title: "Edit service" };

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageRole("lead", `/settings/services/${id}`);
  const service = await getService(id);
  if (!service) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${service.name}`}
        description={
          <>
            Version {service.version}.{" "}
            <Link href={`/services/${service.id}`} className="underline underline-offset-2">
              See its health
            </Link>
          </>
        }
      />
      <ServiceForm service={service} policies={await listPolicies()} />
    </>
  );
}
