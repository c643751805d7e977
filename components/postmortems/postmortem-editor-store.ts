import {
  dirtyParts,
  hasConflicts,
  patchOf,
  rebaseDraft,
  type ContentConflicts,
  type ContentPart,
} from "@/components/postmortems/content-merge";
import { conflictView } from "@/components/postmortems/write-results";
import { type ActionResult, errorSummary } from "@/lib/errors";
import type {
  PostmortemContent,
  PostmortemContentPatch,
  PostmortemDetail,
  PostmortemSection,
  PostmortemView,
} from "@/lib/postmortems/types";

export const autosaveDelayMs = 1_200;
const automaticRetries = 3;

export type SaveStatus =
  | { state: "idle" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "saved"; at: number }
  | { state: "error"; message: string };

/** Another editor saved the same part meanwhile: the draft keeps the local text until the author chooses. */
export type EditorConflict = { version: number; updatedAt: string; conflicts: ContentConflicts };

export type EditorSnapshot = {
  /** The server version `base` is; every request carries it. */
  version: number;
  /** The content as the server has it at `version` (plus what this editor saved). */
  base: PostmortemContent;
  /** What the author sees and types into; never replaced where it differs from `base` unless the author asks. */
  draft: PostmortemContent;
  status: SaveStatus;
  conflict: EditorConflict | null;
};

export type SaveRequest = (
  version: number,
  patch: PostmortemContentPatch,
) => Promise<ActionResult<PostmortemDetail>>;

const notChosen =
  "Not saved: someone else changed what you are editing. Choose which text to keep.";

/**
 * The editor's state outside React: autosave timing, one request at a time (each carries the version the previous
 * answer gave), and three-way merging when the server has moved on. Components read it with useSyncExternalStore.
 */
export class PostmortemEditorStore {
  private snapshot: EditorSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private savingContent = false;

  constructor(
    view: PostmortemView,
    private readonly request: SaveRequest,
    private readonly onDetail: (detail: PostmortemDetail) => void,
    private readonly onRefused: () => void,
  ) {
    this.snapshot = {
      version: view.version,
      base: view.content,
      draft: view.content,
      status: { state: "idle" },
      conflict: null,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): EditorSnapshot => this.snapshot;

  private set(next: Partial<EditorSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...next };
    for (const listener of this.listeners) listener();
  }

  unsavedParts(): ContentPart[] {
    return dirtyParts(this.snapshot.base, this.snapshot.draft);
  }

  hasUnsavedWork(): boolean {
    return this.savingContent || this.unsavedParts().length > 0;
  }

  editSection(section: PostmortemSection, text: string): void {
    this.set({ draft: { ...this.snapshot.draft, [section]: text } });
    this.touched();
  }

  setIncluded(entryId: string, included: boolean): void {
    const { timeline } = this.snapshot.draft;
    const excluded = timeline.excluded.filter((id) => id !== entryId);
    if (!included) excluded.push(entryId);
    this.set({ draft: { ...this.snapshot.draft, timeline: { ...timeline, excluded } } });
    this.touched();
  }

  annotate(entryId: string, text: string): void {
    const { timeline } = this.snapshot.draft;
    const annotations = { ...timeline.annotations };
    if (text === "") delete annotations[entryId];
    else annotations[entryId] = text;
    this.set({ draft: { ...this.snapshot.draft, timeline: { ...timeline, annotations } } });
    this.touched();
  }

  private touched(): void {
    if (this.snapshot.conflict) return;
    if (this.unsavedParts().length === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      if (this.snapshot.status.state === "pending") this.set({ status: { state: "idle" } });
      return;
    }
    if (this.snapshot.status.state !== "saving") this.set({ status: { state: "pending" } });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, autosaveDelayMs);
  }

  /** Saves what changed now (on blur, or when the typing pauses). Resolves false when something is still unsaved. */
  saveNow(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.enqueue(() => this.saveOnce(0));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async saveOnce(attempt: number): Promise<boolean> {
    if (this.snapshot.conflict) return false;
    const parts = this.unsavedParts();
    if (parts.length === 0) return true;
    const patch = patchOf(this.snapshot.draft, parts);
    this.set({ status: { state: "saving" } });
    this.savingContent = true;
    let result: ActionResult<PostmortemDetail>;
    try {
      result = await this.request(this.snapshot.version, patch);
    } finally {
      this.savingContent = false;
    }
    if (result.ok) {
      const view = result.data.postmortem;
      // What was sent counts as saved even if the server stores it normalised: the text being typed is never swapped.
      const base: PostmortemContent = {
        ...view.content,
        ...patch,
        timeline: patch.timeline
          ? {
              excluded: patch.timeline.excluded ?? [],
              annotations: patch.timeline.annotations ?? {},
            }
          : view.content.timeline,
      };
      this.set({ version: view.version, base });
      const stillDirty = this.unsavedParts().length > 0;
      this.set({ status: stillDirty ? { state: "pending" } : { state: "saved", at: Date.now() } });
      if (stillDirty && this.timer === undefined) this.touched();
      this.onDetail(result.data);
      return !stillDirty;
    }
    const current = conflictView(result.error);
    // Published meanwhile: there is nothing to merge into, and the page turns read-only on its refresh.
    if (current && current.status !== "published") {
      const merged = this.rebase(current);
      if (merged && attempt < automaticRetries) return this.saveOnce(attempt + 1);
      if (merged)
        this.set({ status: { state: "error", message: `Not saved: ${result.error.message}` } });
      return false;
    }
    this.set({ status: { state: "error", message: `Not saved: ${errorSummary(result.error)}` } });
    if (result.error.code === "conflict") this.onRefused();
    return false;
  }

  /** Moves the draft onto `current`; returns false when the author has to choose (the conflict is shown). */
  private rebase(current: PostmortemView): boolean {
    const { draft, conflicts } = rebaseDraft(
      this.snapshot.base,
      this.snapshot.draft,
      current.content,
    );
    const previous = this.snapshot.conflict?.conflicts;
    const combined: ContentConflicts = previous
      ? {
          sections: [
            ...conflicts.sections,
            ...previous.sections.filter(
              (old) => !conflicts.sections.some((next) => next.part === old.part),
            ),
          ],
          annotations: [
            ...conflicts.annotations,
            ...previous.annotations.filter(
              (old) => !conflicts.annotations.some((next) => next.entryId === old.entryId),
            ),
          ],
        }
      : conflicts;
    if (hasConflicts(combined)) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.set({
        version: current.version,
        base: current.content,
        draft,
        conflict: { version: current.version, updatedAt: current.updatedAt, conflicts: combined },
        status: { state: "error", message: notChosen },
      });
      return false;
    }
    this.set({ version: current.version, base: current.content, draft });
    return true;
  }

  /** A newer server state (the page's refresh, or another action's answer): merged in, never over local typing. */
  adopt(view: PostmortemView): void {
    if (view.version <= this.snapshot.version || this.savingContent) return;
    this.rebase(view);
  }

  useTheirs(part: PostmortemSection): void {
    const conflict = this.snapshot.conflict;
    const chosen = conflict?.conflicts.sections.find((candidate) => candidate.part === part);
    if (!conflict || !chosen) return;
    this.set({ draft: { ...this.snapshot.draft, [part]: chosen.theirs } });
    this.settle({
      ...conflict.conflicts,
      sections: conflict.conflicts.sections.filter((candidate) => candidate.part !== part),
    });
  }

  keepMine(part: PostmortemSection): void {
    const conflict = this.snapshot.conflict;
    if (!conflict) return;
    this.settle({
      ...conflict.conflicts,
      sections: conflict.conflicts.sections.filter((candidate) => candidate.part !== part),
    });
  }

  useTheirAnnotation(entryId: string): void {
    const conflict = this.snapshot.conflict;
    const chosen = conflict?.conflicts.annotations.find(
      (candidate) => candidate.entryId === entryId,
    );
    if (!conflict || !chosen) return;
    const annotations = { ...this.snapshot.draft.timeline.annotations };
    if (chosen.theirs === "") delete annotations[entryId];
    else annotations[entryId] = chosen.theirs;
    this.set({
      draft: { ...this.snapshot.draft, timeline: { ...this.snapshot.draft.timeline, annotations } },
    });
    this.settle({
      ...conflict.conflicts,
      annotations: conflict.conflicts.annotations.filter(
        (candidate) => candidate.entryId !== entryId,
      ),
    });
  }

  keepMyAnnotation(entryId: string): void {
    const conflict = this.snapshot.conflict;
    if (!conflict) return;
    this.settle({
      ...conflict.conflicts,
      annotations: conflict.conflicts.annotations.filter(
        (candidate) => candidate.entryId !== entryId,
      ),
    });
  }

  keepAllMine(): void {
    if (!this.snapshot.conflict) return;
    this.settle({ sections: [], annotations: [] });
  }

  private settle(remaining: ContentConflicts): void {
    const conflict = this.snapshot.conflict;
    if (!conflict) return;
    if (hasConflicts(remaining)) {
      this.set({ conflict: { ...conflict, conflicts: remaining } });
      return;
    }
    this.set({
      conflict: null,
      status: this.unsavedParts().length > 0 ? { state: "pending" } : { state: "idle" },
    });
    void this.saveNow();
  }

  /**
   * Owner changes, review requests, reviews and publishing carry the version too: they wait for the autosave
   * (so they act on what the author sees) and take the new version from their answer.
   */
  runVersioned<T>(
    operation: (version: number) => Promise<ActionResult<T>>,
    viewOf: (data: T) => PostmortemView,
  ): Promise<ActionResult<T>> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.enqueue(async () => {
      const saved = await this.saveOnce(0);
      if (!saved) {
        const message = this.snapshot.conflict
          ? "Choose which text to keep first (see above)."
          : "Your latest text is not saved yet: fix that first.";
        return { ok: false, error: { code: "conflict", message } } satisfies ActionResult<T>;
      }
      const result = await operation(this.snapshot.version);
      if (result.ok) this.adopt(viewOf(result.data));
      else {
        const current = conflictView(result.error);
        if (current) this.adopt(current);
      }
      return result;
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
