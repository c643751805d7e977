"use client";

import type { EditorConflict } from "@/components/postmortems/postmortem-editor-store";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { postmortemSectionLabels } from "@/lib/postmortems/labels";
import type { PostmortemContent, PostmortemSection } from "@/lib/postmortems/types";

/** Their saved text beside the author's, and the author's choice between them. */
function Versions({
  theirs,
  mine,
  onUseTheirs,
  onKeepMine,
}: {
  theirs: string;
  mine: string;
  onUseTheirs: () => void;
  onKeepMine: () => void;
}) {
  return (
    <>
      <div className="grid gap-2 sm:grid-cols-2">
        <div className="min-w-0">
          <p className="text-xs font-medium text-muted">Theirs (saved)</p>
          <p
            className="max-h-48 overflow-y-auto rounded border border-line bg-surface p-1.5 text-xs break-words whitespace-pre-wrap"
            data-testid="conflict-theirs"
          >
            {theirs || <span className="text-muted">(empty)</span>}
          </p>
        </div>
        <div className="min-w-0">
          <p className="text-xs font-medium text-muted">Yours (not saved yet)</p>
          <p
            className="max-h-48 overflow-y-auto rounded border border-line bg-surface p-1.5 text-xs break-words whitespace-pre-wrap"
            data-testid="conflict-mine"
          >
            {mine || <span className="text-muted">(empty)</span>}
          </p>
        </div>
      </div>
      <div className="flex gap-2">
        <Button size="sm" onClick={onUseTheirs} data-testid="conflict-use-theirs">
          Use theirs
        </Button>
        <Button size="sm" onClick={onKeepMine} data-testid="conflict-keep-mine">
          Keep mine
        </Button>
      </div>
    </>
  );
}

/**
 * Someone saved the same section while this author was writing: both texts side by side, per section,
 * and nothing is saved over theirs until the author chooses. Choosing "keep mine" saves on top of their version.
 */
export function SectionConflictNotice({
  conflict,
  draft,
  onUseTheirs,
  onKeepMine,
  onUseTheirAnnotation,
  onKeepMyAnnotation,
  onKeepAllMine,
}: {
  conflict: EditorConflict;
  draft: PostmortemContent;
  onUseTheirs: (section: PostmortemSection) => void;
  onKeepMine: (section: PostmortemSection) => void;
  onUseTheirAnnotation: (entryId: string) => void;
  onKeepMyAnnotation: (entryId: string) => void;
  onKeepAllMine: () => void;
}) {
  const { sections, annotations } = conflict.conflicts;
  return (
    <section
      id="postmortem-conflict"
      role="alert"
      className="flex scroll-mt-12 flex-col gap-3 rounded-lg border border-degraded/60 bg-degraded-bg p-3 text-sm"
      data-testid="postmortem-conflict"
    >
      <p className="font-semibold text-degraded">
        Not saved: someone else saved version {conflict.version} at{" "}
        <Time iso={conflict.updatedAt} /> and changed what you were editing. Nothing was
        overwritten.
      </p>
      {sections.map(({ part, theirs }) => (
        <div
          key={part}
          className="flex flex-col gap-1.5 border-t border-degraded/30 pt-2"
          data-testid="conflict-section"
          data-section={part}
        >
          <p className="font-medium">{postmortemSectionLabels[part]}</p>
          <Versions
            theirs={theirs}
            mine={draft[part]}
            onUseTheirs={() => onUseTheirs(part)}
            onKeepMine={() => onKeepMine(part)}
          />
        </div>
      ))}
      {annotations.map(({ entryId, theirs }) => (
        <div
          key={entryId}
          className="flex flex-col gap-1.5 border-t border-degraded/30 pt-2"
          data-testid="conflict-annotation"
          data-entry-id={entryId}
        >
          <p className="font-medium">Annotation on timeline entry #{entryId}</p>
          <Versions
            theirs={theirs}
            mine={draft.timeline.annotations[entryId] ?? ""}
            onUseTheirs={() => onUseTheirAnnotation(entryId)}
            onKeepMine={() => onKeepMyAnnotation(entryId)}
          />
        </div>
      ))}
      {sections.length + annotations.length > 1 ? (
        <Button
          variant="primary"
          size="sm"
          className="self-start"
          onClick={onKeepAllMine}
          data-testid="conflict-keep-all-mine"
        >
          Keep all of mine
        </Button>
      ) : null}
    </section>
  );
}
