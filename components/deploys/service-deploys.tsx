import Link from "next/link";
import { DeployList } from "@/components/deploys/deploy-list";
import { Panel } from "@/components/ui/panel";
import type { DeployWithGuidance } from "@/lib/deploys/types";

/** The service page's recent deploys, with the rollback guidance beside a failed one. */
export function ServiceDeploys({
  serviceId,
  deploys,
  canWrite,
}: {
  serviceId: string;
  deploys: DeployWithGuidance[];
  canWrite: boolean;
}) {
  return (
    <Panel
      title="Deploys"
      description="Recent deploys of this service, newest first."
      actions={
        <Link
          href={`/deploys?service=${encodeURIComponent(serviceId)}`}
          data-testid="service-deploys-link"
          className="text-xs text-accent underline underline-offset-2"
        >
          All deploys of this service
        </Link>
      }
    >
      <div data-testid="service-deploys">
        {deploys.length > 0 ? (
          <DeployList
            deploys={deploys}
            canWrite={canWrite}
            showService={false}
            label="Recent deploys, newest first"
          />
        ) : (
          <p className="text-sm text-muted">No deploys of this service are recorded yet.</p>
        )}
      </div>
    </Panel>
  );
}
