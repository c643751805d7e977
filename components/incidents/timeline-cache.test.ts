import { describe, expect, it } from "vitest";
import {
  insertEntry,
  mergeFirstPage,
  type TimelinePages,
} from "@/components/incidents/timeline-cache";
import type { TimelineEntryView } from "@/lib/incidents/types";

function entry(id: number, correctsId: string | null = null): TimelineEntryView {
  return {
    id: String(id),
    kind: correctsId ? "correction" : "note",
    body: `entry ${id}`,
    details: {},
    occurredAt: new Date(Date.UTC(2026, 11, 7, 12, 0, id)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 11, 7, 12, 0, id)).toISOString(),
    authorLabel: "someone",
    authorName: null,
    correctsId,
    correctedBy: [],
    stepKey: null,
  };
}
const ids = (pages: TimelinePages | undefined) =>
  pages?.pages.map((page) => page.entries.map((item) => item.id));
const range = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, index) => entry(from - index));

describe("the timeline cache", () => {
  it("puts the writer's own entry in order on the first page, once, and marks what it corrects on any loaded page", () => {
    const loaded: TimelinePages = {
      pages: [
        { entries: range(10, 9), nextBefore: "9" },
        { entries: range(8, 7), nextBefore: "7" },
      ],
      pageParams: [null, "9"],
    };
    const inserted = insertEntry(loaded, entry(11, "7"));
    expect(ids(inserted)).toEqual([
      ["11", "10", "9"],
      ["8", "7"],
    ]);
    expect(inserted?.pages[1]?.entries[1]?.correctedBy).toEqual(["11"]);
    expect(insertEntry(inserted, entry(11, "7"))).toBe(inserted);
  });

  it("lays a fresh first page over the loaded pages without losing the entries it pushed out", () => {
    const loaded: TimelinePages = {
      pages: [
        { entries: range(10, 9), nextBefore: "9" },
        { entries: range(8, 7), nextBefore: "7" },
      ],
      pageParams: [null, "9"],
    };
    const merged = mergeFirstPage(loaded, { entries: range(11, 10), nextBefore: "10" });
    expect(ids(merged)).toEqual([
      ["11", "10", "9"],
      ["8", "7"],
    ]);
    expect(merged.pages[0]?.nextBefore).toBe("9");
  });

  it("keeps only the fresh first page when it does not reach what was loaded, or when it is the whole timeline", () => {
    const loaded: TimelinePages = {
      pages: [
        { entries: range(10, 9), nextBefore: "9" },
        { entries: range(8, 7), nextBefore: "7" },
      ],
      pageParams: [null, "9"],
    };
    expect(ids(mergeFirstPage(loaded, { entries: range(14, 13), nextBefore: "13" }))).toEqual([
      ["14", "13"],
    ]);
    expect(ids(mergeFirstPage(loaded, { entries: range(11, 7), nextBefore: null }))).toEqual([
      ["11", "10", "9", "8", "7"],
    ]);
  });
});
