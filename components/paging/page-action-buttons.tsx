"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { OnceButton } from "@/components/ui/once-button";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { acknowledgePageAction, declareIncidentFromPageAction } from "@/lib/paging/actions";
import { pagingKeys } from "@/lib/paging/query-keys";

export function AcknowledgePageButton({
  pageId,
  via = "web",
  size = "md",
  label = "Acknowledge",
}: {
  pageId: string;
  via?: "web" | "link";
  size?: "sm" | "md";
  label?: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () => runAction(() => acknowledgePageAction(pageId, via)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: pagingKeys.all });
      router.refresh();
    },
  });
  return (
    <OnceButton
      mutation={acknowledge}
      variant="primary"
      size={size}
      className={size === "md" ? "px-6 py-2.5 text-base" : ""}
      data-testid="page-acknowledge"
      label={label}
      pendingLabel="Acknowledging…"
      doneLabel="Acknowledged"
    />
  );
}

/** One click: the incident is declared (or the one already declared is found) and opened (the action redirects). */
export function DeclareIncidentFromPageButton({
  pageId,
  size = "md",
}: {
  pageId: string;
  size?: "sm" | "md";
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const declare = useMutation({
    mutationFn: () => runAction(() => declareIncidentFromPageAction(pageId)),
    // Straight to the incident: the button that asked is gone once the page re-renders with its link.
    onSuccess: ({ incidentId }) => {
      void queryClient.invalidateQueries({ queryKey: pagingKeys.all });
      router.push(`/incidents/${incidentId}`);
    },
  });
  const pending = declare.isPending;
  const incidentId = declare.data?.incidentId ?? null;

  return (
    <div>
      <Button
        size={size}
        disabled={pending || incidentId !== null}
        data-testid="page-declare-incident"
        onClick={() => declare.mutate()}
      >
        {pending ? "Declaring…" : incidentId ? "Opening the incident…" : "Declare incident"}
      </Button>
      <InlineError message={refusalOf(declare.error)?.message} />
    </div>
  );
}
