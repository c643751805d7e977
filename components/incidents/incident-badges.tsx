import { severityTones, statusTones } from "@/components/incidents/incident-tones";
import { Badge } from "@/components/ui/badge";
import {
  severityDefinitions,
  severityLabels,
  statusLabels,
  type IncidentStatus,
  type Severity,
} from "@/lib/incidents/labels";

export function SeverityBadge({
  severity,
  className = "",
}: {
  severity: Severity;
  className?: string;
}) {
  return (
    <Badge
      tone={severityTones[severity]}
      title={severityDefinitions[severity]}
      className={className}
      data-testid="incident-severity"
      data-severity={severity}
    >
      {severityLabels[severity]}
    </Badge>
  );
}

export function IncidentStatusBadge({
  status,
  className = "",
}: {
  status: IncidentStatus;
  className?: string;
}) {
  return (
    <Badge
      tone={statusTones[status]}
      className={className}
      data-testid="incident-status"
      data-status={status}
    >
      {statusLabels[status]}
    </Badge>
  );
}
