"use client";

import type { ReactNode } from "react";
import { severityTones } from "@/components/incidents/incident-tones";
import { Badge } from "@/components/ui/badge";
import { Fact as UiFact } from "@/components/ui/fact";
import { Time } from "@/components/ui/time";
import { humanDuration } from "@/lib/time/duration";
import { severityLabels } from "@/lib/incidents/labels";
import type { ImpactFacts as ImpactFactsView } from "@/lib/postmortems/types";

/** A fact from the incident: what its people typed keeps its line breaks. */
export function Fact(props: { label: string; children: ReactNode; testId?: string }) {
  return <UiFact {...props} keepLineBreaks />;
}

export const when = (iso: string | null) =>
  iso ? <Time iso={iso} /> : <span className="text-muted">—</span>;
export const duration = (ms: number | null) =>
  ms === null ? <span className="text-muted">—</span> : humanDuration(ms);

/** Facts from the incident, read-only beside the impact section: the author writes what they meant for users. */
export function ImpactFacts({ impact }: { impact: ImpactFactsView }) {
  return (
    <dl
      className="grid gap-x-4 gap-y-2 rounded-md border border-line bg-surface-2 p-3 sm:grid-cols-3"
      data-testid="impact-facts"
    >
      <Fact label="Severity">
        <Badge tone={severityTones[impact.severity]}>{severityLabels[impact.severity]}</Badge>
      </Fact>
      <Fact label="Duration" testId="impact-duration">
        {duration(impact.durationMs)}
      </Fact>
      <Fact label="Time to mitigate">{duration(impact.timeToMitigateMs)}</Fact>
      <Fact label="Affected services" testId="impact-services">
        {impact.services.length > 0 ? (
          impact.services.map((service) => service.name).join(", ")
        ) : (
          <span className="text-muted">none recorded</span>
        )}
      </Fact>
      <Fact label="Impact started">{when(impact.startedAt)}</Fact>
      <Fact label="Resolved">{when(impact.resolvedAt)}</Fact>
      <div className="sm:col-span-3">
        <Fact label="User-visible effect (from the incident)" testId="impact-effect">
          {impact.userVisibleEffect.trim() ? (
            impact.userVisibleEffect
          ) : (
            <span className="text-muted">not recorded on the incident</span>
          )}
        </Fact>
      </div>
    </dl>
  );
}
