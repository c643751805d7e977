"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export function ErrorPanel({ error, retry, title = "This page failed to load" }: { error: unknown; retry: () => void; title?: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" data-testid="error-panel">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-muted">
        Something went wrong on our side. Try again; if it keeps failing, the database or the server may be down.
        {digest ? ` Reference ${digest}.` : null}
      </p>
      <Button variant="primary" className="mt-3" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
