import { postmortemSections } from "@/lib/postmortems/labels";
import type {
  PostmortemContent,
  PostmortemContentPatch,
  PostmortemSection,
  TimelineCuration,
} from "@/lib/postmortems/types";

export type ContentPart = PostmortemSection | "timeline";
export type SectionConflict = { part: PostmortemSection; theirs: string };
export type AnnotationConflict = { entryId: string; theirs: string };
export type ContentConflicts = { sections: SectionConflict[]; annotations: AnnotationConflict[] };

/** A blank annotation is the same as none (the server drops it too). */
function annotationsOf(curation: TimelineCuration): Map<string, string> {
  return new Map(Object.entries(curation.annotations).filter(([, text]) => text.trim() !== ""));
}

export function sameCuration(a: TimelineCuration, b: TimelineCuration): boolean {
  const excludedA = new Set(a.excluded);
  const excludedB = new Set(b.excluded);
  if (excludedA.size !== excludedB.size || [...excludedA].some((id) => !excludedB.has(id)))
    return false;
  const annotationsA = annotationsOf(a);
  const annotationsB = annotationsOf(b);
  return (
    annotationsA.size === annotationsB.size &&
    [...annotationsA].every(([id, text]) => annotationsB.get(id) === text)
  );
}

export function cleanCuration(curation: TimelineCuration): TimelineCuration {
  return {
    excluded: [...new Set(curation.excluded)],
    annotations: Object.fromEntries(annotationsOf(curation)),
  };
}

/** The parts of `draft` that differ from `base`: what an autosave sends. */
export function dirtyParts(base: PostmortemContent, draft: PostmortemContent): ContentPart[] {
  const parts: ContentPart[] = postmortemSections.filter(
    (section) => draft[section] !== base[section],
  );
  if (!sameCuration(base.timeline, draft.timeline)) parts.push("timeline");
  return parts;
}

export function patchOf(
  draft: PostmortemContent,
  parts: readonly ContentPart[],
): PostmortemContentPatch {
  const patch: PostmortemContentPatch = {};
  for (const part of parts) {
    if (part === "timeline") patch.timeline = cleanCuration(draft.timeline);
    else patch[part] = draft[part];
  }
  return patch;
}

/**
 * Three-way merge of the local draft onto what the server has now. A part only one side changed takes that side;
 * a part both changed differently keeps the local text and is reported, so nothing is overwritten unasked.
 */
export function rebaseDraft(
  base: PostmortemContent,
  draft: PostmortemContent,
  current: PostmortemContent,
): { draft: PostmortemContent; conflicts: ContentConflicts } {
  const merged: PostmortemContent = { ...current };
  const conflicts: ContentConflicts = { sections: [], annotations: [] };
  for (const section of postmortemSections) {
    const mine = draft[section];
    const theirs = current[section];
    if (mine === base[section]) merged[section] = theirs;
    else {
      merged[section] = mine;
      if (theirs !== base[section] && theirs !== mine)
        conflicts.sections.push({ part: section, theirs });
    }
  }
  const timeline = mergeCuration(base.timeline, draft.timeline, current.timeline);
  merged.timeline = timeline.curation;
  conflicts.annotations = timeline.conflicts;
  return { draft: merged, conflicts };
}

function mergeCuration(
  base: TimelineCuration,
  mine: TimelineCuration,
  theirs: TimelineCuration,
): { curation: TimelineCuration; conflicts: AnnotationConflict[] } {
  const baseExcluded = new Set(base.excluded);
  const mineExcluded = new Set(mine.excluded);
  const theirsExcluded = new Set(theirs.excluded);
  const baseNotes = annotationsOf(base);
  const mineNotes = annotationsOf(mine);
  const theirsNotes = annotationsOf(theirs);
  const ids = new Set([
    ...baseExcluded,
    ...mineExcluded,
    ...theirsExcluded,
    ...baseNotes.keys(),
    ...mineNotes.keys(),
    ...theirsNotes.keys(),
  ]);
  const excluded: string[] = [];
  const annotations: Record<string, string> = {};
  const conflicts: AnnotationConflict[] = [];
  for (const id of ids) {
    const wasExcluded = baseExcluded.has(id);
    const isExcluded =
      mineExcluded.has(id) !== wasExcluded ? mineExcluded.has(id) : theirsExcluded.has(id);
    if (isExcluded) excluded.push(id);
    const was = baseNotes.get(id) ?? "";
    const mineNote = mineNotes.get(id) ?? "";
    const theirsNote = theirsNotes.get(id) ?? "";
    let note = theirsNote;
    if (mineNote !== was) {
      note = mineNote;
      if (theirsNote !== was && theirsNote !== mineNote)
        conflicts.push({ entryId: id, theirs: theirsNote });
    }
    if (note) annotations[id] = note;
  }
  return { curation: { excluded, annotations }, conflicts };
}

export function hasConflicts(conflicts: ContentConflicts): boolean {
  return conflicts.sections.length > 0 || conflicts.annotations.length > 0;
}
