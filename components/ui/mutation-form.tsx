import type { ComponentProps, FormEvent, ReactNode, RefObject } from "react";
import { Alert } from "@/components/ui/alert";

/**
 * A form saved through a mutation: the error no field shows above it, then `notice` (what the last save did),
 * then the form itself, posted by `onSubmit` so the browser never reloads the page.
 */
export function MutationForm({
  form: { formRef, onSubmit },
  topError,
  notice,
  children,
  ...formProps
}: {
  form: {
    formRef: RefObject<HTMLFormElement | null>;
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  topError: string | null;
  notice?: ReactNode;
} & Omit<ComponentProps<"form">, "ref" | "method" | "onSubmit" | "noValidate">) {
  return (
    <>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {notice}
      <form ref={formRef} method="post" onSubmit={onSubmit} noValidate {...formProps}>
        {children}
      </form>
    </>
  );
}
