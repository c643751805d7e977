"use client";

import { useMutation } from "@tanstack/react-query";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { SubmitButton } from "@/components/ui/button";
import { cancelMaintenanceAction, endMaintenanceAction } from "@/lib/maintenance/actions";

/** "End now" (or "Stop repeating" for a weekly window): one click, on the version the page showed. */
export function EndMaintenanceButton({
  windowId,
  version,
  kind = "end",
}: {
  windowId: string;
  version: number;
  kind?: "end" | "cancel";
}) {
  const change = useMutation({
    mutationFn: () =>
      runAction(() =>
        (kind === "end" ? endMaintenanceAction : cancelMaintenanceAction)(windowId, { version }),
      ),
  });
  const refusal = refusalOf(change.error);
  return (
    <form
      method="post"
      onSubmit={submitsWith(() => change.mutate())}
      className="flex flex-col items-start gap-1"
      data-testid={kind === "end" ? "maintenance-end" : "maintenance-cancel"}
    >
      <SubmitButton
        pending={change.isPending}
        label={kind === "end" ? "End now" : "Stop repeating"}
        pendingLabel={kind === "end" ? "Ending…" : "Stopping…"}
      />
      {refusal ? (
        <p role="alert" className="text-xs font-medium text-danger">
          {refusal.message}
        </p>
      ) : null}
    </form>
  );
}
