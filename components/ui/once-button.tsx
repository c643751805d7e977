"use client";

import type { ComponentProps } from "react";
import { refusalOf } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";

type OneTimeMutation = {
  mutate: () => void;
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
};

/**
 * A button for something done once, like an acknowledgement: it says what it is doing, stays disabled once done,
 * and shows a refusal under it.
 */
export function OnceButton({
  mutation,
  label,
  pendingLabel,
  doneLabel,
  ...buttonProps
}: { mutation: OneTimeMutation; label: string; pendingLabel: string; doneLabel: string } & Omit<
  ComponentProps<typeof Button>,
  "onClick" | "disabled" | "children"
>) {
  return (
    <div>
      <Button
        disabled={mutation.isPending || mutation.isSuccess}
        onClick={() => mutation.mutate()}
        {...buttonProps}
      >
        {mutation.isPending ? pendingLabel : mutation.isSuccess ? doneLabel : label}
      </Button>
      <InlineError message={refusalOf(mutation.error)?.message ?? null} />
    </div>
  );
}
