import { refusalOf } from "@/components/ui/action-mutation";

/**
 * A row action's failure in one line: its field messages, else its message; a plain version conflict (no fields)
 * reads as `conflictMessage` when one is given.
 */
export function refusalMessage(error: unknown, conflictMessage?: string): string | null {
  const refusal = refusalOf(error);
  if (!refusal) return null;
  if (conflictMessage && refusal.code === "conflict" && !refusal.fields) return conflictMessage;
  const fieldMessages = Object.values(refusal.fields ?? {}).flat();
  return fieldMessages.length > 0 ? fieldMessages.join(" ") : refusal.message;
}
