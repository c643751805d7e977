import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/incident-badges";
import { InertText } from "@/components/incidents/inert-text";
import type { IncidentListItem } from "@/lib/incidents/types";

/** The overview's first line while incidents are open: the on-call sees them before the tiles. */
export function OpenIncidentsBanner({ incidents }: { incidents: IncidentListItem[] }) {
  if (incidents.length === 0) return null;
  return (
    <section
      aria-label="Open incidents"
      className="mb-4 rounded-lg border border-down/40 bg-down-bg px-4 py-3"
      data-testid="open-incidents-banner"
    >
      <h2 className="text-sm font-semibold text-down">
        {incidents.length === 1 ? "1 open incident" : `${incidents.length} open incidents`}
      </h2>
      <ul className="mt-1.5 flex flex-col gap-1">
        {incidents.map((incident) => (
          <li key={incident.id} className="flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={incident.severity} />
            <IncidentStatusBadge status={incident.status} />
            <Link
              href={`/incidents/${incident.id}`}
              className="font-medium text-text hover:underline"
            >
              INC-{incident.number} <InertText text={incident.title} />
            </Link>
            <span className="text-xs text-muted">IC {incident.commander.name}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
