import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/incident-badges";
import { formatDuration } from "@/components/incidents/incident-tones";
import { InertText } from "@/components/incidents/inert-text";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { IncidentListItem } from "@/lib/incidents/types";

function elapsedMs(fromIso: string, toIso: string | null): number | null {
  if (!toIso) return null;
  return Date.parse(toIso) - Date.parse(fromIso);
}

function Duration({ incident, nowIso }: { incident: IncidentListItem; nowIso: string }) {
  if (incident.resolvedAt)
    return (
      <span title="Time to resolve">
        {formatDuration(elapsedMs(incident.declaredAt, incident.resolvedAt))}
      </span>
    );
  return (
    <span title="Running since declared">
      <span className="font-medium text-down">
        {formatDuration(elapsedMs(incident.declaredAt, nowIso))}
      </span>
      <span className="block text-muted">running</span>
    </span>
  );
}

/** Open incidents first, then resolved ones, as listIncidents orders them. */
export function IncidentList({
  incidents,
  nowIso,
}: {
  incidents: IncidentListItem[];
  nowIso: string;
}) {
  return (
    <Table data-testid="incident-list" aria-label="Incidents, open first">
      <thead>
        <tr>
          <Th>Incident</Th>
          <Th>Severity</Th>
          <Th>Status</Th>
          <Th>Services</Th>
          <Th>Commander</Th>
          <Th>Declared</Th>
          <Th title="Time to mitigate: from declared to mitigated">Mitigated in</Th>
          <Th title="Running time while open; time to resolve once resolved">Duration</Th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr
            key={incident.id}
            data-testid="incident-row"
            data-incident-number={incident.number}
            data-severity={incident.severity}
            className="hover:bg-surface-2"
          >
            <Td className="min-w-48">
              <Link href={`/incidents/${incident.id}`} className="font-medium hover:underline">
                <span className="mr-1.5 whitespace-nowrap text-muted tabular-nums">
                  INC-{incident.number}
                </span>
                <span data-testid="incident-title" className="break-words">
                  <InertText text={incident.title} />
                </span>
              </Link>
            </Td>
            <Td>
              <SeverityBadge severity={incident.severity} />
            </Td>
            <Td className="whitespace-nowrap">
              <IncidentStatusBadge status={incident.status} />
            </Td>
            <Td className="max-w-48 min-w-32 text-xs break-words">
              {incident.services.length > 0 ? (
                incident.services.map((service) => service.name).join(", ")
              ) : (
                <span className="text-muted">none named</span>
              )}
            </Td>
            <Td className="text-xs whitespace-nowrap">
              {incident.commander.name || incident.commander.email}
            </Td>
            <Td className="text-xs">
              <Time iso={incident.declaredAt} />
            </Td>
            <Td className="text-xs whitespace-nowrap tabular-nums">
              {formatDuration(elapsedMs(incident.declaredAt, incident.mitigatedAt))}
            </Td>
            <Td data-testid="incident-duration" className="text-xs whitespace-nowrap tabular-nums">
              <Duration incident={incident} nowIso={nowIso} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
