"use client";

import { useState } from "react";
import { LinkifiedText } from "@/components/incidents/linkified-text";
import { controlClasses } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import type { TimelineKind } from "@/lib/incidents/labels";
import { annotationMaxLength } from "@/lib/postmortems/labels";
import type { CuratedTimelineEntry, TimelineCuration as Curation } from "@/lib/postmortems/types";
import { formatUtcClock, formatUtcDate } from "@/lib/time/format";

const pageSize = 200;

// As the incident timeline names them; kept here so the incident timeline's component stays out of this page's JavaScript.
const kindLabels: Record<TimelineKind, string> = {
  declared: "Declared",
  note: "Note",
  action: "Action",
  status_change: "Status",
  severity_change: "Severity",
  role_change: "Role",
  field_change: "Changed",
  communication: "Status update",
  deploy: "Deploy",
  rollback: "Rollback",
  health_event: "Health",
  correction: "Correction",
};

function UtcTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} className="font-mono text-xs whitespace-nowrap text-muted tabular-nums">
      {formatUtcDate(iso)} {formatUtcClock(iso, { seconds: true })}
    </time>
  );
}

function EntryText({ entry }: { entry: CuratedTimelineEntry }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="flex flex-wrap items-baseline gap-x-2 text-xs">
        <UtcTime iso={entry.occurredAt} />
        <span className="font-medium">{kindLabels[entry.kind]}</span>
        <span className="text-muted">{entry.authorLabel}</span>
      </p>
      <p className="text-sm break-words whitespace-pre-wrap" data-testid="curated-entry-body">
        <LinkifiedText text={entry.body} />
      </p>
    </div>
  );
}

function ShowMore({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (shown >= total) return null;
  return (
    <Button size="sm" className="self-start" onClick={onMore}>
      Show {Math.min(pageSize, total - shown)} more of {total - shown} entries
    </Button>
  );
}

/**
 * The incident's timeline as the postmortem tells it: each entry included or left out, with an optional note
 * beside it. The entries themselves are the incident's record and are never edited here.
 */
export function TimelineCuration({
  entries,
  curation,
  onIncluded,
  onAnnotation,
  onBlur,
}: {
  entries: CuratedTimelineEntry[];
  curation: Curation;
  onIncluded: (entryId: string, included: boolean) => void;
  onAnnotation: (entryId: string, text: string) => void;
  onBlur: () => void;
}) {
  const [shown, setShown] = useState(pageSize);
  const excluded = new Set(curation.excluded);
  return (
    <section
      className="flex flex-col gap-1.5"
      data-testid="postmortem-timeline"
      aria-labelledby="postmortem-timeline-label"
    >
      <h2 id="postmortem-timeline-label" className="text-sm font-semibold">
        Timeline
      </h2>
      <p className="text-xs text-muted">
        From the incident, oldest first, times in UTC. Leave out what does not help the story and
        annotate what needs context; the entries stay as recorded.
      </p>
      {entries.length === 0 ? (
        <p className="text-sm text-muted">The incident has no timeline entries.</p>
      ) : null}
      <ol className="flex flex-col divide-y divide-line rounded-md border border-line">
        {entries.slice(0, shown).map((entry) => {
          const included = !excluded.has(entry.id);
          const annotationId = `annotation-${entry.id}`;
          return (
            <li
              key={entry.id}
              className={`flex flex-col gap-1.5 p-2 ${included ? "" : "bg-surface-2 opacity-55"}`}
              data-testid="curated-entry"
              data-entry-id={entry.id}
              data-included={included}
            >
              <div className="flex items-start gap-2">
                <label className="flex shrink-0 items-center gap-1 pt-0.5 text-xs">
                  <input
                    type="checkbox"
                    checked={included}
                    onChange={(event) => onIncluded(entry.id, event.target.checked)}
                    onBlur={onBlur}
                    data-testid="entry-include"
                  />
                  Include
                </label>
                <EntryText entry={entry} />
              </div>
              <label htmlFor={annotationId} className="sr-only">
                Annotation for this entry
              </label>
              <input
                id={annotationId}
                type="text"
                value={curation.annotations[entry.id] ?? ""}
                maxLength={annotationMaxLength}
                placeholder="Annotation (optional): context this entry needs"
                onChange={(event) => onAnnotation(entry.id, event.target.value)}
                onBlur={onBlur}
                className={`${controlClasses} ml-16 text-xs`}
                data-testid="entry-annotation"
              />
            </li>
          );
        })}
      </ol>
      <ShowMore
        shown={shown}
        total={entries.length}
        onMore={() => setShown((count) => count + pageSize)}
      />
    </section>
  );
}

/** Read-only: the included entries with their notes; left-out entries are only counted. */
export function CuratedTimeline({
  entries,
  curation,
}: {
  entries: CuratedTimelineEntry[];
  curation: Curation;
}) {
  const [shown, setShown] = useState(pageSize);
  const excluded = new Set(curation.excluded);
  const included = entries.filter((entry) => !excluded.has(entry.id));
  const left = entries.length - included.length;
  return (
    <section className="flex flex-col gap-1.5" data-testid="postmortem-timeline">
      <h2 className="text-sm font-semibold">Timeline</h2>
      <p className="text-xs text-muted">
        From the incident, oldest first, times in UTC
        {left > 0 ? ` · ${left} ${left === 1 ? "entry" : "entries"} left out` : ""}.
      </p>
      <ol className="flex flex-col divide-y divide-line rounded-md border border-line">
        {included.slice(0, shown).map((entry) => {
          const note = curation.annotations[entry.id];
          return (
            <li
              key={entry.id}
              className="flex flex-col gap-1 p-2"
              data-testid="curated-entry"
              data-entry-id={entry.id}
              data-included="true"
            >
              <EntryText entry={entry} />
              {note ? (
                <p
                  className="border-l-2 border-accent pl-2 text-xs break-words whitespace-pre-wrap"
                  data-testid="entry-annotation-text"
                >
                  <LinkifiedText text={note} />
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <ShowMore
        shown={shown}
        total={included.length}
        onMore={() => setShown((count) => count + pageSize)}
      />
    </section>
  );
}
