import { getJson } from "@/components/health/health-api";
import type { ActionResult, ErrorBody } from "@/lib/errors";
import type { IncidentView, TimelinePage } from "@/lib/incidents/types";
import type { IncidentDetail } from "@/lib/incidents/data";

export const timelinePageSize = 50;

export type { IncidentDetail };

export function fetchIncidentDetail(incidentId: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return getJson(`/api/v1/incidents/${encodeURIComponent(incidentId)}`, signal);
}

export function fetchTimelinePage(incidentId: string, before: string | null, signal?: AbortSignal): Promise<TimelinePage> {
  const search = new URLSearchParams({ limit: String(timelinePageSize) });
  if (before) search.set("before", before);
  return getJson(`/api/v1/incidents/${encodeURIComponent(incidentId)}/timeline?${search.toString()}`, signal);
}

type ServerAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/** Calls a server action with plain fields; a dropped connection comes back as an error value too. */
export async function callAction<T>(action: ServerAction<T>, fields: Record<string, string | undefined>): Promise<ActionResult<T>> {
  const formData = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) formData.set(key, value);
  try {
    return await action(null, formData);
  } catch {
    return {
      ok: false,
      error: { code: "unavailable", message: "Vigil did not answer. Try again: a retried entry is recorded once." },
    };
  }
}

/** The incident as it is now, when the server refused a change made on a stale version (409). */
export function conflictCurrent(error: ErrorBody): IncidentView | null {
  if (error.code !== "conflict") return null;
  const current = error.details?.current;
  return current && typeof current === "object" && "version" in current ? (current as IncidentView) : null;
}

/** A key for one composed entry or update: the same key on a retry means the server records it once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts; Vigil may be served over plain http on a private network.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * This tab's writes to each incident that are still unanswered. The live stream's events wait for them, so the
 * event of the tab's own write finds its entry already shown (from the answer) and costs no refetch.
 */
const unanswered = new Map<string, number>();

export async function trackIncidentWrite<T>(incidentId: string, write: () => Promise<T>): Promise<T> {
  unanswered.set(incidentId, (unanswered.get(incidentId) ?? 0) + 1);
  try {
    return await write();
  } finally {
    const left = (unanswered.get(incidentId) ?? 1) - 1;
    if (left > 0) unanswered.set(incidentId, left);
    else unanswered.delete(incidentId);
  }
}

export function hasUnansweredWrites(incidentId: string): boolean {
  return unanswered.has(incidentId);
}
