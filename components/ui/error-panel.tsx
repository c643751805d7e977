"use client";

import { useEffect } from "react";

export function ErrorPanel({
  error,
  retry,
  title = "This page failed to load",
}: {
  error: unknown;
  retry: () => void;
  title?: string;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <div role="alert" data-testid="error-panel">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-muted">
        Something went wrong on our side. Try again; if it keeps failing, the database or the server
        may be down.
        {digest ? ` Reference ${digest}.` : null}
      </p>
      {/* A plain button with the primary look: the error boundaries load on every page, Button's variants need not. */}
      <button
        type="button"
        className="mt-3 inline-flex h-8 items-center justify-center gap-1.5 rounded-md border border-accent bg-accent px-3 text-sm font-medium whitespace-nowrap text-accent-text transition-colors hover:brightness-110"
        onClick={() => retry()}
      >
        Try again
      </button>
    </div>
  );
}
