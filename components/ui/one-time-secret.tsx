"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** A secret the server will never show again: shown once, copyable, dismissed by the user. */
export function OneTimeSecret({
  title,
  value,
  note,
  testId,
  onDismiss,
}: {
  title: string;
  value: string;
  note: ReactNode;
  testId: string;
  onDismiss: () => void;
}) {
  return (
    <div role="status" className="rounded-md border border-accent/50 bg-accent-soft p-3">
      <p className="text-sm font-semibold">{title}</p>
      <p className="mt-0.5 text-xs text-muted">{note}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="rounded border border-line bg-surface px-2 py-1 font-mono text-sm break-all select-all"
        >
          {value}
        </code>
        <CopyButton value={value} />
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    </div>
  );
}

/** What a mutation last created, until the user dismisses it (a new result shows again). */
export function useDismissible<T>(data: T | undefined) {
  const [dismissed, setDismissed] = useState<T | undefined>(undefined);
  return {
    shown: data !== undefined && data !== dismissed ? data : null,
    dismiss: () => setDismissed(data),
  };
}
