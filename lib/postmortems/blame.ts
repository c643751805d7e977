import type { PostmortemSection } from "@/lib/postmortems/types";

export type BlameHint = { phrase: string; start: number; end: number; suggestion: string };

const systemInstead =
  "Describe what in the system let this happen — missing guardrails, unclear signals — rather than who.";

export const blameSuggestions = {
  fault: `Fault points at a person. ${systemInstead}`,
  blame: `A blameless postmortem looks for causes, not culprits. ${systemInstead}`,
  hindsight:
    "“Should have” is hindsight. Describe what people knew and saw at the time, and what would have made the safer path the obvious one.",
  judgement:
    "This judges a person, not the system. Describe the conditions that made the mistake easy to make and hard to catch.",
  missedStep:
    "Describe what let this step be missed — no checklist, no reminder, no automated check — rather than who missed it.",
  humanError:
    "“Human error” names who, not why. Describe what made the action possible and why it looked right at the time.",
  humanErrorAsRootCause:
    "Human error is where the investigation starts, not a root cause: what made the mistake easy to make and hard to catch?",
} as const;

type Rule = {
  pattern: RegExp;
  suggestion: (section: PostmortemSection | undefined) => string;
  /** Drops matches that only look like blame, given the match and the normalized text. */
  accept?: (match: RegExpExecArray) => boolean;
};

// Letters and digits in any script count as word characters, so "Zoë's fault" and "default" behave.
const before = String.raw`(?<![\p{L}\p{N}_])`;
const after = String.raw`(?![\p{L}\p{N}_])`;
const word = (source: string) => new RegExp(`${before}(?:${source})${after}`, "giu");

// "fault tolerance", "fault-tolerant", "fault injection" are engineering terms, not blame.
const notEngineeringFault = String.raw`(?![\s-]*(?:toleran|injection|domain|isolation|detection|handling|line|code|path|tree))`;
// "lazy loading", "lazily evaluated" and friends.
const notEngineeringLazy = String.raw`(?![\s-]*(?:load|eval|init|import|compil|fetch|propagat|instantiat|render|hydrat|mount|sequence|list|stream|iterat|migrat|value|var|static|property|attribute|route|module|query|quer|compute|deseriali|pars|expan|match|quantifier|consum|allocat|bind|connect|creat|delet|sync))`;

const notAPossessor = new Set([
  "it",
  "that",
  "this",
  "what",
  "there",
  "here",
  "who",
  "which",
  "where",
  "let",
  "nobody",
  "anybody",
  "anyone",
  "everyone",
  "everybody",
  "noone",
  "nothing",
  "something",
  "everything",
]);

// A person as the subject right before "failed to": pronouns and the roles people hold.
const personSubject = String.raw`(?:he|she|they|i|we|you|someone|somebody|engineer|engineers|developer|developers|dev|devs|operator|operators|on-?call|on-?caller|responder|responders|reviewer|reviewers|admin|administrator|author|deployer|intern|teammate|colleague|person|human|sre|owner|maintainer)`;
const personAdverb = String.raw`(?:\s+(?:also|had|has|have|then|simply|just|completely|again|clearly|obviously|repeatedly))?`;
// Things people do that systems rarely "fail to" do.
const humanVerb = String.raw`(?:notice|realise|realize|remember|double-check|pay\s+attention|read|follow|review|test|communicate|escalate|ask|think|consider|understand|anticipate|bother|consult|mention|tell|inform|verify|heed|listen|care)`;

const rules: Rule[] = [
  {
    pattern: word(
      String.raw`([\p{L}\p{N}][\p{L}\p{N}_.-]*)(?:'s|(?<=s)')(?:\s+own)?\s+fault${notEngineeringFault}`,
    ),
    suggestion: () => blameSuggestions.fault,
    accept: (match) => {
      const possessor = (match[1] ?? "").toLowerCase();
      if (notAPossessor.has(possessor)) return false;
      // "no one's fault" says the opposite.
      return !(
        possessor === "one" &&
        /no[\s-]$/i.test(match.input.slice(Math.max(0, match.index - 3), match.index))
      );
    },
  },
  {
    pattern: word(
      String.raw`(?:my|his|her|their|your|our)(?:\s+own)?\s+fault${notEngineeringFault}`,
    ),
    suggestion: () => blameSuggestions.fault,
  },
  {
    pattern: word(String.raw`the\s+fault\s+of|at\s+fault`),
    suggestion: () => blameSuggestions.fault,
  },
  {
    pattern: word(
      String.raw`(?<!(?:git|no|not|without|never|not\s+to)\s+)(?<!(?:nobody|no\s+one|noone|none\s+of\s+us)\s+(?:is|was|are|were)\s+to\s+)blam(?:e|es|ed|ing|eworthy)(?!-free|less)`,
    ),
    suggestion: () => blameSuggestions.blame,
  },
  {
    pattern: word(String.raw`should(?:n't|\s+not)?(?:\s+have|'ve)|ought\s+to\s+have`),
    suggestion: () => blameSuggestions.hindsight,
  },
  {
    pattern: word(
      String.raw`careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|tly|ce)|sloppy|sloppily|sloppiness|lazy${notEngineeringLazy}|laziness|(?:stupid|dumb|silly|idiotic)\s+(?:mistake|mistakes|error|errors|move|decision|thing)`,
    ),
    suggestion: () => blameSuggestions.judgement,
  },
  {
    pattern: word(
      String.raw`forgot(?:\s+to)?|forgotten\s+to|neglected\s+to|(?:did\s*n't|did\s+not|never|could\s*n't\s+be|could\s+not\s+be)\s+bother(?:ed)?(?:\s+to)?`,
    ),
    suggestion: () => blameSuggestions.missedStep,
  },
  {
    pattern: word(String.raw`(?<=${before}${personSubject}${personAdverb}\s+)failed\s+to`),
    suggestion: () => blameSuggestions.missedStep,
  },
  {
    pattern: word(String.raw`failed\s+to(?=\s+${humanVerb}${after})`),
    suggestion: () => blameSuggestions.missedStep,
  },
  {
    pattern: word(String.raw`(?:human|user|operator|pilot|engineer)\s+errors?`),
    suggestion: (section) =>
      section === "rootCauses"
        ? blameSuggestions.humanErrorAsRootCause
        : blameSuggestions.humanError,
  },
];

/** Matching runs on a copy with typographic apostrophes made plain; each is one UTF-16 unit, so offsets stay exact. */
function normalizeApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC\u2032`]/g, "'");
}

/**
 * Phrases that point at a person rather than the system, with a gentle suggestion each.
 * A hint, never a block: callers show them beside the text and save regardless.
 */
export function findBlameHints(
  text: string,
  options: { section?: PostmortemSection } = {},
): BlameHint[] {
  const normalized = normalizeApostrophes(text);
  const found: BlameHint[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(normalized); match; match = rule.pattern.exec(normalized)) {
      if (match[0].length === 0) {
        rule.pattern.lastIndex += 1;
        continue;
      }
      if (rule.accept && !rule.accept(match)) continue;
      const start = match.index;
      const end = start + match[0].length;
      found.push({
        phrase: text.slice(start, end),
        start,
        end,
        suggestion: rule.suggestion(options.section),
      });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const hints: BlameHint[] = [];
  for (const hint of found) {
    const last = hints.at(-1);
    if (last && hint.start < last.end) continue;
    hints.push(hint);
  }
  return hints;
}
