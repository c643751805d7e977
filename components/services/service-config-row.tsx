"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import type { FormEvent } from "react";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { RowErrors } from "@/components/ui/row-errors";
import { Td } from "@/components/ui/table";
import { type ActionResult, errorSummary } from "@/lib/errors";
import { deleteServiceAction, setServiceEnabledAction } from "@/lib/services/actions";
import type { ServiceConfigView } from "@/lib/services/types";

const columnCount = 7;

function errorOf<T>(state: ActionResult<T> | null): string | null {
  if (!state || state.ok) return null;
  if (state.error.code === "conflict" && !state.error.fields)
    return "Someone changed this service since you opened the page. Reload it and try again.";
  return errorSummary(state.error);
}

export function ServiceConfigRow({
  service,
  profileLabel,
  highlighted,
}: {
  service: ServiceConfigView;
  profileLabel: string;
  highlighted: boolean;
}) {
  const toggle = useMutation({
    mutationFn: () =>
      runAction(() =>
        setServiceEnabledAction(service.id, {
          version: service.version,
          enabled: !service.enabled,
        }),
      ),
  });
  const remove = useMutation({
    mutationFn: () => runAction(() => deleteServiceAction(service.id)),
  });
  const errors = [errorOf(mutationResult(toggle)), errorOf(mutationResult(remove))].filter(
    (message) => message !== null,
  );
  const submitWith = (mutation: { mutate: () => void }) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };
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
          <form method="post" onSubmit={submitWith(toggle)} className="flex items-center gap-1.5">
            <Badge tone={service.enabled ? "up" : "neutral"} data-testid="service-enabled">
              {service.enabled ? "enabled" : "disabled"}
            </Badge>
            <Button
              type="submit"
              size="sm"
              disabled={toggle.isPending}
              data-testid="service-toggle"
              aria-label={`${service.enabled ? "Disable" : "Enable"} ${service.name}`}
            >
              {toggle.isPending ? "Saving…" : service.enabled ? "Disable" : "Enable"}
            </Button>
          </form>
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
            <form method="post" onSubmit={submitWith(remove)}>
              <ConfirmButton
                label="Delete"
                question={`Delete ${service.name} (${service.environment})? Its check history and state changes are deleted with it.`}
                variant="danger"
                pending={remove.isPending}
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
