import Link from "next/link";
import { EndMaintenanceButton } from "@/components/maintenance/end-maintenance-button";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { MaintenanceWindowView } from "@/lib/maintenance/types";

type Kind = "active" | "upcoming" | "recent";

function When({ window, kind }: { window: MaintenanceWindowView; kind: Kind }) {
  if (kind === "active" && window.current) {
    return (
      <>
        until <Time iso={window.current.end} />
      </>
    );
  }
  if (kind === "upcoming" && window.next) {
    return (
      <>
        <Time iso={window.next.start} /> to <Time iso={window.next.end} />
      </>
    );
  }
  const ended = window.endedAt ?? window.cancelledAt;
  return ended ? (
    <>
      ended <Time iso={ended} />
      {window.endedBy ? ` by ${window.endedBy}` : ""}
    </>
  ) : (
    <>
      <Time iso={window.startsAt} /> to <Time iso={window.endsAt} />
    </>
  );
}

/** One list of windows (active, upcoming or recent): services, when, reason, who; and the one-click actions. */
export function MaintenanceTable({
  windows,
  kind,
  canWrite,
}: {
  windows: MaintenanceWindowView[];
  kind: Kind;
  canWrite: boolean;
}) {
  return (
    <Table data-testid={`maintenance-${kind}`}>
      <thead>
        <tr>
          <Th>#</Th>
          <Th>Services</Th>
          <Th>When</Th>
          <Th>Reason</Th>
          <Th>Made by</Th>
          {canWrite && kind !== "recent" ? <Th className="sr-only">Actions</Th> : null}
        </tr>
      </thead>
      <tbody>
        {windows.map((window) => (
          <tr key={window.id} data-testid="maintenance-row" data-window-id={window.id}>
            <Td className="text-muted tabular-nums">#{window.number}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {window.services.map((service) => (
                  <Link
                    key={service.id}
                    href={`/services/${service.id}`}
                    className="hover:underline"
                  >
                    {service.name}
                  </Link>
                ))}
              </div>
            </Td>
            <Td>
              <When window={window} kind={kind} />
              {window.recurrence === "weekly" ? (
                <Badge tone="accent" className="ml-1.5">
                  weekly
                </Badge>
              ) : null}
            </Td>
            <Td className="max-w-md break-words">
              {window.reason}
              {window.deploy ? (
                <Link href={`/deploys`} className="ml-1.5 text-xs text-muted hover:underline">
                  deploy #{window.deploy.number}
                </Link>
              ) : null}
            </Td>
            <Td className="text-muted">{window.createdBy}</Td>
            {canWrite && kind !== "recent" ? (
              <Td>
                <div className="flex flex-wrap gap-2">
                  {kind === "active" || window.recurrence === "none" ? (
                    <EndMaintenanceButton windowId={window.id} version={window.version} />
                  ) : null}
                  {window.recurrence === "weekly" ? (
                    <EndMaintenanceButton
                      windowId={window.id}
                      version={window.version}
                      kind="cancel"
                    />
                  ) : null}
                </div>
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
