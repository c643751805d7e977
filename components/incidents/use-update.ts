"use client";

import { useMutation } from "@tanstack/react-query";
import { refusalOf, runAction, unansweredAction } from "@/components/ui/action-mutation";
import { controlClasses } from "@/components/ui/input";
import { type ActionResult, type ErrorBody, unshownErrorSummary } from "@/lib/errors";
import type { IncidentView } from "@/lib/incidents/types";

/** Sends a change made on `seen` (its version goes along); conflicts are shown by the workspace. */
export type UpdateIncident = (
  seen: IncidentView,
  fields: Record<string, string>,
  description: string,
) => Promise<ActionResult<IncidentView>>;

export const textareaClasses = `${controlClasses} h-auto py-1.5 leading-5`;

/** The message to show beside a control; a conflict is explained in the notice above instead. */
export function errorText(error: ErrorBody, shownFields: readonly string[] = []): string | null {
  if (error.code === "conflict")
    return "Not saved: the incident changed meanwhile. See what changed above.";
  return unshownErrorSummary(error, shownFields);
}

type Change = {
  what: string;
  seen: IncidentView;
  fields: Record<string, string>;
  description: string;
};

/** One control's change as a mutation: `pending` names the change under way, `error` is its refusal. */
export function useUpdate(update: UpdateIncident) {
  const mutation = useMutation({
    mutationFn: ({ seen, fields, description }: Change) =>
      runAction(() => update(seen, fields, description)),
  });
  async function run(
    what: string,
    seen: IncidentView,
    fields: Record<string, string>,
    description: string,
  ): Promise<ActionResult<IncidentView>> {
    try {
      return { ok: true, data: await mutation.mutateAsync({ what, seen, fields, description }) };
    } catch (error) {
      return { ok: false, error: refusalOf(error) ?? unansweredAction };
    }
  }
  const pending = mutation.isPending ? (mutation.variables?.what ?? null) : null;
  return { pending, error: refusalOf(mutation.error), run, clearError: mutation.reset };
}
