import { describe, expect, it } from "vitest";
import {
  cleanCuration,
  dirtyParts,
  patchOf,
  rebaseDraft,
  sameCuration,
} from "@/components/postmortems/content-merge";
import { emptyPostmortemContent } from "@/lib/postmortems/labels";
import type { PostmortemContent } from "@/lib/postmortems/types";

const content = (overrides: Partial<PostmortemContent> = {}): PostmortemContent => ({
  ...emptyPostmortemContent,
  ...overrides,
});

describe("dirtyParts and patchOf", () => {
  it("send only the sections and curation that differ from what the server has", () => {
    const base = content({ summary: "a", lessons: "b" });
    const draft = content({
      summary: "a",
      lessons: "b2",
      timeline: { excluded: ["7"], annotations: {} },
    });
    expect(dirtyParts(base, draft)).toEqual(["lessons", "timeline"]);
    expect(patchOf(draft, ["lessons", "timeline"])).toEqual({
      lessons: "b2",
      timeline: { excluded: ["7"], annotations: {} },
    });
  });

  it("treat a blank annotation as none and ignore the order of exclusions", () => {
    const a = { excluded: ["1", "2"], annotations: { "3": "note", "4": "  " } };
    const b = { excluded: ["2", "1"], annotations: { "3": "note" } };
    expect(sameCuration(a, b)).toBe(true);
    expect(sameCuration(a, { ...b, annotations: { "3": "other" } })).toBe(false);
    expect(cleanCuration(a)).toEqual({ excluded: ["1", "2"], annotations: { "3": "note" } });
    expect(dirtyParts(content({ timeline: a }), content({ timeline: b }))).toEqual([]);
  });
});

describe("rebaseDraft", () => {
  const base = content({ summary: "base summary", impact: "base impact", lessons: "base lessons" });

  it("takes their text where only they changed and keeps mine where only I did", () => {
    const draft = content({ ...base, summary: "my summary" });
    const current = content({ ...base, impact: "their impact" });
    const { draft: merged, conflicts } = rebaseDraft(base, draft, current);
    expect(merged.summary).toBe("my summary");
    expect(merged.impact).toBe("their impact");
    expect(conflicts).toEqual({ sections: [], annotations: [] });
  });

  it("reports a section both changed differently and keeps my text in the draft", () => {
    const draft = content({ ...base, summary: "my summary", lessons: "same lessons" });
    const current = content({ ...base, summary: "their summary", lessons: "same lessons" });
    const { draft: merged, conflicts } = rebaseDraft(base, draft, current);
    expect(merged.summary).toBe("my summary");
    expect(conflicts.sections).toEqual([{ part: "summary", theirs: "their summary" }]);
  });

  it("merges the timeline curation entry by entry and reports an annotation both rewrote", () => {
    const baseTimeline = content({ timeline: { excluded: ["1"], annotations: { "5": "old" } } });
    const draft = content({
      timeline: { excluded: ["1", "2"], annotations: { "5": "mine", "6": "new of mine" } },
    });
    const current = content({
      timeline: { excluded: ["3"], annotations: { "5": "theirs", "7": "new of theirs" } },
    });
    const { draft: merged, conflicts } = rebaseDraft(baseTimeline, draft, current);
    expect(new Set(merged.timeline.excluded)).toEqual(new Set(["2", "3"]));
    expect(merged.timeline.annotations).toEqual({
      "5": "mine",
      "6": "new of mine",
      "7": "new of theirs",
    });
    expect(conflicts.annotations).toEqual([{ entryId: "5", theirs: "theirs" }]);
  });
});
