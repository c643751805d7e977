import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { DeployFilters, type DeployServiceOption } from "@/components/deploys/deploy-filters";
import {
  deployFilterFromSearchParams,
  deploysHref,
} from "@/components/deploys/deploy-filters-params";
import { DeployList } from "@/components/deploys/deploy-list";
import { RecordDeployForm } from "@/components/deploys/record-deploy-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getRollbackGuidance, listDeploys } from "@/lib/deploys/data";
import { listServices } from "@/lib/services/data";

export const metadata: Metadata = { title: "Deploys" };

export default async function DeploysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole("viewer", "/deploys");
  const { filter, values, ignored } = deployFilterFromSearchParams(await searchParams);
  const [{ deploys, nextBefore }, services] = await Promise.all([
    listDeploys(filter),
    listServices(),
  ]);
  // Guidance only beside failed deploys: one lookup of the last green release each.
  const rows = await Promise.all(
    deploys.map(async (deploy) => ({
      deploy,
      rollback: deploy.status === "failed" ? await getRollbackGuidance(deploy) : null,
    })),
  );
  const canWrite = hasRole(actor.role, "responder");
  const serviceOptions: DeployServiceOption[] = services.map((service) => ({
    id: service.id,
    name: service.name,
    environment: service.environment,
  }));
  const filtered = Boolean(values.service || values.status || values.inFlight);

  return (
    <>
      <PageHeader
        title="Deploys"
        description="Every release CI or a responder recorded, newest first. A deploy is the runbook's first suspect for a 502."
      />
      <div className="flex flex-col gap-3">
        {canWrite ? (
          <Panel
            title="Record a deploy"
            description="CI pipelines POST /api/v1/deploys; record a manual one here. Its post-deploy smoke check runs when you mark it succeeded."
          >
            <RecordDeployForm
              // A fresh key per page render: a double submit or a retried request records one deploy, not two.
              idempotencyKey={randomUUID()}
              services={serviceOptions}
              defaultServiceId={
                serviceOptions.some((service) => service.id === values.service)
                  ? values.service
                  : ""
              }
              defaultWho={actor.name || actor.email}
            />
          </Panel>
        ) : null}
        <DeployFilters values={values} services={serviceOptions} />
        {ignored.length > 0 ? (
          <Alert tone="info">
            Ignored a filter value that was not understood: {ignored.join(", ")}.
          </Alert>
        ) : null}
        {rows.length > 0 ? (
          <>
            <DeployList deploys={rows} canWrite={canWrite} />
            {nextBefore !== null ? (
              <Link
                href={deploysHref({ ...values, before: String(nextBefore) })}
                data-testid="deploys-older"
                className={`${buttonClasses("secondary")} self-start`}
              >
                Older deploys
              </Link>
            ) : null}
          </>
        ) : filtered || values.before ? (
          <EmptyState title="No deploys match this filter">
            <Link href="/deploys" className="underline underline-offset-2">
              Show all deploys
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No deploys recorded yet">
            {canWrite
              ? "Record one above, or have CI POST /api/v1/deploys when it starts a release."
              : "CI pipelines and responders record deploys here."}
          </EmptyState>
        )}
      </div>
    </>
  );
}
