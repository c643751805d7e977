"use client";

import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { statusTones, statusWords } from "@/components/health/format";
import {
  handoffSubmission,
  type EscalationRow,
  type HandoffFormValues,
  type TextRow,
} from "@/components/handoffs/handoff-submission";
import { isoToUtcInput } from "@/components/handoffs/utc-input";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import { Alert } from "@/components/ui/alert";
import { formatUtcDateTime } from "@/lib/time/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/errors";
import { createHandoffAction } from "@/lib/handoffs/actions";
import { renderHandoffText } from "@/lib/handoffs/render";
import type { CreateHandoffInput, HandoffDraft } from "@/lib/handoffs/types";

type Created = { id: string; number: number; created: boolean };

const shownFields = [
  "windowStart",
  "windowEnd",
  "outgoingId",
  "incomingId",
  "serviceIds",
  "manualDeploys",
  "knownRisks",
  "escalation",
  "notes",
] as const;

/** Errors for a field and its elements ("knownRisks.2" belongs to "knownRisks"). */
function errorsFor(state: ActionResult<Created> | null, field: string): string[] | undefined {
  if (!state || state.ok || !state.error.fields) return undefined;
  const messages = Object.entries(state.error.fields)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, list]) => list);
  return messages.length > 0 ? [...new Set(messages)] : undefined;
}

const utcHint = (iso: string) => (iso ? formatUtcDateTime(iso) : "Enter a date and a time (UTC).");

function ListError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-xs font-medium text-danger">
      {messages.join(" ")}
    </p>
  );
}

/** A part of the form under its own heading, which names it for assistive technology. */
function FormSection({
  id,
  title,
  children,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="flex flex-col gap-1.5" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-xs font-medium text-text">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The runbook's handoff (section 8), prefilled from live data. The preview is renderHandoffText of exactly
 * what is submitted; the server rebuilds the services' states, incidents and deploys at creation.
 */
export function HandoffForm({
  idempotencyKey,
  draft,
  openIncidents,
  inFlightDeploys,
}: {
  idempotencyKey: string;
  draft: HandoffDraft;
  /** Read-only lists, rendered on the server. */
  openIncidents: ReactNode;
  inFlightDeploys: ReactNode;
}) {
  const create = useMutation({
    mutationFn: (input: CreateHandoffInput) => runAction(() => createHandoffAction(input)),
  });
  const state = mutationResult(create);
  const pending = create.isPending;
  const router = useRouter();
  const nextKey = useRef(draft.escalation.length);
  const [values, setValues] = useState<HandoffFormValues>(() => ({
    start: isoToUtcInput(draft.windowStart),
    end: isoToUtcInput(draft.windowEnd),
    outgoingId: draft.outgoing?.id ?? "",
    incomingId: draft.incoming?.id ?? "",
    serviceIds: draft.snapshot.services.map((service) => service.id),
    manualDeploys: [],
    knownRisks: [],
    escalation: draft.escalation.map((line, index) => ({
      key: index,
      name: line.name,
      contact: line.contact,
    })),
    notes: "",
    postToFeed: true,
  }));
  const submission = handoffSubmission(values, draft.snapshot, idempotencyKey);
  const preview = renderHandoffText(submission.render);
  const created = state?.ok ? state.data : null;

  useEffect(() => {
    if (created) router.replace(`/handoffs/${created.id}`);
  }, [created, router]);

  const set = <K extends keyof HandoffFormValues>(key: K, value: HandoffFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const newKey = () => nextKey.current++;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || created) return;
    create.mutate(submission.input);
  }

  /** A text list's rows, their editing and each row's own error (the server numbers rows in the order they were sent). */
  function textRowsOf(list: "manualDeploys" | "knownRisks") {
    return {
      rows: values[list],
      onChange: (rows: TextRow[]) => set(list, rows),
      rowErrors: (key: number) => {
        const index = submission.rowKeys[list].indexOf(key);
        return index === -1 ? undefined : errorsFor(state, `${list}.${index}`);
      },
    };
  }
  function escalationRowErrors(key: number, part: "name" | "contact"): string[] | undefined {
    const index = submission.rowKeys.escalation.indexOf(key);
    return index === -1 ? undefined : errorsFor(state, `escalation.${index}.${part}`);
  }

  const errorFields = state && !state.ok ? Object.keys(state.error.fields ?? {}) : [];
  const topError =
    state && !state.ok
      ? errorFields.length === 0
        ? state.error.message
        : errorFields.some(
              (field) =>
                !shownFields.some((shown) => field === shown || field.startsWith(`${shown}.`)),
            )
          ? state.error.message
          : null
      : null;
  const checked = new Set(values.serviceIds);
  const pickable = draft.contacts.filter(
    (contact) =>
      !values.escalation.some(
        (row) => row.name.trim() === contact.name && row.contact.trim() === contact.contact,
      ),
  );
  /** A list's own errors ("At most 50 risks."); its rows' errors show under each row. */
  const listErrors = (field: string) =>
    state && !state.ok ? state.error.fields?.[field] : undefined;

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      data-testid="handoff-form"
      className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]"
    >
      <div className="flex min-w-0 flex-col gap-4">
        {topError ? <Alert tone="error">{topError}</Alert> : null}
        {created ? (
          <Alert tone="success" data-testid="handoff-created">
            {created.created ? "Created" : "Already created"} HO-{created.number}. Taking you to it…
          </Alert>
        ) : null}

        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 text-xs font-medium text-text">Window (UTC)</legend>
          <Field
            id="handoff-window-start"
            label="Starts (UTC)"
            error={errorsFor(state, "windowStart")}
            hint={utcHint(submission.render.windowStart)}
          >
            <Input
              id="handoff-window-start"
              type="datetime-local"
              step={60}
              value={values.start}
              onChange={(event) => set("start", event.currentTarget.value)}
              data-testid="handoff-window-start"
              {...fieldAria("handoff-window-start", errorsFor(state, "windowStart"), "hint")}
            />
          </Field>
          <Field
            id="handoff-window-end"
            label="Ends (UTC)"
            error={errorsFor(state, "windowEnd")}
            hint={utcHint(submission.render.windowEnd)}
          >
            <Input
              id="handoff-window-end"
              type="datetime-local"
              step={60}
              value={values.end}
              onChange={(event) => set("end", event.currentTarget.value)}
              data-testid="handoff-window-end"
              {...fieldAria("handoff-window-end", errorsFor(state, "windowEnd"), "hint")}
            />
          </Field>
          <p className="text-xs text-muted sm:col-span-2">
            From the on-call schedule in Settings. Both are UTC, not your local time.
          </p>
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="handoff-outgoing"
            label="Outgoing on-call"
            error={errorsFor(state, "outgoingId")}
          >
            <Select
              id="handoff-outgoing"
              value={values.outgoingId}
              onChange={(event) => set("outgoingId", event.currentTarget.value)}
              data-testid="handoff-outgoing"
              {...fieldAria("handoff-outgoing", errorsFor(state, "outgoingId"))}
            >
              {values.outgoingId === "" ? <option value="">Choose…</option> : null}
              {draft.people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name || person.email}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="handoff-incoming"
            label="Incoming on-call"
            error={errorsFor(state, "incomingId")}
            hint="They acknowledge the handoff in Vigil."
          >
            <Select
              id="handoff-incoming"
              value={values.incomingId}
              onChange={(event) => set("incomingId", event.currentTarget.value)}
              data-testid="handoff-incoming"
              {...fieldAria("handoff-incoming", errorsFor(state, "incomingId"), "hint")}
            >
              <option value="">Choose…</option>
              {draft.people
                .filter(
                  (person) => person.id !== values.outgoingId || person.id === values.incomingId,
                )
                .map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name || person.email}
                  </option>
                ))}
            </Select>
          </Field>
        </div>

        <fieldset className="flex flex-col gap-1.5" aria-describedby="handoff-services-hint">
          <legend className="mb-1 text-xs font-medium text-text">Services owned</legend>
          {draft.snapshot.services.length === 0 ? (
            <p className="text-sm text-muted">No services are configured yet.</p>
          ) : (
            <ul
              className="grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-line bg-surface p-2 sm:grid-cols-2"
              data-testid="handoff-services"
            >
              {draft.snapshot.services.map((service) => (
                <li key={service.id}>
                  <label
                    data-testid="handoff-service"
                    data-service-name={service.name}
                    className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-surface-2"
                  >
                    <input
                      type="checkbox"
                      value={service.id}
                      checked={checked.has(service.id)}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        set(
                          "serviceIds",
                          on
                            ? [...values.serviceIds, service.id]
                            : values.serviceIds.filter((id) => id !== service.id),
                        );
                      }}
                      className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
                    />
                    <span className="min-w-0">
                      <span className="font-medium">{service.name}</span>{" "}
                      <span className="text-xs text-muted">{service.environment}</span>{" "}
                      <Badge
                        tone={statusTones[service.status]}
                        data-testid="handoff-service-status"
                      >
                        {statusWords[service.status]}
                      </Badge>
                      {service.reason && service.status !== "up" ? (
                        <span className="block truncate text-xs text-muted" title={service.reason}>
                          {service.reason}
                        </span>
                      ) : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p id="handoff-services-hint" className="text-xs text-muted">
            States as of when this page opened; they are read again when you create the handoff.
            None checked means every service.
          </p>
          <ListError id="handoff-services-error" messages={errorsFor(state, "serviceIds")} />
        </fieldset>

        <FormSection
          id="handoff-incidents"
          title={
            <>
              Open incidents{" "}
              <span className="font-normal text-muted">(filled in automatically)</span>
            </>
          }
        >
          {openIncidents}
        </FormSection>

        <FormSection
          id="handoff-deploys"
          title={
            <>
              In-flight deploys{" "}
              <span className="font-normal text-muted">
                (from the deploy log, plus your own lines)
              </span>
            </>
          }
        >
          {inFlightDeploys}
          <TextRows
            {...textRowsOf("manualDeploys")}
            newKey={newKey}
            idPrefix="handoff-manual-deploy"
            label="Deploy line"
            addLabel="Add a deploy line"
            placeholder="e.g. Studio v2.4.0 canary, 10% since 08:30 UTC"
            testId="handoff-manual-deploy"
          />
          <ListError id="handoff-manual-deploys-error" messages={listErrors("manualDeploys")} />
        </FormSection>

        <FormSection id="handoff-risks" title="Known risks">
          <TextRows
            {...textRowsOf("knownRisks")}
            newKey={newKey}
            idPrefix="handoff-risk"
            label="Risk"
            addLabel="Add a risk"
            placeholder="e.g. DB migration tonight"
            testId="handoff-risk"
          />
          <ListError id="handoff-risks-error" messages={listErrors("knownRisks")} />
        </FormSection>

        <FormSection id="handoff-escalation" title="Escalation">
          <EscalationRows
            rows={values.escalation}
            onChange={(rows) => set("escalation", rows)}
            rowErrors={escalationRowErrors}
          />
          <div className="flex flex-wrap items-center gap-2">
            {draft.contacts.length > 0 ? (
              <Select
                aria-label="Add an escalation contact from the list"
                value=""
                disabled={pickable.length === 0}
                onChange={(event) => {
                  const contact = draft.contacts.find(
                    (candidate) => candidate.id === event.currentTarget.value,
                  );
                  if (contact)
                    set("escalation", [
                      ...values.escalation,
                      { key: newKey(), name: contact.name, contact: contact.contact },
                    ]);
                }}
                data-testid="handoff-escalation-pick"
                className="max-w-72"
              >
                <option value="">
                  {pickable.length === 0 ? "Every contact is added" : "Add from the contacts list…"}
                </option>
                {pickable.map((contact) => (
                  <option key={contact.id} value={contact.id}>
                    {contact.name} ({contact.contact}){contact.role ? ` · ${contact.role}` : ""}
                  </option>
                ))}
              </Select>
            ) : (
              <span className="text-xs text-muted">
                No escalation contacts in Settings yet: type one.
              </span>
            )}
            <Button
              size="sm"
              onClick={() =>
                set("escalation", [...values.escalation, { key: newKey(), name: "", contact: "" }])
              }
              data-testid="handoff-escalation-add"
            >
              Type someone else
            </Button>
          </div>
          <ListError id="handoff-escalation-error" messages={listErrors("escalation")} />
        </FormSection>

        <Field id="handoff-notes" label="Notes (optional)" error={errorsFor(state, "notes")}>
          <textarea
            id="handoff-notes"
            rows={3}
            maxLength={5_000}
            value={values.notes}
            onChange={(event) => set("notes", event.currentTarget.value)}
            className={`${controlClasses} h-auto py-1.5`}
            data-testid="handoff-notes"
            {...fieldAria("handoff-notes", errorsFor(state, "notes"))}
          />
        </Field>

        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={values.postToFeed}
            onChange={(event) => set("postToFeed", event.currentTarget.checked)}
            className="size-4 accent-[var(--accent)]"
            data-testid="handoff-post-to-feed"
          />
          Post it to the HoloMesh team feed too (when connected). Webhooks subscribed to handoffs
          always get it.
        </label>

        <div>
          <Button
            type="submit"
            variant="primary"
            disabled={pending || created !== null}
            data-testid="handoff-submit"
          >
            {created ? "Created" : pending ? "Creating…" : "Create handoff"}
          </Button>
        </div>
      </div>

      <aside
        className="flex min-w-0 flex-col gap-1.5 lg:sticky lg:top-4 lg:self-start"
        aria-labelledby="handoff-preview-heading"
      >
        <h2 id="handoff-preview-heading" className="text-xs font-medium text-text">
          Preview{" "}
          <span className="font-normal text-muted">
            (the runbook&apos;s template, as it will be saved)
          </span>
        </h2>
        <pre
          data-testid="handoff-preview"
          aria-live="off"
          className="overflow-x-auto rounded-md border border-line bg-surface-2 p-3 font-mono text-xs leading-5 break-words whitespace-pre-wrap"
        >
          {preview}
        </pre>
      </aside>
    </form>
  );
}

function TextRows({
  idPrefix,
  label,
  rows,
  onChange,
  newKey,
  addLabel,
  placeholder,
  rowErrors,
  testId,
}: {
  idPrefix: string;
  label: string;
  rows: TextRow[];
  onChange: (rows: TextRow[]) => void;
  newKey: () => number;
  addLabel: string;
  placeholder: string;
  rowErrors: (key: number) => string[] | undefined;
  testId: string;
}) {
  return (
    <>
      {rows.length > 0 ? (
        <ul className="flex flex-col gap-2">
          {rows.map((row, index) => {
            const id = `${idPrefix}-${row.key}`;
            const errors = rowErrors(row.key);
            return (
              <li key={row.key} className="flex items-start gap-2" data-testid={`${testId}-row`}>
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <label htmlFor={id} className="sr-only">
                    {label} {index + 1}
                  </label>
                  <Input
                    id={id}
                    value={row.text}
                    maxLength={300}
                    placeholder={placeholder}
                    autoComplete="off"
                    onChange={(event) => {
                      const text = event.currentTarget.value;
                      onChange(
                        rows.map((other) => (other.key === row.key ? { ...other, text } : other)),
                      );
                    }}
                    data-testid={`${testId}-input`}
                    {...fieldAria(id, errors)}
                  />
                  {errors ? (
                    <p id={`${id}-error`} className="text-xs font-medium text-danger">
                      {errors.join(" ")}
                    </p>
                  ) : null}
                </div>
                <Button
                  variant="ghost"
                  aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                  data-testid={`${testId}-remove`}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div>
        <Button
          size="sm"
          onClick={() => onChange([...rows, { key: newKey(), text: "" }])}
          data-testid={`${testId}-add`}
        >
          {addLabel}
        </Button>
      </div>
    </>
  );
}

function EscalationRows({
  rows,
  onChange,
  rowErrors,
}: {
  rows: EscalationRow[];
  onChange: (rows: EscalationRow[]) => void;
  rowErrors: (key: number, part: "name" | "contact") => string[] | undefined;
}) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-muted">Nobody yet: add at least one person to escalate to.</p>
    );
  const update = (key: number, part: "name" | "contact", value: string) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, [part]: value } : row)));
  return (
    <ul className="flex flex-col gap-2" data-testid="handoff-escalation">
      {rows.map((row, index) => {
        const nameId = `handoff-escalation-${row.key}-name`;
        const contactId = `handoff-escalation-${row.key}-contact`;
        const nameErrors = rowErrors(row.key, "name");
        const contactErrors = rowErrors(row.key, "contact");
        return (
          <li
            key={row.key}
            className="flex flex-wrap items-end gap-2"
            data-testid="handoff-escalation-row"
          >
            <Field id={nameId} label="Name" error={nameErrors} className="min-w-40 flex-1">
              <Input
                id={nameId}
                value={row.name}
                maxLength={100}
                autoComplete="off"
                onChange={(event) => update(row.key, "name", event.currentTarget.value)}
                data-testid="handoff-escalation-name"
                {...fieldAria(nameId, nameErrors)}
              />
            </Field>
            <Field
              id={contactId}
              label="Phone or Slack"
              error={contactErrors}
              className="min-w-40 flex-1"
            >
              <Input
                id={contactId}
                value={row.contact}
                maxLength={200}
                autoComplete="off"
                placeholder="+44 20 7946 0000 or @handle"
                onChange={(event) => update(row.key, "contact", event.currentTarget.value)}
                data-testid="handoff-escalation-contact"
                {...fieldAria(contactId, contactErrors)}
              />
            </Field>
            <Button
              variant="ghost"
              aria-label={`Remove escalation contact ${index + 1}`}
              onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
              data-testid="handoff-escalation-remove"
            >
              Remove
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
