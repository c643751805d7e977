import type { Metadata } from "next";
import Link from "next/link";
import { ServiceConfigTable } from "@/components/services/service-config-table";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listServices } from "@/lib/services/data";

export const metadata: Metadata = { title: "Services settings" };

export default async function ServiceSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("lead", "/settings/services");
  const [services, params] = await Promise.all([listServices(), searchParams]);
  const saved = services.find((service) => service.id === params.saved) ?? null;
  return (
    <>
      <PageHeader
        title="Services"
        description="What Vigil checks, how often, and when it pages. Changes apply from the next check."
        actions={
          <Link
            href="/settings/services/new"
            className={buttonClasses("primary", "sm")}
            data-testid="add-service"
          >
            Add service
          </Link>
        }
      />
      <div className="flex flex-col gap-3">
        {saved ? (
          <Alert tone="success" data-testid="service-saved">
            Saved {saved.name} ({saved.environment}).{" "}
            <Link href={`/services/${saved.id}`} className="underline underline-offset-2">
              See its health
            </Link>
          </Alert>
        ) : null}
        <ServiceConfigTable services={services} savedId={saved?.id ?? null} />
      </div>
    </>
  );
}
