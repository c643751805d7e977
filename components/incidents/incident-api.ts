import { hasFields, parserOf } from "@/components/health/answer";
import { runAction } from "@/components/ui/action-mutation";
import { fetchAnswer } from "@/components/ui/fetch-answer";
import type { ActionResult, ErrorBody } from "@/lib/errors";
import type { IncidentView, TimelineEntryView, TimelinePage } from "@/lib/incidents/types";
import type { IncidentDetail } from "@/lib/incidents/types";

export const timelinePageSize = 50;

export type { IncidentDetail };

function isIncidentView(value: unknown): value is IncidentView {
  return hasFields(value, {
    id: "string",
    number: "number",
    title: "string",
    severity: "string",
    status: "string",
    version: "number",
    commander: "record",
    services: "array",
    followUps: "array",
  });
}

function isTimelineEntry(value: unknown): value is TimelineEntryView {
  return hasFields(value, {
    id: "string",
    kind: "string",
    body: "string",
    occurredAt: "string",
    details: "record",
    correctsId: "string or null",
    correctedBy: "array",
  });
}

const parseIncidentDetail = parserOf(
  "an incident",
  (value): value is IncidentDetail =>
    hasFields(value, { tickedSteps: "array", failingChecks: "array" }) &&
    isIncidentView(value.incident) &&
    hasFields(value.runbook, { steps: "array" }),
);

const parseTimelinePage = parserOf(
  "a timeline page",
  (value): value is TimelinePage =>
    hasFields(value, { nextBefore: "string or null" }) &&
    Array.isArray(value.entries) &&
    value.entries.every(isTimelineEntry),
);

export function fetchIncidentDetail(
  incidentId: string,
  signal?: AbortSignal,
): Promise<IncidentDetail> {
  return fetchAnswer(`/api/v1/incidents/${encodeURIComponent(incidentId)}`, signal).then(
    parseIncidentDetail,
  );
}

export function fetchTimelinePage(
  incidentId: string,
  before: string | null,
  signal?: AbortSignal,
): Promise<TimelinePage> {
  const search = new URLSearchParams({ limit: String(timelinePageSize) });
  if (before) search.set("before", before);
  return fetchAnswer(
    `/api/v1/incidents/${encodeURIComponent(incidentId)}/timeline?${search.toString()}`,
    signal,
  ).then(parseTimelinePage);
}

const unansweredWrite: ErrorBody = {
  code: "unavailable",
  message: "Vigil did not answer. Try again: a retried entry is recorded once.",
};

/** Calls a server action; a dropped connection comes back as an error value too. */
export async function callAction<T>(
  call: () => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: unansweredWrite };
  }
}

/** A write to an incident from a useMutation: its data, or an ActionRefused; the live stream waits for its answer. */
export function runIncidentWrite<T>(
  incidentId: string,
  call: () => Promise<ActionResult<T>>,
): Promise<T> {
  return trackIncidentWrite(incidentId, () => runAction(call, unansweredWrite));
}

/** The incident as it is now, when the server refused a change made on a stale version (409). */
export function conflictCurrent(error: ErrorBody): IncidentView | null {
  if (error.code !== "conflict") return null;
  const current = error.details?.current;
  return isIncidentView(current) ? current : null;
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

export async function trackIncidentWrite<T>(
  incidentId: string,
  write: () => Promise<T>,
): Promise<T> {
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
