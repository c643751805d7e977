"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  errorBodyOf,
  resultData,
  type RunVersioned,
  type VersionedOperation,
} from "@/components/postmortems/write-results";
import { incidentKeys } from "@/lib/incidents/query-keys";
import { errorSummary } from "@/lib/errors";

/**
 * One kind of write to the document (owner, reviewers, a review, publishing) as a mutation: `pending` names the
 * write under way, `error` is the refusal or a message set here before sending. The incident page shows the
 * postmortem's state, so its cached detail is invalidated.
 */
export function useDocumentWrite(run: RunVersioned, incidentId: string) {
  const queryClient = useQueryClient();
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ operation }: { what: string; operation: VersionedOperation }) =>
      resultData(await run(operation)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) }),
  });
  const refusal = errorBodyOf(mutation.error);
  return {
    pending: mutation.isPending ? mutation.variables.what : null,
    error: localError ?? (refusal ? errorSummary(refusal) : null),
    setError: (message: string | null) => {
      setLocalError(message);
      if (message === null) mutation.reset();
    },
    go: (what: string, operation: VersionedOperation): Promise<boolean> => {
      setLocalError(null);
      return mutation.mutateAsync({ what, operation }).then(
        () => true,
        () => false,
      );
    },
  };
}
