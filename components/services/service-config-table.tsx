import Link from "next/link";
import { ServiceConfigRow } from "@/components/services/service-config-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead } from "@/components/ui/table";
import { profileLabels } from "@/lib/health/labels";
import type { ServiceConfigView } from "@/lib/services/types";

export function ServiceConfigTable({
  services,
  savedId,
}: {
  services: ServiceConfigView[];
  savedId: string | null;
}) {
  if (services.length === 0) {
    return (
      <EmptyState title="No services yet">
        <Link href="/settings/services/new" className="underline underline-offset-2">
          Add the first service
        </Link>{" "}
        to start checking it.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="service-config-table" className="min-w-[60rem]">
      <caption className="sr-only">Configured services</caption>
      <TableHead
        columns={["Name", "Environment", "Base URL", "Profile", "Schedule", "Checks"]}
        actions
      />
      <tbody>
        {services.map((service) => (
          <ServiceConfigRow
            key={service.id}
            service={service}
            profileLabel={profileLabels[service.profile]}
            highlighted={service.id === savedId}
          />
        ))}
      </tbody>
    </Table>
  );
}
