"use server";

import { revalidatePath } from "next/cache";
import {
  appendTimelineEntry,
  declareIncident,
  postStatusUpdate,
  runTimelineCommand,
  startPostmortemDraft,
  updateIncident,
} from "@/lib/incidents/mutations";
import type {
  DeclareIncidentInput,
  StatusUpdateInput,
  TimelineEntryInput,
  UpdateIncidentInput,
} from "@/lib/incidents/types";
import { guardedCall } from "@/lib/server-action";

function revalidateIncidentPages(incidentId?: string): void {
  revalidatePath("/incidents");
  if (incidentId) revalidatePath(`/incidents/${incidentId}`);
}

/** The declare form; the page redirects on success. */
export const declareIncidentAction = guardedCall(
  "responder",
  async (actor, input: DeclareIncidentInput) => {
    const result = await declareIncident(actor, input);
    revalidateIncidentPages();
    return { id: result.incident.id, number: result.incident.number, created: result.created };
  },
);

export const updateIncidentAction = guardedCall(
  "responder",
  async (actor, incidentId: string, input: UpdateIncidentInput) => {
    const incident = await updateIncident(actor, incidentId, input);
    revalidateIncidentPages(incidentId);
    return incident;
  },
);

export const appendTimelineEntryAction = guardedCall(
  "responder",
  async (actor, incidentId: string, input: TimelineEntryInput) => {
    return (await appendTimelineEntry(actor, incidentId, input)).entry;
  },
);

/** The scribe's line: `text`, the incident `version` the page shows, and an idempotency key per entry. */
export const runTimelineCommandAction = guardedCall(
  "responder",
  async (
    actor,
    incidentId: string,
    input: { text: string; version: number; idempotencyKey?: string },
  ) => {
    const result = await runTimelineCommand(actor, incidentId, {
      text: String(input.text ?? ""),
      version: Number(input.version),
      idempotencyKey:
        typeof input.idempotencyKey === "string" && input.idempotencyKey
          ? input.idempotencyKey
          : undefined,
    });
    if (result.kind === "incident") revalidateIncidentPages(incidentId);
    return result;
  },
);

export const postStatusUpdateAction = guardedCall(
  "responder",
  async (actor, incidentId: string, input: StatusUpdateInput) => {
    const result = await postStatusUpdate(actor, incidentId, input);
    revalidateIncidentPages(incidentId);
    return result.entry;
  },
);

export const startPostmortemDraftAction = guardedCall(
  "responder",
  async (actor, incidentId: string) => {
    const incident = await startPostmortemDraft(actor, incidentId);
    revalidateIncidentPages(incidentId);
    revalidatePath("/postmortems");
    return incident;
  },
);
