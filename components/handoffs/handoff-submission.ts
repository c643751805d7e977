import type { HandoffTextInput } from "@/lib/handoffs/render";
import type { CreateHandoffInput, HandoffSnapshot } from "@/lib/handoffs/types";
import { utcInputToIso } from "@/components/handoffs/utc-input";

export type TextRow = { key: number; text: string };
export type EscalationRow = { key: number; name: string; contact: string };

/** What the handoff form holds while the outgoing on-call fills it in. */
export type HandoffFormValues = {
  /** datetime-local values, read as UTC. */
  start: string;
  end: string;
  outgoingId: string;
  incomingId: string;
  serviceIds: string[];
  manualDeploys: TextRow[];
  knownRisks: TextRow[];
  escalation: EscalationRow[];
  notes: string;
  postToFeed: boolean;
};

export type HandoffRenderInput = HandoffTextInput;

export type HandoffSubmission = {
  /** The preview is renderHandoffText of exactly this. */
  render: HandoffRenderInput;
  /** What createHandoffAction receives. */
  input: CreateHandoffInput;
  /** The row key behind each sent list index, so an error on `knownRisks.1` lands on the row it is about. */
  rowKeys: { manualDeploys: number[]; knownRisks: number[]; escalation: number[] };
};

const filled = (rows: TextRow[]) =>
  rows.map((row) => ({ key: row.key, text: row.text.trim() })).filter((row) => row.text !== "");

/**
 * One derivation for both the live preview and the submitted input, so what is previewed is what is saved:
 * blank rows are left out, text is trimmed as the server trims it, and no service checked means every service
 * (the server's rule for an empty list).
 */
export function handoffSubmission(
  values: HandoffFormValues,
  snapshot: HandoffSnapshot,
  idempotencyKey: string,
): HandoffSubmission {
  const windowStart = utcInputToIso(values.start);
  const windowEnd = utcInputToIso(values.end);
  const checked = new Set(values.serviceIds);
  const services =
    checked.size === 0
      ? snapshot.services
      : snapshot.services.filter((service) => checked.has(service.id));
  const manualDeploys = filled(values.manualDeploys);
  const knownRisks = filled(values.knownRisks);
  const escalation = values.escalation
    .map((row) => ({ key: row.key, name: row.name.trim(), contact: row.contact.trim() }))
    .filter((row) => row.name !== "" || row.contact !== "");
  const notes = values.notes.trim();

  return {
    render: {
      windowStart,
      windowEnd,
      snapshot: { ...snapshot, services },
      manualDeploys: manualDeploys.map((row) => row.text),
      knownRisks: knownRisks.map((row) => row.text),
      escalation: escalation.map(({ name, contact }) => ({ name, contact })),
      notes,
    },
    input: {
      idempotencyKey,
      windowStart,
      windowEnd,
      outgoingId: values.outgoingId,
      incomingId: values.incomingId,
      serviceIds: services.map((service) => service.id),
      manualDeploys: manualDeploys.map((row) => row.text),
      knownRisks: knownRisks.map((row) => row.text),
      escalation: escalation.map(({ name, contact }) => ({ name, contact })),
      notes,
      postToFeed: values.postToFeed,
    },
    rowKeys: {
      manualDeploys: manualDeploys.map((row) => row.key),
      knownRisks: knownRisks.map((row) => row.key),
      escalation: escalation.map((row) => row.key),
    },
  };
}
