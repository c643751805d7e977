/** React Query keys for incidents: the live stream's `incident` events invalidate by these. */
export const incidentKeys = {
  all: () => ["incidents"] as const,
  list: (filter: string) => ["incidents", "list", filter] as const,
  detail: (id: string) => ["incidents", "detail", id] as const,
  timeline: (id: string) => ["incidents", "timeline", id] as const,
  /** Mutations that write to one incident: its live updates wait for their answers, so a tab skips its own events. */
  writes: (id: string) => ["incidents", "write", id] as const,
};
