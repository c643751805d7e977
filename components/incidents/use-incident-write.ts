"use client";

import { useMutation } from "@tanstack/react-query";
import { incidentKeys } from "@/lib/incidents/query-keys";

/**
 * Runs one write to an incident as a mutation under the incident's write key: while it is unanswered, the live
 * stream's events wait, so the event of this tab's own write finds its entry already shown and costs no refetch.
 */
export function useIncidentWrite(incidentId: string) {
  const { mutateAsync } = useMutation({ mutationKey: incidentKeys.writes(incidentId), mutationFn: (write: () => Promise<unknown>) => write() });
  // mutateAsync answers what `write` answered: the cast only restores the type the generic mutation forgot.
  return <T,>(write: () => Promise<T>): Promise<T> => mutateAsync(write) as Promise<T>;
}
