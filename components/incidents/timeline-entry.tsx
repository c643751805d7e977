"use client";

import { InertText } from "@/components/incidents/inert-text";
import { LinkifiedText } from "@/components/incidents/linkified-text";
import { Button } from "@/components/ui/button";
import type { TimelineKind } from "@/lib/incidents/labels";
import type { TimelineEntryView } from "@/lib/incidents/types";
import { formatUtcClock, formatUtcDate, formatUtcTime } from "@/lib/time/format";

const kindStyles: Record<TimelineKind, { label: string; glyph: string; accent: string }> = {
  declared: { label: "Declared", glyph: "⚑", accent: "border-l-down" },
  note: { label: "Note", glyph: "✎", accent: "border-l-line" },
  action: { label: "Action", glyph: "▸", accent: "border-l-accent" },
  status_change: { label: "Status", glyph: "◐", accent: "border-l-accent" },
  severity_change: { label: "Severity", glyph: "▲", accent: "border-l-degraded" },
  role_change: { label: "Role", glyph: "☺", accent: "border-l-line" },
  field_change: { label: "Changed", glyph: "≡", accent: "border-l-line" },
  communication: { label: "Status update", glyph: "✉", accent: "border-l-up" },
  deploy: { label: "Deploy", glyph: "⇡", accent: "border-l-accent" },
  rollback: { label: "Rollback", glyph: "⟲", accent: "border-l-degraded" },
  health_event: { label: "Health", glyph: "♥", accent: "border-l-degraded" },
  correction: { label: "Correction", glyph: "↺", accent: "border-l-degraded" },
};

export const kindLabel = (kind: TimelineKind) => kindStyles[kind].label;

// Recorded more than a minute after it happened: the entry was backdated.
const backdatedAfterMs = 60_000;

function UtcClock({ iso, className = "" }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} className={`whitespace-nowrap tabular-nums ${className}`}>
      <span className="font-semibold text-text">{formatUtcClock(iso, { seconds: true })}</span>
      <span className="text-muted"> UTC {formatUtcDate(iso)}</span>
    </time>
  );
}

function Detail({ label, value }: { label: string; value: unknown }) {
  if (typeof value !== "string" || !value) return null;
  return (
    <div className="flex gap-1.5">
      <dt className="shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 break-words whitespace-pre-wrap">
        <LinkifiedText text={value} />
      </dd>
    </div>
  );
}

export function TimelineEntry({
  entry,
  onCorrect,
}: {
  entry: TimelineEntryView;
  onCorrect?: (entry: TimelineEntryView) => void;
}) {
  const style = kindStyles[entry.kind];
  const backdated = Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt) > backdatedAfterMs;
  const corrected = entry.correctedBy.length > 0;
  const author = entry.authorName ?? entry.authorLabel;
  return (
    <li
      id={`entry-${entry.id}`}
      data-testid="timeline-entry"
      data-entry-id={entry.id}
      data-kind={entry.kind}
      className={`group scroll-mt-20 border-l-4 py-2 pr-1 pl-3 target:bg-accent-soft ${style.accent} ${corrected ? "opacity-75" : ""}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs">
        <UtcClock iso={entry.occurredAt} />
        <span className="inline-flex items-center gap-1 font-medium" data-testid="entry-kind">
          <span aria-hidden="true">{style.glyph}</span>
          {style.label}
        </span>
        <span className="text-muted" data-testid="entry-author">
          <InertText text={author} />
        </span>
        <a href={`#entry-${entry.id}`} className="text-muted hover:text-text hover:underline">
          #{entry.id}
        </a>
        {entry.stepKey && entry.kind !== "communication" ? (
          <span className="text-muted">· runbook step</span>
        ) : null}
        {backdated ? (
          <span
            className="text-degraded"
            data-testid="entry-recorded-at"
            title="Backdated: written after it happened"
          >
            · recorded {formatUtcTime(entry.recordedAt, { seconds: true })}{" "}
            {formatUtcDate(entry.recordedAt)}
          </span>
        ) : null}
        {entry.correctsId ? (
          <a
            href={`#entry-${entry.correctsId}`}
            className="font-medium text-degraded hover:underline"
            data-testid="entry-corrects"
          >
            corrects #{entry.correctsId}
          </a>
        ) : null}
        {corrected ? (
          <span className="font-medium text-degraded" data-testid="entry-corrected-by">
            corrected by{" "}
            {entry.correctedBy.map((id, index) => (
              <span key={id}>
                {index > 0 ? ", " : null}
                <a href={`#entry-${id}`} className="hover:underline">
                  #{id}
                </a>
              </span>
            ))}
          </span>
        ) : null}
        {onCorrect ? (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto h-5 opacity-60 group-hover:opacity-100 focus:opacity-100"
            onClick={() => onCorrect(entry)}
            data-testid="entry-correct"
            aria-label={`Correct entry #${entry.id}`}
          >
            Correct
          </Button>
        ) : null}
      </div>
      <p className="mt-0.5 text-sm break-words whitespace-pre-wrap" data-testid="entry-body">
        <LinkifiedText text={entry.body} />
      </p>
      {entry.kind === "communication" ? (
        <dl className="mt-1 flex flex-col gap-0.5 text-xs" data-testid="entry-update-details">
          <Detail label="Affected" value={entry.details.affected} />
          <Detail label="ETA" value={entry.details.eta} />
          <Detail label="Workaround" value={entry.details.workaround} />
        </dl>
      ) : null}
    </li>
  );
}
