import { DeployRow } from "@/components/deploys/deploy-row";
import type { DeployVocabulary } from "@/components/deploys/deploy-vocabulary";
import type { DeployWithGuidance } from "@/lib/deploys/schema";

/** Newest first, as listDeploys and listServiceDeploys order them. */
export function DeployList({
  deploys,
  vocabulary,
  canWrite,
  showService = true,
  label = "Deploys, newest first",
}: {
  deploys: DeployWithGuidance[];
  vocabulary: DeployVocabulary;
  canWrite: boolean;
  showService?: boolean;
  label?: string;
}) {
  return (
    <ol data-testid="deploy-list" aria-label={label} className="flex flex-col gap-2">
      {deploys.map((item) => (
        <DeployRow key={item.deploy.id} initial={item} vocabulary={vocabulary} canWrite={canWrite} showService={showService} />
      ))}
    </ol>
  );
}
