import { refusalOf } from "@/components/ui/action-mutation";
import { errorSummary } from "@/lib/errors";

/**
 * A row action's failure in one line: its field messages, else its message; a plain version conflict (no fields)
 * reads as `conflictMessage` when one is given.
 */
export function refusalMessage(error: unknown, conflictMessage?: string): string | null {
  const refusal = refusalOf(error);
  if (!refusal) return null;
  if (conflictMessage && refusal.code === "conflict" && !refusal.fields) return conflictMessage;
  return errorSummary(refusal);
}
