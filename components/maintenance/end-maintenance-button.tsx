"use client";

import { SubmitButton } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { cancelMaintenanceAction, endMaintenanceAction } from "@/lib/maintenance/actions";

/** "End now" (or "Stop repeating" for a weekly window): one click, on the version the page showed. */
export function EndMaintenanceButton({ windowId, version, kind = "end" }: { windowId: string; version: number; kind?: "end" | "cancel" }) {
  const { state, pending, onSubmit } = useFormAction(kind === "end" ? endMaintenanceAction : cancelMaintenanceAction);
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col items-start gap-1" data-testid={kind === "end" ? "maintenance-end" : "maintenance-cancel"}>
      <input type="hidden" name="windowId" value={windowId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton pending={pending} label={kind === "end" ? "End now" : "Stop repeating"} pendingLabel={kind === "end" ? "Ending…" : "Stopping…"} />
      {state && !state.ok ? (
        <p role="alert" className="text-xs font-medium text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
