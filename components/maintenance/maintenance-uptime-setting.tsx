"use client";

import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { setMaintenanceUptimeAction } from "@/lib/maintenance/actions";

/** Settings → Team (admin): whether checks taken in maintenance count toward uptime and the error budget. */
export function MaintenanceUptimeSetting({ excluded, version }: { excluded: boolean; version: number }) {
  const { state, pending, onSubmit } = useFormAction(setMaintenanceUptimeAction);
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-3" data-testid="maintenance-uptime-setting">
      {state && !state.ok ? <Alert tone="error">{state.error.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">Saved: maintenance windows are {state.data.excluded ? "left out of" : "counted in"} uptime and the error budget.</Alert> : null}
      <input type="hidden" name="version" value={state?.ok ? state.data.version : version} />
      <input type="hidden" name="excluded" value="false" />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="excluded" value="true" defaultChecked={excluded} className="size-4 accent-[var(--accent)]" />
        Leave maintenance windows out of uptime and the error budget
      </label>
      <div>
        <SubmitButton pending={pending} label="Save" pendingLabel="Saving…" />
      </div>
    </form>
  );
}
