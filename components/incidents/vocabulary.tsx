"use client";

import { createContext, useContext, type ReactNode } from "react";
import { severityTones, statusTones } from "@/components/incidents/incident-tones";
import { Badge } from "@/components/ui/badge";
import type { IncidentRole, IncidentStatus, Severity, WritableTimelineKind } from "@/lib/incidents/schema";

/**
 * The incident domain's words, handed down by the page: importing them from schema.ts here would put
 * zod into the incident page's JavaScript.
 */
export type IncidentVocabulary = {
  severities: readonly Severity[];
  severityLabels: Record<Severity, string>;
  severityDefinitions: Record<Severity, string>;
  statuses: readonly IncidentStatus[];
  statusLabels: Record<IncidentStatus, string>;
  roleLabels: Record<IncidentRole, string>;
  writableKinds: readonly WritableTimelineKind[];
  slashCommandHelp: readonly string[];
};

const VocabularyContext = createContext<IncidentVocabulary | null>(null);

export function VocabularyProvider({ vocabulary, children }: { vocabulary: IncidentVocabulary; children: ReactNode }) {
  return <VocabularyContext value={vocabulary}>{children}</VocabularyContext>;
}

export function useVocabulary(): IncidentVocabulary {
  const vocabulary = useContext(VocabularyContext);
  if (!vocabulary) throw new Error("useVocabulary needs a VocabularyProvider.");
  return vocabulary;
}

export function LiveSeverityBadge({ severity, className = "" }: { severity: Severity; className?: string }) {
  const { severityLabels, severityDefinitions } = useVocabulary();
  return (
    <Badge tone={severityTones[severity]} title={severityDefinitions[severity]} className={className} data-testid="incident-severity" data-severity={severity}>
      {severityLabels[severity]}
    </Badge>
  );
}

export function LiveStatusBadge({ status, className = "" }: { status: IncidentStatus; className?: string }) {
  const { statusLabels } = useVocabulary();
  return (
    <Badge tone={statusTones[status]} className={className} data-testid="incident-status" data-status={status}>
      {statusLabels[status]}
    </Badge>
  );
}
