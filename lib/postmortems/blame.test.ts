import { describe, expect, it } from "vitest";
import { blameSuggestions, findBlameHints } from "@/lib/postmortems/blame";

const phrases = (text: string) => findBlameHints(text).map((hint) => hint.phrase);

describe("findBlameHints", () => {
  it.each([
    ["It was Alice's fault.", ["Alice's fault"]],
    ["Honestly it was James' own fault", ["James' own fault"]],
    ["It was entirely his fault and the fault of the on-call", ["his fault", "the fault of"]],
    ["The deployer was at fault.", ["at fault"]],
    [
      "Bob should have checked; she shouldn't have merged; they should've known; he should not have",
      ["should have", "shouldn't have", "should've", "should not have"],
    ],
    ["A careless, negligent and incompetent change", ["careless", "negligent", "incompetent"]],
    [
      "Carelessness and negligence, sloppy work, a lazy review",
      ["Carelessness", "negligence", "sloppy", "lazy"],
    ],
    ["He forgot to renew the certificate and forgot the flag", ["forgot to", "forgot"]],
    [
      "Nobody bothered: he didn't bother to check and she did not bother",
      ["didn't bother to", "did not bother"],
    ],
    ["The engineer failed to notice the alert", ["failed to"]],
    [
      "She failed to roll back. The reviewer also failed to read the diff.",
      ["failed to", "failed to"],
    ],
    ["We blame Carol. Blaming helps nobody; Dave was blamed", ["blame", "Blaming", "blamed"]],
    ["A stupid mistake and a dumb error", ["stupid mistake", "dumb error"]],
    [
      "Root cause: human error. Also user error and operator error.",
      ["human error", "user error", "operator error"],
    ],
  ])("finds the blame in %j", (text, expected) => {
    expect(phrases(text)).toEqual(expected);
  });

  it.each([
    "The default config was faultless and fault-tolerant.",
    "Fault tolerance and fault injection are engineering words; a disk fault happened.",
    "Her shoulder hurt, so the shoulders of the team carried it.",
    "This is a blameless postmortem: no blame, nobody is to blame, not to blame anyone. We ran git blame on it.",
    "Lazy loading and lazily evaluated modules; the lazy-loaded chart",
    "The health check failed to connect and the deploy failed to start.",
    "It's fault tolerant, and it was nobody's fault, and no one's fault either.",
    "The alert fired at 14:03; the runbook lacked a rollback step.",
    "",
  ])("stays quiet on %j", (text) => {
    expect(findBlameHints(text)).toEqual([]);
  });

  it("is case-insensitive and reports exact offsets in the original text", () => {
    const text = "Summary.\nIt was MALLORY'S FAULT, and she SHOULD HAVE known.";
    const hints = findBlameHints(text);
    expect(hints.map(({ phrase, start, end }) => ({ phrase, start, end }))).toEqual([
      { phrase: "MALLORY'S FAULT", start: 16, end: 31 },
      { phrase: "SHOULD HAVE", start: 41, end: 52 },
    ]);
    for (const hint of hints) expect(text.slice(hint.start, hint.end)).toBe(hint.phrase);
  });

  it("understands typographic apostrophes and keeps them in the phrase", () => {
    const text =
      "It was Zoë’s fault: she shouldn’t have, and Bob should’ve, and they didn’t bother.";
    const hints = findBlameHints(text);
    expect(hints.map((hint) => hint.phrase)).toEqual([
      "Zoë’s fault",
      "shouldn’t have",
      "should’ve",
      "didn’t bother",
    ]);
    for (const hint of hints) expect(text.slice(hint.start, hint.end)).toBe(hint.phrase);
  });

  it("never returns overlapping hints, even where two rules match the same words", () => {
    const text = "He failed to notice it, she failed to read it.";
    const hints = findBlameHints(text);
    expect(hints.map((hint) => [hint.phrase, hint.start])).toEqual([
      ["failed to", 3],
      ["failed to", 28],
    ]);
    for (let index = 1; index < hints.length; index += 1)
      expect(hints[index]!.start).toBeGreaterThanOrEqual(hints[index - 1]!.end);
  });

  it("says something stronger about human error in the root causes section", () => {
    const [elsewhere] = findBlameHints("Human error.");
    const [asRootCause] = findBlameHints("Human error.", { section: "rootCauses" });
    expect(elsewhere?.suggestion).toBe(blameSuggestions.humanError);
    expect(asRootCause?.suggestion).toBe(
      "Human error is where the investigation starts, not a root cause: what made the mistake easy to make and hard to catch?",
    );
    expect(findBlameHints("It was Alice's fault", { section: "rootCauses" })[0]?.suggestion).toBe(
      blameSuggestions.fault,
    );
  });

  it("suggests looking at the system rather than the person", () => {
    const [fault] = findBlameHints("Bob's fault");
    expect(fault?.suggestion).toContain(
      "Describe what in the system let this happen — missing guardrails, unclear signals — rather than who",
    );
    const [hindsight] = findBlameHints("should have");
    expect(hindsight?.suggestion).toContain("hindsight");
  });

  it("stays fast on long text", () => {
    const text =
      "The deploy rolled out and the health check stayed green. ".repeat(400) + "Carol's fault.";
    const started = performance.now();
    expect(phrases(text)).toEqual(["Carol's fault"]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
