"use client";

import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { runAction } from "@/components/ui/action-mutation";
import { OnceButton } from "@/components/ui/once-button";
import { acknowledgeHandoffAction } from "@/lib/handoffs/actions";

/** Shown to the incoming on-call only; the server refuses anyone else all the same. */
export function AcknowledgeButton({ handoffId }: { handoffId: string }) {
  const router = useRouter();
  const acknowledge = useMutation({
    mutationFn: () => runAction(() => acknowledgeHandoffAction(handoffId)),
    // The page and the header's "On call" both change.
    onSuccess: () => router.refresh(),
  });
  return (
    <OnceButton
      mutation={acknowledge}
      variant="primary"
      data-testid="handoff-acknowledge"
      label="Acknowledge handoff"
      pendingLabel="Acknowledging…"
      doneLabel="Acknowledged"
    />
  );
}
