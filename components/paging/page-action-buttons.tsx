"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { startTransition, useActionState } from "react";
import { runAction } from "@/components/ui/action-mutation";
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
  const [state, dispatch, pending] = useActionState(declareIncidentFromPageAction, null);
  const incidentId = state?.ok ? state.data.incidentId : null;

  return (
    <div>
      <Button
        size={size}
        disabled={pending || incidentId !== null}
        data-testid="page-declare-incident"
        onClick={() => {
          const formData = new FormData();
          formData.set("pageId", pageId);
          startTransition(() => dispatch(formData));
        }}
      >
        {pending ? "Declaring…" : incidentId ? "Opening the incident…" : "Declare incident"}
      </Button>
      <InlineError message={state && !state.ok ? state.error.message : null} />
    </div>
  );
}
