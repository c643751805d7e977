"use client";

import { useState } from "react";
import { controlClasses } from "@/components/ui/input";
import { type ActionResult, type ErrorBody, unshownErrorSummary } from "@/lib/errors";
import type { IncidentView } from "@/lib/incidents/types";

/** Sends a change made on `seen` (its version goes along); conflicts are shown by the workspace. */
export type UpdateIncident = (seen: IncidentView, fields: Record<string, string>, description: string) => Promise<ActionResult<IncidentView>>;

export const textareaClasses = `${controlClasses} h-auto py-1.5 leading-5`;

/** The message to show beside a control; a conflict is explained in the notice above instead. */
export function errorText(error: ErrorBody, shownFields: readonly string[] = []): string | null {
  if (error.code === "conflict") return "Not saved: the incident changed meanwhile. See what changed above.";
  return unshownErrorSummary(error, shownFields);
}

export function useUpdate(update: UpdateIncident) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  async function run(what: string, seen: IncidentView, fields: Record<string, string>, description: string): Promise<ActionResult<IncidentView>> {
    setPending(what);
    setError(null);
    const result = await update(seen, fields, description);
    setPending(null);
    if (!result.ok) setError(result.error);
    return result;
  }
  return { pending, error, run, clearError: () => setError(null) };
}

