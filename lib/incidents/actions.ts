"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import {
  appendTimelineEntry,
  declareIncident,
  postStatusUpdate,
  runTimelineCommand,
  startPostmortemDraft,
  updateIncident,
} from "@/lib/incidents/mutations";
import { guardedAction } from "@/lib/server-action";

const uuid = z.string().uuid();

function incidentIdFrom(input: Record<string, unknown>): string {
  const parsed = uuid.safeParse(input.incidentId);
  if (!parsed.success) throw notFoundError("The incident");
  return parsed.data;
}

function withoutIncidentId(input: Record<string, unknown>): Record<string, unknown> {
  const { incidentId: _incidentId, ...rest } = input;
  return rest;
}

/** A comma-separated field (the checked services' ids) or, with `lines`, one item per line (follow-up links may hold commas). */
function listField(value: unknown, separator: "comma" | "lines" = "comma"): string[] | undefined {
  if (value === undefined) return undefined;
  return String(value)
    .split(separator === "lines" ? /\r?\n/ : /[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function revalidateIncidentPages(incidentId?: string): void {
  revalidatePath("/incidents");
  if (incidentId) revalidatePath(`/incidents/${incidentId}`);
}

/** The declare form; the page redirects on success. `serviceIds` arrives as one comma-separated field. */
export const declareIncidentAction = guardedAction("responder", async (input, actor) => {
  const result = await declareIncident(actor, { ...input, serviceIds: listField(input.serviceIds) ?? [] });
  revalidateIncidentPages();
  return { id: result.incident.id, number: result.incident.number, created: result.created };
});

export const updateIncidentAction = guardedAction("responder", async (input, actor) => {
  const incidentId = incidentIdFrom(input);
  const fields = withoutIncidentId(input);
  const incident = await updateIncident(actor, incidentId, {
    ...fields,
    ...(fields.serviceIds !== undefined ? { serviceIds: listField(fields.serviceIds) } : {}),
    ...(fields.followUps !== undefined ? { followUps: listField(fields.followUps, "lines") } : {}),
  });
  revalidateIncidentPages(incidentId);
  return incident;
});

export const appendTimelineEntryAction = guardedAction("responder", async (input, actor) => {
  const incidentId = incidentIdFrom(input);
  return (await appendTimelineEntry(actor, incidentId, withoutIncidentId(input))).entry;
});

/** The scribe's line: `text`, the incident `version` the page shows, and an idempotency key per entry. */
export const runTimelineCommandAction = guardedAction("responder", async (input, actor) => {
  const incidentId = incidentIdFrom(input);
  const result = await runTimelineCommand(actor, incidentId, {
    text: String(input.text ?? ""),
    version: Number(input.version),
    idempotencyKey: typeof input.idempotencyKey === "string" && input.idempotencyKey ? input.idempotencyKey : undefined,
  });
  if (result.kind === "incident") revalidateIncidentPages(incidentId);
  return result;
});

export const postStatusUpdateAction = guardedAction("responder", async (input, actor) => {
  const incidentId = incidentIdFrom(input);
  const result = await postStatusUpdate(actor, incidentId, withoutIncidentId(input));
  revalidateIncidentPages(incidentId);
  return result.entry;
});

export const startPostmortemDraftAction = guardedAction("responder", async (input, actor) => {
  const incidentId = incidentIdFrom(input);
  const incident = await startPostmortemDraft(actor, incidentId);
  revalidateIncidentPages(incidentId);
  revalidatePath("/postmortems");
  return incident;
});
