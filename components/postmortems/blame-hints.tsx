"use client";

import { useDeferredValue, useEffect, useMemo, useState } from "react";
import type { BlameHint, findBlameHints } from "@/lib/postmortems/blame";
import type { PostmortemSection } from "@/lib/postmortems/types";

/** The hints the server found in the text as loaded: shown at once, before the matcher's code is fetched. */
export type InitialBlameHints = { text: string; hints: BlameHint[] };

let findHints: typeof findBlameHints | null = null;
let loadingFinder: Promise<void> | null = null;

// The matcher (a set of large patterns) loads on the first edit, keeping it out of the page's first JavaScript, which has a size budget.
function loadFinder(): Promise<void> {
  loadingFinder ??= import("@/lib/postmortems/blame").then((module) => {
    findHints = module.findBlameHints;
  });
  return loadingFinder;
}

function distinct(hints: BlameHint[]): BlameHint[] {
  const seen = new Set<string>();
  return hints.filter((hint) => {
    const key = hint.phrase.toLowerCase();
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** Gentle, never blocking: phrases that point at a person, each with a way to say it about the system instead. */
export function BlameHints({
  text,
  section,
  initial,
}: {
  text: string;
  section: PostmortemSection;
  initial: InitialBlameHints;
}) {
  // Deferred so typing stays smooth in a long section; the hint may trail a keystroke behind.
  const deferred = useDeferredValue(text);
  const [ready, setReady] = useState(findHints !== null);
  const edited = deferred !== initial.text;
  useEffect(() => {
    if (edited && !ready) void loadFinder().then(() => setReady(true));
  }, [edited, ready]);
  const hints = useMemo(() => {
    if (!edited) return distinct(initial.hints);
    return ready && findHints ? distinct(findHints(deferred, { section })) : [];
  }, [edited, ready, deferred, section, initial.hints]);
  if (hints.length === 0) return null;
  return (
    <ul
      className="flex flex-col gap-1 rounded-md border border-degraded/40 bg-degraded-bg px-2.5 py-1.5 text-xs text-degraded"
      data-testid="blame-hints"
      aria-live="polite"
    >
      {hints.slice(0, 5).map((hint) => (
        <li key={hint.phrase.toLowerCase()} data-testid="blame-hint">
          <span className="font-semibold">Blameless tip:</span> “{hint.phrase}” — {hint.suggestion}
        </li>
      ))}
      {hints.length > 5 ? (
        <li className="text-muted">…and {hints.length - 5} more phrases like these.</li>
      ) : null}
    </ul>
  );
}
