import type { BadgeTone } from "@/components/ui/badge";
import type { IncidentStatus, Severity } from "@/lib/incidents/labels";

export const severityTones: Record<Severity, BadgeTone> = {
  sev1: "down",
  sev2: "degraded",
  sev3: "neutral",
};
export const statusTones: Record<IncidentStatus, BadgeTone> = {
  investigating: "down",
  identified: "degraded",
  mitigated: "accent",
  resolved: "up",
};

/** "1 h 5 min", "3 d 2 h": how long an incident has run or took to mitigate or resolve. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
