"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useNow } from "@/components/health/use-now";
import { runIncidentWrite } from "@/components/incidents/incident-api";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/incident-badges";
import { formatDuration } from "@/components/incidents/incident-tones";
import { InertText } from "@/components/incidents/inert-text";
import { LinkifiedText } from "@/components/incidents/linkified-text";
import type { LiveState } from "@/components/live/event-stream";
import { LiveStateIndicator } from "@/components/live/live-state-indicator";
import { refusalOf } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Time } from "@/components/ui/time";
import { startPostmortemDraftAction } from "@/lib/incidents/actions";
import { incidentRoleLabels as roleLabels } from "@/lib/incidents/labels";
import type { IncidentView, PersonRef } from "@/lib/incidents/types";

function InlineFact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <div className="flex min-w-0 items-baseline gap-1.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="min-w-0 font-medium break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Fact({
  label,
  children,
  testId,
  wide = false,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${wide ? "sm:col-span-2" : ""}`}>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="text-sm break-words whitespace-pre-wrap" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

const orDash = (text: string | null | undefined) =>
  text ? <LinkifiedText text={text} /> : <span className="text-muted">—</span>;
const personText = (person: PersonRef | null) =>
  person ? person.name : <span className="text-muted">unassigned</span>;

function Durations({ incident, serverNowIso }: { incident: IncidentView; serverNowIso: string }) {
  const now = useNow(serverNowIso);
  const declared = Date.parse(incident.declaredAt);
  const since = (iso: string | null) => (iso ? formatDuration(Date.parse(iso) - declared) : null);
  if (incident.status === "resolved") {
    return (
      <span data-testid="incident-duration">
        {incident.mitigatedAt ? `mitigated after ${since(incident.mitigatedAt)} · ` : null}resolved
        after {since(incident.resolvedAt)}
      </span>
    );
  }
  return (
    <span data-testid="incident-duration">
      <span className="font-semibold text-text">running {formatDuration(now - declared)}</span>
      {incident.mitigatedAt ? ` · mitigated after ${since(incident.mitigatedAt)}` : null}
    </span>
  );
}

function PostmortemFact({
  incident,
  canWrite,
  onIncident,
}: {
  incident: IncidentView;
  canWrite: boolean;
  onIncident: (incident: IncidentView) => void;
}) {
  const start = useMutation({
    mutationFn: () => runIncidentWrite(incident.id, () => startPostmortemDraftAction(incident.id)),
    onSuccess: onIncident,
  });
  const postmortem = incident.postmortem;
  if (postmortem) {
    return (
      <span data-testid="incident-postmortem">
        <Link
          href={`/postmortems/${postmortem.id}`}
          className="font-medium text-accent underline underline-offset-2"
        >
          Postmortem {postmortem.status.replace("_", " ")}
        </Link>
        {postmortem.required ? " · required" : null}
        {postmortem.dueAt ? (
          <>
            {" "}
            · due <Time iso={postmortem.dueAt} />
          </>
        ) : null}
      </span>
    );
  }
  if (incident.status !== "resolved")
    return (
      <span className="text-muted">
        {incident.severity === "sev1"
          ? "Drafted on resolve; required within 5 business days."
          : "Optional below SEV1."}
      </span>
    );
  if (!canWrite || incident.severity === "sev1")
    return <span className="text-muted">None yet.</span>;
  return (
    <span>
      <Button
        size="sm"
        disabled={start.isPending}
        data-testid="start-postmortem"
        onClick={() => start.mutate()}
      >
        {start.isPending ? "Starting…" : "Start postmortem draft"}
      </Button>
      <InlineError message={refusalOf(start.error)?.message} />
    </span>
  );
}

export function IncidentHeader({
  incident,
  live,
  serverNowIso,
}: {
  incident: IncidentView;
  live: LiveState;
  serverNowIso: string;
}) {
  return (
    <header className="flex flex-col gap-3" data-testid="incident-header">
      <div className="flex flex-wrap items-start gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="text-xs text-muted">
            <Link href="/incidents" className="hover:text-text hover:underline">
              Incidents
            </Link>{" "}
            / INC-{incident.number}
          </p>
          <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold tracking-tight">
            <span className="font-mono text-muted" data-testid="incident-number">
              INC-{incident.number}
            </span>
            <span className="min-w-0 break-words" data-testid="incident-title">
              <InertText text={incident.title} />
            </span>
            <SeverityBadge severity={incident.severity} className="text-sm" />
            <IncidentStatusBadge status={incident.status} className="text-sm" />
          </h1>
          <p className="text-xs text-muted">
            Declared <Time iso={incident.declaredAt} /> by {incident.declaredBy} ·{" "}
            <Durations incident={incident} serverNowIso={serverNowIso} />
          </p>
        </div>
        <LiveStateIndicator state={live} />
      </div>

      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <InlineFact label={roleLabels.commander} testId="incident-commander">
          {personText(incident.commander)}
        </InlineFact>
        <InlineFact label={roleLabels.commsLead} testId="incident-comms-lead">
          {personText(incident.commsLead)}
        </InlineFact>
        <InlineFact label={roleLabels.scribe} testId="incident-scribe">
          {personText(incident.scribe)}
        </InlineFact>
        <InlineFact label="Affected" testId="incident-services">
          {incident.services.length === 0 ? (
            <span className="text-muted">no services named</span>
          ) : (
            incident.services.map((service, index) => (
              <span key={service.id}>
                {index > 0 ? ", " : null}
                <Link
                  href={`/services/${service.id}`}
                  className="text-accent underline underline-offset-2"
                >
                  {service.name}
                </Link>
              </span>
            ))
          )}
        </InlineFact>
      </dl>
    </header>
  );
}

/** What responders keep current and what the resolve recorded: summary, impact, workaround, ETA, root cause. */
export function IncidentFacts({
  incident,
  canWrite,
  onIncident,
}: {
  incident: IncidentView;
  canWrite: boolean;
  onIncident: (incident: IncidentView) => void;
}) {
  return (
    <dl className="grid gap-x-4 gap-y-2.5 sm:grid-cols-2" data-testid="incident-facts">
      <Fact label="Summary" testId="incident-summary" wide>
        {orDash(incident.summary)}
      </Fact>
      <Fact label="User impact" testId="incident-impact" wide>
        {orDash(incident.userImpact)}
      </Fact>
      <Fact label="Workaround" testId="incident-workaround" wide>
        {orDash(incident.workaround)}
      </Fact>
      <Fact label="ETA" testId="incident-eta">
        {orDash(incident.eta)}
      </Fact>
      <Fact label="Postmortem">
        <PostmortemFact incident={incident} canWrite={canWrite} onIncident={onIncident} />
      </Fact>
      {incident.status === "resolved" || incident.rootCause ? (
        <>
          <Fact label="Root cause" testId="incident-root-cause" wide>
            {orDash(incident.rootCause)}
          </Fact>
          <Fact label="Follow-ups" testId="incident-follow-ups" wide>
            {incident.followUps.length === 0 ? (
              <span className="text-muted">none</span>
            ) : (
              <ul className="flex flex-col gap-0.5">
                {incident.followUps.map((followUp, index) => (
                  <li key={index}>
                    <LinkifiedText text={followUp} />
                  </li>
                ))}
              </ul>
            )}
          </Fact>
        </>
      ) : null}
    </dl>
  );
}
