import Link from "next/link";
import { ServiceConfigRow } from "@/components/health/service-config-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Th } from "@/components/ui/table";
import { profileLabels } from "@/lib/health/labels";
import type { ServiceConfigView } from "@/lib/health/types";

export function ServiceConfigTable({ services, savedId }: { services: ServiceConfigView[]; savedId: string | null }) {
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
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Environment</Th>
          <Th>Base URL</Th>
          <Th>Profile</Th>
          <Th>Schedule</Th>
          <Th>Checks</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {services.map((service) => (
          <ServiceConfigRow key={service.id} service={service} profileLabel={profileLabels[service.profile]} highlighted={service.id === savedId} />
        ))}
      </tbody>
    </Table>
  );
}
