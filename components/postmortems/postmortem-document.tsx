"use client";

import { useRouter } from "next/navigation";
import {
  Fragment,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { AutosaveStatus } from "@/components/postmortems/autosave-status";
import { dirtyParts } from "@/components/postmortems/content-merge";
import { DetectionFacts } from "@/components/postmortems/detection-facts";
import { ImpactFacts } from "@/components/postmortems/impact-facts";
import { PostmortemEditorStore } from "@/components/postmortems/postmortem-editor-store";
import { PostmortemHeader } from "@/components/postmortems/postmortem-header";
import { ReviewPanel } from "@/components/postmortems/review-panel";
import { RevisionHistory } from "@/components/postmortems/revision-history";
import { SectionEditor, SectionText } from "@/components/postmortems/section-editor";
import { CuratedTimeline, TimelineCuration } from "@/components/postmortems/timeline-curation";
import {
  callWrite,
  documentUnanswered,
  type RunVersioned,
} from "@/components/postmortems/write-results";
import { Panel } from "@/components/ui/panel";
import type { PersonRef } from "@/lib/incidents/types";
import type { BlameHint } from "@/lib/postmortems/blame";
import { savePostmortemAction } from "@/lib/postmortems/actions";
import { postmortemSectionLabels, postmortemSections } from "@/lib/postmortems/labels";
import { postmortemSectionHints } from "@/lib/postmortems/section-hints";
import type {
  PostmortemContent,
  PostmortemDetail,
  PostmortemSection,
} from "@/lib/postmortems/types";

// Shown only when two editors collide: it stays out of the page's first load, which has a size budget.
const SectionConflictNotice = lazy(() =>
  import("@/components/postmortems/section-conflict-notice").then((module) => ({
    default: module.SectionConflictNotice,
  })),
);
const conflictFallback = (
  <p
    id="postmortem-conflict"
    role="alert"
    className="rounded-lg border border-degraded/60 bg-degraded-bg p-3 text-sm font-semibold text-degraded"
  >
    Not saved: someone else changed what you were editing. Nothing was overwritten.
  </p>
);

export type PostmortemDocumentProps = {
  initialDetail: PostmortemDetail;
  actorId: string;
  /** Responder or above: may write while the document is open, and review when assigned. */
  canWrite: boolean;
  people: PersonRef[];
  /** Computed by the server for the text as loaded, so hints show before the matcher's code arrives. */
  blameHints: Record<PostmortemSection, BlameHint[]>;
  exportButtons: ReactNode;
  actionItems: ReactNode;
};

/** Typed text that could not be saved before the document became read-only: shown so it can still be copied. */
function UnsavedText({
  parts,
  draft,
}: {
  parts: ReturnType<typeof dirtyParts>;
  draft: PostmortemContent;
}) {
  const sections = parts.filter((part): part is PostmortemSection => part !== "timeline");
  if (sections.length === 0) return null;
  return (
    <section
      role="alert"
      className="flex flex-col gap-2 rounded-lg border border-degraded/60 bg-degraded-bg p-3 text-sm"
      data-testid="postmortem-unsaved"
    >
      <p className="font-semibold text-degraded">
        The document became read-only before your last changes were saved. Copy them from here:
      </p>
      {sections.map((section) => (
        <div key={section}>
          <p className="text-xs font-medium">{postmortemSectionLabels[section]}</p>
          <p className="rounded border border-line bg-surface p-1.5 text-xs break-words whitespace-pre-wrap">
            {draft[section]}
          </p>
        </div>
      ))}
    </section>
  );
}

export function PostmortemDocument({
  initialDetail,
  actorId,
  canWrite,
  people,
  blameHints,
  exportButtons,
  actionItems,
}: PostmortemDocumentProps) {
  const router = useRouter();
  const incidentId = initialDetail.postmortem.incident.id;

  // The newest detail wins: the page's refresh after an action, or the action's own answer, whichever is newer.
  const [latest, setLatest] = useState(initialDetail);
  const [renderedProps, setRenderedProps] = useState(initialDetail);
  if (initialDetail !== renderedProps) {
    setRenderedProps(initialDetail);
    if (initialDetail.postmortem.version >= latest.postmortem.version) setLatest(initialDetail);
  }
  const adoptDetail = useCallback((detail: PostmortemDetail) => {
    setLatest((old) => (detail.postmortem.version >= old.postmortem.version ? detail : old));
  }, []);

  const [store] = useState(
    () =>
      new PostmortemEditorStore(
        initialDetail.postmortem,
        (version, patch) =>
          callWrite(
            () => savePostmortemAction(incidentId, { version, content: patch }),
            documentUnanswered,
          ),
        adoptDetail,
        () => router.refresh(),
      ),
  );
  const editor = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  useEffect(() => store.adopt(initialDetail.postmortem), [store, initialDetail]);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!store.hasUnsavedWork()) return;
      void store.saveNow();
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      // Leaving the page inside the app: what was typed is still sent.
      if (store.hasUnsavedWork()) void store.saveNow();
      store.dispose();
    };
  }, [store]);

  const run: RunVersioned = useCallback(
    async (operation) => {
      const result = await store.runVersioned(operation, (detail) => detail.postmortem);
      if (result.ok) adoptDetail(result.data);
      // Refused on a stale version: the review state shown may be stale too, so the page reads it again.
      else if (result.error.code === "conflict") router.refresh();
      return result;
    },
    [store, adoptDetail, router],
  );

  const { postmortem } = latest;
  const published = postmortem.status === "published";
  const editable = canWrite && !published;
  const content = editable ? editor.draft : postmortem.content;
  const conflicted = new Set(
    editor.conflict?.conflicts.sections.map((conflict) => conflict.part) ?? [],
  );
  const lostParts = useMemo(
    () => (canWrite && published ? dirtyParts(editor.base, editor.draft) : []),
    [canWrite, published, editor.base, editor.draft],
  );
  const saveNow = () => void store.saveNow();

  const facts = (section: PostmortemSection) =>
    section === "impact" ? (
      <ImpactFacts impact={latest.impact} />
    ) : section === "detection" ? (
      <DetectionFacts detection={latest.detection} />
    ) : null;

  return (
    <div
      className="flex flex-col gap-4"
      data-testid="postmortem-page"
      data-postmortem-id={postmortem.id}
      data-version={editor.version}
      data-status={postmortem.status}
      data-editable={editable}
    >
      <PostmortemHeader
        postmortem={postmortem}
        people={people}
        canChangeOwner={editable}
        run={run}
        exportButtons={exportButtons}
      />
      {lostParts.length > 0 ? <UnsavedText parts={lostParts} draft={editor.draft} /> : null}
      {!canWrite ? (
        <p className="text-xs text-muted" data-testid="postmortem-read-only">
          Read-only: writing postmortems needs the responder role.
        </p>
      ) : null}

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)]">
        <div className="flex min-w-0 flex-col gap-4">
          {editable ? (
            <div className="sticky top-0 z-10 -mx-1 bg-bg/95 px-1 py-1.5 backdrop-blur">
              <AutosaveStatus
                status={editor.status}
                conflicted={editor.conflict !== null}
                onRetry={saveNow}
              />
            </div>
          ) : null}
          {editable && editor.conflict ? (
            <Suspense fallback={conflictFallback}>
              <SectionConflictNotice
                conflict={editor.conflict}
                draft={editor.draft}
                onUseTheirs={(section) => store.useTheirs(section)}
                onKeepMine={(section) => store.keepMine(section)}
                onUseTheirAnnotation={(entryId) => store.useTheirAnnotation(entryId)}
                onKeepMyAnnotation={(entryId) => store.keepMyAnnotation(entryId)}
                onKeepAllMine={() => store.keepAllMine()}
              />
            </Suspense>
          ) : null}
          <Panel>
            <div className="flex flex-col gap-6" data-testid="postmortem-sections">
              {postmortemSections.map((section) => (
                <Fragment key={section}>
                  {editable ? (
                    <SectionEditor
                      section={section}
                      label={postmortemSectionLabels[section]}
                      hint={postmortemSectionHints[section]}
                      value={content[section]}
                      conflicted={conflicted.has(section)}
                      initialHints={{
                        text: initialDetail.postmortem.content[section],
                        hints: blameHints[section],
                      }}
                      onChange={(text) => store.editSection(section, text)}
                      onBlur={saveNow}
                    >
                      {facts(section)}
                    </SectionEditor>
                  ) : (
                    <SectionText
                      section={section}
                      label={postmortemSectionLabels[section]}
                      hint={postmortemSectionHints[section]}
                      text={content[section]}
                    >
                      {facts(section)}
                    </SectionText>
                  )}
                  {section === "detection" ? (
                    editable ? (
                      <TimelineCuration
                        entries={latest.timeline}
                        curation={content.timeline}
                        onIncluded={(entryId, included) => store.setIncluded(entryId, included)}
                        onAnnotation={(entryId, text) => store.annotate(entryId, text)}
                        onBlur={saveNow}
                      />
                    ) : (
                      <CuratedTimeline entries={latest.timeline} curation={content.timeline} />
                    )
                  ) : null}
                </Fragment>
              ))}
            </div>
          </Panel>
          {actionItems}
        </div>

        <aside className="flex min-w-0 flex-col gap-4" aria-label="Review and history">
          <Panel
            title="Review"
            description={
              published ? "Published: the document is read-only." : "Draft → in review → published"
            }
          >
            <ReviewPanel
              detail={latest}
              actorId={actorId}
              canWrite={canWrite}
              people={people}
              run={run}
            />
          </Panel>
          <RevisionHistory revisions={latest.revisions} />
        </aside>
      </div>
    </div>
  );
}
