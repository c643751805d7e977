import type { InfiniteData } from "@tanstack/react-query";
import type { TimelineEntryView, TimelinePage } from "@/lib/incidents/types";

export type TimelinePages = InfiniteData<TimelinePage, string | null>;

/** Newest first, as the server orders the timeline: by when it happened, then by id. */
export function newestFirst(a: TimelineEntryView, b: TimelineEntryView): number {
  const byTime = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (byTime !== 0) return byTime;
  return b.id.length - a.id.length || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0);
}

export function hasEntry(pages: TimelinePages | undefined, entryId: string): boolean {
  return Boolean(pages?.pages.some((page) => page.entries.some((entry) => entry.id === entryId)));
}

/** A correction marks the entry it corrects, wherever that entry is loaded. */
function withCorrections(pages: TimelinePage[], entries: TimelineEntryView[]): TimelinePage[] {
  const corrections = entries.filter((entry) => entry.correctsId !== null);
  if (corrections.length === 0) return pages;
  return pages.map((page) => ({
    ...page,
    entries: page.entries.map((entry) => {
      const added = corrections.filter(
        (correction) =>
          correction.correctsId === entry.id && !entry.correctedBy.includes(correction.id),
      );
      if (added.length === 0) return entry;
      const correctedBy = [...entry.correctedBy, ...added.map((correction) => correction.id)];
      return {
        ...entry,
        correctedBy: correctedBy.sort(
          (a, b) => a.length - b.length || (a > b ? 1 : a < b ? -1 : 0),
        ),
      };
    }),
  }));
}

/** The writer's own entry, from the answer of its write: no refetch needed. */
export function insertEntry(
  old: TimelinePages | undefined,
  entry: TimelineEntryView,
): TimelinePages | undefined {
  const [first, ...rest] = old?.pages ?? [];
  if (!old || !first || hasEntry(old, entry.id)) return old;
  return {
    ...old,
    pages: withCorrections(
      [{ ...first, entries: [...first.entries, entry].sort(newestFirst) }, ...rest],
      [entry],
    ),
  };
}

/**
 * A freshly read first page over what is loaded. Entries it pushed past its end stay on the first loaded page, so
 * older loaded pages still follow on without a gap; if nothing overlaps, the entries in between are unknown and
 * only the fresh first page is kept.
 */
export function mergeFirstPage(old: TimelinePages | undefined, fresh: TimelinePage): TimelinePages {
  const [first, ...rest] = old?.pages ?? [];
  if (!old || !first || rest.length === 0 || fresh.nextBefore === null)
    return { pages: [fresh], pageParams: [null] };
  const freshIds = new Set(fresh.entries.map((entry) => entry.id));
  const overlaps =
    first.entries.length === 0 || first.entries.some((entry) => freshIds.has(entry.id));
  if (!overlaps) return { pages: [fresh], pageParams: [null] };
  const merged = {
    entries: [...fresh.entries, ...first.entries.filter((entry) => !freshIds.has(entry.id))].sort(
      newestFirst,
    ),
    nextBefore: first.nextBefore,
  };
  return { ...old, pages: withCorrections([merged, ...rest], fresh.entries) };
}
