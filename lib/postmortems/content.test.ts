import { describe, expect, it } from "vitest";
import {
  applyContentPatch,
  changedParts,
  normalizePostmortemContent,
} from "@/lib/postmortems/content";
import { emptyPostmortemContent } from "@/lib/postmortems/labels";
import type { PostmortemContent } from "@/lib/postmortems/types";

const content = (overrides: Partial<PostmortemContent>): PostmortemContent => ({
  ...emptyPostmortemContent,
  ...overrides,
});

describe("normalizePostmortemContent", () => {
  it("turns an empty object, null or a non-object into the empty template", () => {
    expect(normalizePostmortemContent({})).toEqual(emptyPostmortemContent);
    expect(normalizePostmortemContent(null)).toEqual(emptyPostmortemContent);
    expect(normalizePostmortemContent("text")).toEqual(emptyPostmortemContent);
    expect(normalizePostmortemContent([1, 2])).toEqual(emptyPostmortemContent);
  });

  it("reads the legacy draft keys userImpact and rootCause, and drops the other old keys", () => {
    const normalized = normalizePostmortemContent({
      summary: "Login failed",
      userImpact: "No one could sign in",
      rootCause: "Expired cert",
      followUps: ["x"],
      services: ["api"],
    });
    expect(normalized).toEqual(
      content({
        summary: "Login failed",
        impact: "No one could sign in",
        rootCauses: "Expired cert",
      }),
    );
    expect(normalized).not.toHaveProperty("followUps");
  });

  it("prefers the new keys over the legacy ones", () => {
    expect(
      normalizePostmortemContent({
        impact: "new",
        userImpact: "old",
        rootCauses: "new cause",
        rootCause: "old cause",
      }),
    ).toMatchObject({ impact: "new", rootCauses: "new cause" });
  });

  it("ignores sections of the wrong type and malformed timeline curation", () => {
    const normalized = normalizePostmortemContent({
      summary: 42,
      lessons: "kept",
      timeline: {
        excluded: ["12", "x", 7, "12", "3"],
        annotations: { "5": "context", bad: "no", "6": 3, "7": "  " },
      },
    });
    expect(normalized.summary).toBe("");
    expect(normalized.lessons).toBe("kept");
    expect(normalized.timeline).toEqual({ excluded: ["3", "12"], annotations: { "5": "context" } });
  });
});

describe("applyContentPatch", () => {
  const base = content({
    summary: "old summary",
    impact: "old impact",
    timeline: { excluded: ["1"], annotations: { "2": "note" } },
  });

  it("changes only the sections the patch names", () => {
    const next = applyContentPatch(base, { summary: "new summary" });
    expect(next).toEqual({ ...base, summary: "new summary" });
    expect(base.summary).toBe("old summary");
  });

  it("clears a section sent as an empty string", () => {
    expect(applyContentPatch(base, { impact: "" }).impact).toBe("");
  });

  it("replaces the timeline parts it names and keeps the others", () => {
    expect(applyContentPatch(base, { timeline: { excluded: ["4", "3"] } }).timeline).toEqual({
      excluded: ["3", "4"],
      annotations: { "2": "note" },
    });
    expect(
      applyContentPatch(base, { timeline: { annotations: { "9": "why", "2": "" } } }).timeline,
    ).toEqual({ excluded: ["1"], annotations: { "9": "why" } });
  });
});

describe("changedParts", () => {
  it("lists nothing for equal content, even with annotations and exclusions in another order", () => {
    const a = content({ timeline: { excluded: ["2", "10"], annotations: { "1": "a", "3": "b" } } });
    const b = content({ timeline: { excluded: ["10", "2"], annotations: { "3": "b", "1": "a" } } });
    expect(changedParts(a, b)).toEqual([]);
  });

  it("lists changed sections in the document's order with the timeline after detection", () => {
    const before = content({ summary: "a", lessons: "x" });
    const after = content({
      summary: "b",
      lessons: "y",
      rootCauses: "c",
      timeline: { excluded: ["1"], annotations: {} },
    });
    expect(changedParts(before, after)).toEqual(["summary", "timeline", "rootCauses", "lessons"]);
  });

  it("sees an annotation edit as a timeline change", () => {
    const before = content({ timeline: { excluded: [], annotations: { "1": "a" } } });
    expect(
      changedParts(before, content({ timeline: { excluded: [], annotations: { "1": "b" } } })),
    ).toEqual(["timeline"]);
  });
});
