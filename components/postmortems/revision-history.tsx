"use client";

import { lazy, Suspense, useState } from "react";
import type { RevisionView } from "@/lib/postmortems/types";

// Read only when opened: the list stays out of the page's first JavaScript, which has a size budget.
const RevisionList = lazy(() =>
  import("@/components/postmortems/revision-list").then((module) => ({
    default: module.RevisionList,
  })),
);

/** Every saved revision, newest first, each readable in full: kept after publishing too. */
export function RevisionHistory({ revisions }: { revisions: RevisionView[] }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="rounded-lg border border-line bg-surface"
      data-testid="revision-history"
      onToggle={(event) => setOpened(opened || event.currentTarget.open)}
    >
      <summary className="cursor-pointer px-4 py-2.5 text-sm font-semibold">
        Revision history <span className="font-normal text-muted">({revisions.length})</span>
      </summary>
      {opened ? (
        <Suspense
          fallback={
            <p className="border-t border-line p-3 text-xs text-muted">Loading the revisions…</p>
          }
        >
          <RevisionList revisions={revisions} />
        </Suspense>
      ) : null}
    </details>
  );
}
