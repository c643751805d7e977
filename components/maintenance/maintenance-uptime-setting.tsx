"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { setMaintenanceUptimeAction } from "@/lib/maintenance/actions";

/** Settings → Team (admin): whether checks taken in maintenance count toward uptime and the error budget. */
export function MaintenanceUptimeSetting({
  excluded,
  version,
}: {
  excluded: boolean;
  version: number;
}) {
  const save = useMutation({
    mutationFn: (input: { excluded: boolean; version: number }) =>
      runAction(() => setMaintenanceUptimeAction(input)),
  });
  const refusal = refusalOf(save.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const excludedBox = event.currentTarget.elements.namedItem("excluded");
    save.mutate({
      excluded: excludedBox instanceof HTMLInputElement && excludedBox.checked,
      version: save.data?.version ?? version,
    });
  }
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      className="flex flex-col gap-3"
      data-testid="maintenance-uptime-setting"
    >
      {refusal ? <Alert tone="error">{refusal.message}</Alert> : null}
      {save.isSuccess ? (
        <Alert tone="success">
          Saved: maintenance windows are {save.data.excluded ? "left out of" : "counted in"} uptime
          and the error budget.
        </Alert>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="excluded"
          value="true"
          defaultChecked={excluded}
          className="size-4 accent-[var(--accent)]"
        />
        Leave maintenance windows out of uptime and the error budget
      </label>
      <div>
        <SubmitButton pending={save.isPending} label="Save" pendingLabel="Saving…" />
      </div>
    </form>
  );
}
