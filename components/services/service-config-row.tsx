"use client";

import Link from "next/link";
import { EnabledToggle, useEnabledRow } from "@/components/settings/enabled-row";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { buttonClasses } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { RowErrors } from "@/components/ui/row-errors";
import { Td } from "@/components/ui/table";
import { deleteServiceAction, setServiceEnabledAction } from "@/lib/services/actions";
import type { ServiceConfigView } from "@/lib/services/types";

const columnCount = 7;

const conflictMessage =
  "Someone changed this service since you opened the page. Reload it and try again.";

export function ServiceConfigRow({
  service,
  profileLabel,
  highlighted,
}: {
  service: ServiceConfigView;
  profileLabel: string;
  highlighted: boolean;
}) {
  const { toggle, removal, errors } = useEnabledRow({
    setEnabled: () =>
      setServiceEnabledAction(service.id, { version: service.version, enabled: !service.enabled }),
    remove: () => deleteServiceAction(service.id),
    conflictMessage,
  });
  return (
    <>
      <tr
        data-testid="service-config-row"
        data-service-name={service.name}
        className={`${service.enabled ? "" : "text-muted"} ${highlighted ? "bg-accent-soft" : ""}`}
      >
        <Td className="max-w-56 font-medium break-words">
          <Link href={`/services/${service.id}`} className="underline-offset-2 hover:underline">
            {service.name}
          </Link>
        </Td>
        <Td className="whitespace-nowrap">{service.environment}</Td>
        <Td className="max-w-72 text-xs break-all">{service.baseUrl}</Td>
        <Td className="text-xs">{profileLabel}</Td>
        <Td className="text-xs whitespace-nowrap tabular-nums">
          every {service.intervalSeconds} s
          <span className="block text-muted">timeout {service.timeoutSeconds} s</span>
        </Td>
        <Td>
          <EnabledToggle
            enabled={service.enabled}
            name={service.name}
            pending={toggle.isPending}
            onToggle={() => toggle.mutate()}
            testIdPrefix="service"
          />
        </Td>
        <Td>
          <div className="flex items-center gap-1.5">
            <Link
              href={`/settings/services/${service.id}`}
              className={buttonClasses("secondary", "sm")}
              aria-label={`Edit ${service.name}`}
            >
              Edit
            </Link>
            <form method="post" onSubmit={submitsWith(() => removal.mutate())}>
              <ConfirmButton
                label="Delete"
                question={`Delete ${service.name} (${service.environment})? Its check history and state changes are deleted with it.`}
                variant="danger"
                pending={removal.isPending}
                testId="service-delete"
              />
            </form>
          </div>
        </Td>
      </tr>
      <RowErrors errors={errors} colSpan={columnCount} />
    </>
  );
}
