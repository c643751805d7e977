import { Badge, type BadgeTone } from "@/components/ui/badge";
import { severityDefinitions, severityLabels, statusLabels, type IncidentStatus, type Severity } from "@/lib/incidents/schema";

const severityTones: Record<Severity, BadgeTone> = { sev1: "down", sev2: "degraded", sev3: "neutral" };
const statusTones: Record<IncidentStatus, BadgeTone> = { investigating: "down", identified: "degraded", mitigated: "accent", resolved: "up" };

export function SeverityBadge({ severity, className = "" }: { severity: Severity; className?: string }) {
  return (
    <Badge tone={severityTones[severity]} title={severityDefinitions[severity]} className={className} data-testid="incident-severity">
      {severityLabels[severity]}
    </Badge>
  );
}

export function IncidentStatusBadge({ status, className = "" }: { status: IncidentStatus; className?: string }) {
  return (
    <Badge tone={statusTones[status]} className={className} data-testid="incident-status">
      {statusLabels[status]}
    </Badge>
  );
}

/** "1 h 5 min", "3 d 2 h": how long an incident has run or took to mitigate or resolve. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
