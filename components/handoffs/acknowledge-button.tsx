"use client";

import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { InlineError } from "@/components/ui/inline-error";
import { acknowledgeHandoffAction } from "@/lib/handoffs/actions";

/** Shown to the incoming on-call only; the server refuses anyone else all the same. */
export function AcknowledgeButton({ handoffId }: { handoffId: string }) {
  const router = useRouter();
  const acknowledge = useMutation({
    mutationFn: () => runAction(() => acknowledgeHandoffAction(handoffId)),
    // The page and the header's "On call" both change.
    onSuccess: () => router.refresh(),
  });
  const pending = acknowledge.isPending;
  const done = acknowledge.isSuccess;

  return (
    <div>
      <Button
        variant="primary"
        disabled={pending || done}
        data-testid="handoff-acknowledge"
        onClick={() => acknowledge.mutate()}
      >
        {pending ? "Acknowledging…" : done ? "Acknowledged" : "Acknowledge handoff"}
      </Button>
      <InlineError message={refusalOf(acknowledge.error)?.message ?? null} />
    </div>
  );
}
