import type { ComponentProps, FormEvent, ReactNode, RefObject } from "react";
import { Alert } from "@/components/ui/alert";
import { formError } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

/**
 * A form saved through a mutation: above it the error its fields do not show (`shownFields` show their own), or
 * what the last save did (`saved`); the form is posted by `onSubmit`, so the browser never reloads the page.
 */
export function MutationForm<T>({
  form: { formRef, onSubmit, state },
  shownFields = [],
  topError = formError(state, shownFields),
  saved,
  savedTestId,
  children,
  ...formProps
}: {
  form: {
    formRef: RefObject<HTMLFormElement | null>;
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
    state: ActionResult<T> | null;
  };
  shownFields?: readonly string[];
  /** Instead of the error worked out from `shownFields`, e.g. null while a stale-change alert explains it. */
  topError?: string | null;
  saved?: (data: T) => ReactNode;
  savedTestId?: string;
} & Omit<ComponentProps<"form">, "ref" | "method" | "onSubmit" | "noValidate">) {
  return (
    <>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {state?.ok && saved ? (
        <Alert tone="success" data-testid={savedTestId}>
          {saved(state.data)}
        </Alert>
      ) : null}
      <form ref={formRef} method="post" onSubmit={onSubmit} noValidate {...formProps}>
        {children}
      </form>
    </>
  );
}
