import type { PostmortemSection } from "@/lib/postmortems/labels";

// Apart from labels.ts: only the document editor shows them, and every page with a status label loads labels.ts.
export const postmortemSectionHints: Record<PostmortemSection, string> = {
  summary: "What happened, in two or three sentences a newcomer would understand.",
  impact: "What users saw and could not do. The facts above come from the incident.",
  detection:
    "How it was noticed: an alert, a user report, a teammate. Could it have been noticed sooner?",
  rootCauses: "The conditions in the system that made this possible, not who pressed which button.",
  contributingFactors:
    "What made it worse or slower to fix: missing alerts, unclear runbooks, load, timing.",
  wentWell: "What helped: tooling, people, luck worth turning into process.",
  wasHard: "Where responders lost time or had to guess.",
  lessons: "What the team now knows that it did not before.",
};
