import { emptyPostmortemContent, postmortemSections } from "@/lib/postmortems/labels";
import type {
  PostmortemContent,
  PostmortemContentPatch,
  PostmortemSection,
  TimelineCuration,
} from "@/lib/postmortems/types";

// Drafts made before the template existed stored the incident's field names.
const legacySectionKeys: Partial<Record<PostmortemSection, string>> = {
  impact: "userImpact",
  rootCauses: "rootCause",
};
const entryIdPattern = /^\d{1,19}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const byEntryId = (a: string, b: string) =>
  a.length === b.length ? a.localeCompare(b) : a.length - b.length;

function normalizeCuration(raw: unknown): TimelineCuration {
  if (!isRecord(raw)) return { excluded: [], annotations: {} };
  const excluded = Array.isArray(raw.excluded)
    ? raw.excluded.filter((id): id is string => typeof id === "string" && entryIdPattern.test(id))
    : [];
  const annotations: Record<string, string> = {};
  if (isRecord(raw.annotations)) {
    for (const [id, note] of Object.entries(raw.annotations)) {
      // An empty annotation is how an editor removes one.
      if (entryIdPattern.test(id) && typeof note === "string" && note.trim() !== "")
        annotations[id] = note;
    }
  }
  return { excluded: [...new Set(excluded)].sort(byEntryId), annotations };
}

/** Stored content is trusted only as far as its shape: unknown keys are dropped, missing sections are empty. */
export function normalizePostmortemContent(raw: unknown): PostmortemContent {
  const source = isRecord(raw) ? raw : {};
  const content: PostmortemContent = {
    ...emptyPostmortemContent,
    timeline: normalizeCuration(source.timeline),
  };
  for (const section of postmortemSections) {
    const value = source[section];
    const legacyKey = legacySectionKeys[section];
    const legacy = legacyKey ? source[legacyKey] : undefined;
    if (typeof value === "string") content[section] = value;
    else if (typeof legacy === "string") content[section] = legacy;
  }
  return content;
}

/** Sections left out of the patch keep their text; a timeline curation replaces the parts it names. */
export function applyContentPatch(
  content: PostmortemContent,
  patch: PostmortemContentPatch,
): PostmortemContent {
  const next: PostmortemContent = { ...content, timeline: content.timeline };
  for (const section of postmortemSections) {
    const value = patch[section];
    if (typeof value === "string") next[section] = value;
  }
  if (patch.timeline) {
    next.timeline = normalizeCuration({
      excluded: patch.timeline.excluded ?? content.timeline.excluded,
      annotations: patch.timeline.annotations ?? content.timeline.annotations,
    });
  }
  return next;
}

function sameCuration(a: TimelineCuration, b: TimelineCuration): boolean {
  const left = normalizeCuration(a);
  const right = normalizeCuration(b);
  if (left.excluded.join(",") !== right.excluded.join(",")) return false;
  const leftKeys = Object.keys(left.annotations);
  if (leftKeys.length !== Object.keys(right.annotations).length) return false;
  return leftKeys.every((id) => left.annotations[id] === right.annotations[id]);
}

/** The parts that differ, in the document's order (the timeline sits after detection). */
export function changedParts(
  before: PostmortemContent,
  after: PostmortemContent,
): (PostmortemSection | "timeline")[] {
  const changed: (PostmortemSection | "timeline")[] = [];
  for (const section of postmortemSections) {
    if (before[section] !== after[section]) changed.push(section);
    if (section === "detection" && !sameCuration(before.timeline, after.timeline))
      changed.push("timeline");
  }
  return changed;
}
