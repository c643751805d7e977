"use client";

import { Time } from "@/components/ui/time";
import { postmortemSectionLabels, postmortemSections } from "@/lib/postmortems/labels";
import type { RevisionView } from "@/lib/postmortems/types";

export function RevisionList({ revisions }: { revisions: RevisionView[] }) {
  const newestFirst = [...revisions].sort((a, b) => b.version - a.version);
  return (
    <ol className="flex flex-col gap-1 border-t border-line p-3">
      {newestFirst.length === 0 ? <li className="text-sm text-muted">No revisions yet.</li> : null}
      {newestFirst.map((revision) => {
        const annotations = Object.entries(revision.content.timeline.annotations).filter(
          ([, text]) => text,
        );
        return (
          <li key={revision.id} data-testid="revision" data-version={revision.version}>
            <details className="rounded-md border border-line">
              <summary className="cursor-pointer px-2 py-1 text-xs">
                <span className="font-semibold">v{revision.version}</span> · {revision.authorLabel}{" "}
                · saved <Time iso={revision.savedAt} />
              </summary>
              <div className="flex flex-col gap-2 border-t border-line p-2 text-xs">
                {postmortemSections.map((section) => (
                  <div key={section}>
                    <p className="font-semibold">{postmortemSectionLabels[section]}</p>
                    <p
                      className="break-words whitespace-pre-wrap"
                      data-testid="revision-section"
                      data-section={section}
                    >
                      {revision.content[section] || (
                        <span className="text-muted">Not written.</span>
                      )}
                    </p>
                  </div>
                ))}
                <div>
                  <p className="font-semibold">Timeline</p>
                  <p className="text-muted">
                    {revision.content.timeline.excluded.length} left out · {annotations.length}{" "}
                    annotated
                  </p>
                  {annotations.length > 0 ? (
                    <ul className="list-disc pl-4">
                      {annotations.map(([entryId, text]) => (
                        <li key={entryId} className="break-words whitespace-pre-wrap">
                          #{entryId}: {text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
