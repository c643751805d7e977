import { DeployRow } from "@/components/deploys/deploy-row";
import type { DeployWithGuidance } from "@/lib/deploys/types";

/** Newest first, as listDeploys and listServiceDeploys order them. */
export function DeployList({
  deploys,
  canWrite,
  showService = true,
  label = "Deploys, newest first",
}: {
  deploys: DeployWithGuidance[];
  canWrite: boolean;
  showService?: boolean;
  label?: string;
}) {
  return (
    <ol data-testid="deploy-list" aria-label={label} className="flex flex-col gap-2">
      {deploys.map((item) => (
        <DeployRow
          key={item.deploy.id}
          initial={item}
          canWrite={canWrite}
          showService={showService}
        />
      ))}
    </ol>
  );
}
