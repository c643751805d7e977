import type { ActionResult } from "@/lib/errors";

export function fieldErrors<T>(state: ActionResult<T> | null, field: string): string[] | undefined {
  if (!state || state.ok) return undefined;
  return state.error.fields?.[field];
}

/** The message to show above the form: anything not already shown under one of its fields. */
export function formError<T>(
  state: ActionResult<T> | null,
  shownFields: readonly string[],
): string | null {
  if (!state || state.ok) return null;
  const fields = state.error.fields;
  if (!fields) return state.error.message;
  const unshown = Object.entries(fields).filter(([field]) => !shownFields.includes(field));
  if (unshown.length === 0) return null;
  return unshown.flatMap(([, messages]) => messages).join(" ") || state.error.message;
}
