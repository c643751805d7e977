"use client";

import type { SaveStatus } from "@/components/postmortems/postmortem-editor-store";
import { Button } from "@/components/ui/button";
import { formatUtcClock } from "@/lib/time/format";

/** Saving… / Saved 14:03 / Not saved: why. The text stays in the editor whatever happens. */
export function AutosaveStatus({
  status,
  conflicted,
  onRetry,
}: {
  status: SaveStatus;
  conflicted: boolean;
  onRetry: () => void;
}) {
  const text =
    status.state === "saving"
      ? "Saving…"
      : status.state === "saved"
        ? `Saved ${formatUtcClock(new Date(status.at))}`
        : status.state === "pending"
          ? "Unsaved changes: saving when you pause…"
          : status.state === "error"
            ? status.message
            : "Changes save automatically.";
  return (
    <div className="flex items-center gap-2" aria-live="polite">
      <span
        role="status"
        className={`text-xs ${status.state === "error" ? "font-semibold text-danger" : status.state === "saved" ? "text-up" : "text-muted"}`}
        data-testid="autosave-status"
        data-state={status.state}
      >
        {text}
      </span>
      {conflicted ? (
        <a
          href="#postmortem-conflict"
          className="text-xs font-medium text-accent underline underline-offset-2"
          data-testid="autosave-see-conflict"
        >
          See what changed
        </a>
      ) : status.state === "error" ? (
        <Button size="sm" variant="ghost" onClick={onRetry} data-testid="autosave-retry">
          Try again
        </Button>
      ) : null}
    </div>
  );
}
