import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/incident-badges";
import { Badge } from "@/components/ui/badge";
import { formatUtcDateTime } from "@/lib/time/format";
import type { HandoffDeployLine, HandoffIncidentLine } from "@/lib/handoffs/types";
import { safeHref } from "@/lib/incidents/linkify";

/** The open incidents a handoff names. */
export function HandoffIncidentList({ incidents }: { incidents: HandoffIncidentLine[] }) {
  if (incidents.length === 0) {
    return (
      <p className="text-sm text-muted" data-testid="handoff-incidents-none">
        None open.
      </p>
    );
  }
  return (
    <ul
      className="flex flex-col gap-1 rounded-md border border-line bg-surface p-2"
      data-testid="handoff-incidents"
    >
      {incidents.map((incident) => (
        <li
          key={incident.id}
          className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm"
          data-testid="handoff-incident"
          data-number={incident.number}
        >
          <Link
            href={`/incidents/${incident.id}`}
            className="font-medium text-accent underline underline-offset-2"
          >
            INC-{incident.number}
          </Link>
          <SeverityBadge severity={incident.severity} />
          <IncidentStatusBadge status={incident.status} />
          <span className="min-w-0 break-words">{incident.title}</span>
          <span className="text-xs text-muted">IC {incident.commander}</span>
        </li>
      ))}
    </ul>
  );
}

export function HandoffDeployList({ deploys }: { deploys: HandoffDeployLine[] }) {
  if (deploys.length === 0) {
    return (
      <p className="text-sm text-muted" data-testid="handoff-deploys-none">
        Nothing deploying according to the deploy log.
      </p>
    );
  }
  return (
    <ul
      className="flex flex-col gap-1 rounded-md border border-line bg-surface p-2"
      data-testid="handoff-deploys"
    >
      {deploys.map((deploy) => {
        const link = deploy.link ? safeHref(deploy.link) : null;
        return (
          <li
            key={deploy.id}
            className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm"
            data-testid="handoff-deploy"
          >
            <Badge tone="accent">Deploying</Badge>
            <span className="font-medium">{deploy.service}</span>
            <span className="font-mono text-xs">{deploy.label}</span>
            <span className="text-xs text-muted">
              by {deploy.deployedBy} since {formatUtcDateTime(deploy.startedAt)}
            </span>
            {link ? (
              <a
                href={link}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="text-xs text-accent underline underline-offset-2"
              >
                Pipeline
              </a>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
