/** React Query keys for incidents: the live stream's `incident` events invalidate by these. */
export const incidentKeys = {
  all: () => ["incidents"] as const,
  list: (filter: string) => ["incidents", "list", filter] as const,
  detail: (id: string) => ["incidents", "detail", id] as const,
  timeline: (id: string) => ["incidents", "timeline", id] as const,
};
