"use client";

import { TimelineEntry } from "@/components/incidents/timeline-entry";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import type { TimelineEntryView } from "@/lib/incidents/types";

/** Newest first, as the server pages it; older pages load on demand, so the first paint is one page however long the timeline. */
export function IncidentTimeline({
  entries,
  hasOlder,
  loadingOlder,
  olderError,
  onLoadOlder,
  onCorrect,
}: {
  entries: TimelineEntryView[];
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: string | null;
  onLoadOlder: () => void;
  onCorrect?: (entry: TimelineEntryView) => void;
}) {
  return (
    <div data-testid="timeline">
      {entries.length === 0 ? (
        <p className="py-4 text-sm text-muted">Nothing on the timeline yet.</p>
      ) : null}
      <ol className="flex flex-col divide-y divide-line" aria-label="Timeline, newest first">
        {entries.map((entry) => (
          <TimelineEntry key={entry.id} entry={entry} onCorrect={onCorrect} />
        ))}
      </ol>
      {hasOlder ? (
        <div className="pt-3">
          <Button onClick={onLoadOlder} disabled={loadingOlder} data-testid="timeline-load-older">
            {loadingOlder ? "Loading…" : "Load older entries"}
          </Button>
          <InlineError
            message={olderError ? `Could not load older entries: ${olderError}` : null}
          />
        </div>
      ) : entries.length > 0 ? (
        <p className="pt-3 text-xs text-muted">
          That is the whole timeline: it starts when the incident was declared.
        </p>
      ) : null}
    </div>
  );
}
