"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { acknowledgeHandoffAction } from "@/lib/handoffs/actions";

/** Shown to the incoming on-call only; the server refuses anyone else all the same. */
export function AcknowledgeButton({ handoffId }: { handoffId: string }) {
  const [state, dispatch, pending] = useActionState(acknowledgeHandoffAction, null);
  const router = useRouter();
  const done = state?.ok === true;

  useEffect(() => {
    // The page and the header's "On call" both change.
    if (done) router.refresh();
  }, [done, router]);

  return (
    <div>
      <Button
        variant="primary"
        disabled={pending || done}
        data-testid="handoff-acknowledge"
        onClick={() => {
          const formData = new FormData();
          formData.set("handoffId", handoffId);
          startTransition(() => dispatch(formData));
        }}
      >
        {pending ? "Acknowledging…" : done ? "Acknowledged" : "Acknowledge handoff"}
      </Button>
      <InlineError message={state && !state.ok ? state.error.message : null} />
    </div>
  );
}
