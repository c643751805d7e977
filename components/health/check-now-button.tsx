"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { formatMs } from "@/components/health/format";
import { PreciseTime } from "@/components/health/precise-time";
import { StatusBadge } from "@/components/health/status-bits";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { checkServiceNowAction } from "@/lib/health/actions";
import { healthKeys } from "@/lib/health/query-keys";

/** The button, then its result as a full-width row: place it directly in a wrapping flex row. */
export function CheckNowButton({ serviceId }: { serviceId: string }) {
  const { state, pending, onSubmit } = useFormAction(checkServiceNowAction);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!state?.ok) return;
    void queryClient.invalidateQueries({ queryKey: healthKeys.service(serviceId) });
    void queryClient.invalidateQueries({ queryKey: healthKeys.summaries() });
  }, [state, queryClient, serviceId]);

  const check = state?.ok ? state.data : null;
  return (
    <>
      <form method="post" onSubmit={onSubmit}>
        <input type="hidden" name="serviceId" value={serviceId} />
        <Button type="submit" variant="primary" size="sm" disabled={pending} data-testid="check-now">
          {pending ? "Checking…" : "Check now"}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="basis-full text-sm empty:sr-only" data-testid="check-now-result">
        {state && !state.ok ? <p className="font-medium text-danger">{state.error.message}</p> : null}
        {check ? (
          <div className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5 rounded-md border border-line bg-surface px-3 py-1.5">
            <span className="font-medium">Check now:</span>
            <StatusBadge status={check.status} />
            <span className="break-words">{check.reason}</span>
            <span className="text-muted">
              {check.httpStatus !== null ? `HTTP ${check.httpStatus} · ` : null}
              {formatMs(check.latencyMs)} · <PreciseTime iso={check.startedAt} />
            </span>
          </div>
        ) : null}
      </div>
    </>
  );
}
