"use client";

import { Button, type ButtonVariant } from "@/components/ui/button";

/** A submit button that asks first with the browser's own dialog, which keyboards and screen readers handle. */
export function ConfirmButton({
  label,
  question,
  variant = "secondary",
  pending = false,
  testId,
}: {
  label: string;
  question: string;
  variant?: ButtonVariant;
  pending?: boolean;
  testId?: string;
}) {
  return (
    <Button
      type="submit"
      size="sm"
      variant={variant}
      disabled={pending}
      data-testid={testId}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      {pending ? "Working…" : label}
    </Button>
  );
}
