"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionResult } from "@/lib/errors";

export type FormActionFn<T> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;

/**
 * Submits through onSubmit instead of the form's action prop: React resets a form after every
 * action, which would wipe what the user typed when the server answers with field errors.
 */
export function useFormAction<T>(
  action: FormActionFn<T>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const resetOnSuccess = options.resetOnSuccess ?? false;

  useEffect(() => {
    if (resetOnSuccess && state?.ok) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return { state, pending, formRef, onSubmit };
}

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
