"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import type { ActionResult } from "@/lib/errors";

/** A form's fields as the plain object its action takes; the action parses it with its schema. */
export const formFields = <Input>(form: FormData) => Object.fromEntries(form) as Input;

/**
 * A form that saves through a server action: the form's fields become the action's plain input (`toInput`, by
 * default the fields as they are), and the mutation's outcome comes back in the shape the field helpers read
 * (fieldErrors, formError).
 */
export function useFormMutation<Input, T>(
  call: (input: Input) => Promise<ActionResult<T>>,
  options: {
    toInput?: (form: FormData) => Input;
    resetOnSuccess?: boolean;
    onSuccess?: (data: T) => void;
  },
) {
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: Input) => runAction(() => call(input)),
    onSuccess: (data) => {
      options.onSuccess?.(data);
      if (options.resetOnSuccess) formRef.current?.reset();
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const toInput = options.toInput ?? formFields<Input>;
    mutation.mutate(toInput(new FormData(event.currentTarget)));
  }
  return {
    mutation,
    state: mutationResult(mutation),
    pending: mutation.isPending,
    formRef,
    onSubmit,
  };
}

/** A form's submit handler that runs `run` with the form instead of posting it (buttons stay keyboard-submittable). */
export const submitsWith =
  (run: (form: HTMLFormElement) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(event.currentTarget);
  };
