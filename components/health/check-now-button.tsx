"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { formatMs } from "@/components/health/format";
import { PreciseTime } from "@/components/health/precise-time";
import { StatusBadge } from "@/components/health/status-bits";
import { Button } from "@/components/ui/button";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import { checkServiceNowAction } from "@/lib/health/actions";
import { healthKeys } from "@/lib/health/query-keys";

/** The button, then its result as a full-width row: place it directly in a wrapping flex row. */
export function CheckNowButton({ serviceId }: { serviceId: string }) {
  const queryClient = useQueryClient();
  const checkNow = useMutation({
    mutationFn: () => runAction(() => checkServiceNowAction(serviceId)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: healthKeys.service(serviceId) });
      void queryClient.invalidateQueries({ queryKey: healthKeys.summaries() });
    },
  });
  const state = mutationResult(checkNow);
  const pending = checkNow.isPending;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    checkNow.mutate();
  };

  const check = state?.ok ? state.data : null;
  return (
    <>
      <form method="post" onSubmit={onSubmit}>
        <Button
          type="submit"
          variant="primary"
          size="sm"
          disabled={pending}
          data-testid="check-now"
        >
          {pending ? "Checking…" : "Check now"}
        </Button>
      </form>
      <div
        role="status"
        aria-live="polite"
        className="basis-full text-sm empty:sr-only"
        data-testid="check-now-result"
      >
        {state && !state.ok ? (
          <p className="font-medium text-danger">{state.error.message}</p>
        ) : null}
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
