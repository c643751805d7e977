"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field, TextField, fieldAria } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { declareInputOf } from "@/components/incidents/incident-inputs";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { formError } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";
import type { HealthStatus } from "@/lib/health/types";
import { declareIncidentAction } from "@/lib/incidents/actions";
import type { DeclareDefaults } from "@/lib/incidents/declare-defaults";
import {
  severities,
  severityDefinitions,
  severityLabels,
  type Severity,
} from "@/lib/incidents/labels";
import type { PersonRef } from "@/lib/incidents/types";

export type DeclareServiceOption = {
  id: string;
  name: string;
  environment: string;
  status: HealthStatus | "unknown" | "disabled";
  reason: string | null;
};
const severityOptions = severities.map((value) => ({
  value,
  label: severityLabels[value],
  definition: severityDefinitions[value],
}));

const shownFields = [
  "title",
  "severity",
  "serviceIds",
  "commanderId",
  "commsLeadId",
  "scribeId",
  "summary",
  "userImpact",
  "workaround",
  "eta",
] as const;

const statusDots: Record<DeclareServiceOption["status"], string> = {
  up: "bg-up",
  degraded: "bg-degraded",
  down: "bg-down",
  unknown: "bg-muted",
  disabled: "bg-line",
};
const statusNames: Record<DeclareServiceOption["status"], string> = {
  up: "up",
  degraded: "degraded",
  down: "down",
  unknown: "no data yet",
  disabled: "disabled",
};
const severityCardTones: Record<Severity, string> = {
  sev1: "has-[:checked]:border-down has-[:checked]:bg-down-bg",
  sev2: "has-[:checked]:border-degraded has-[:checked]:bg-degraded-bg",
  sev3: "has-[:checked]:border-accent has-[:checked]:bg-accent-soft",
};

type Declared = { id: string; number: number; created: boolean };

/** Errors for a field and its elements ("serviceIds.2" belongs to "serviceIds"). */
function errorsFor(state: ActionResult<Declared> | null, field: string): string[] | undefined {
  if (!state || state.ok || !state.error.fields) return undefined;
  const messages = Object.entries(state.error.fields)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, list]) => list);
  return messages.length > 0 ? [...new Set(messages)] : undefined;
}

function TextArea({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 3,
}: {
  id: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string[];
  defaultValue?: string;
  rows?: number;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        className={`${controlClasses} h-auto py-1.5`}
        {...fieldAria(id, error, hint)}
      />
    </Field>
  );
}

function PersonSelect({
  id,
  name,
  label,
  people,
  defaultValue,
  noneLabel,
  error,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  people: PersonRef[];
  defaultValue: string;
  noneLabel?: string;
  error?: string[];
  hint?: string;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <Select id={id} name={name} defaultValue={defaultValue} {...fieldAria(id, error, hint)}>
        {noneLabel ? <option value="">{noneLabel}</option> : null}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name || person.email}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function DeclareForm({
  idempotencyKey,
  defaults,
  services,
  responders,
  declarerId,
}: {
  idempotencyKey: string;
  defaults: DeclareDefaults;
  services: DeclareServiceOption[];
  responders: PersonRef[];
  declarerId: string;
}) {
  const router = useRouter();
  const [selectedServices, setSelectedServices] = useState<string[]>(defaults.serviceIds);
  const { state, pending, formRef, onSubmit } = useFormMutation(declareIncidentAction, {
    toInput: (form) => declareInputOf(form, selectedServices),
  });
  const declared = state?.ok ? state.data : null;

  useEffect(() => {
    if (declared) router.replace(`/incidents/${declared.id}`);
  }, [declared, router]);

  function toggleService(serviceId: string, checked: boolean) {
    setSelectedServices((current) =>
      checked ? [...current, serviceId] : current.filter((id) => id !== serviceId),
    );
  }

  const errors = (field: (typeof shownFields)[number]) => errorsFor(state, field);
  const errorFields = state && !state.ok ? Object.keys(state.error.fields ?? {}) : [];
  const topError = formError(
    state,
    errorFields.filter((field) =>
      shownFields.some((shown) => field === shown || field.startsWith(`${shown}.`)),
    ),
  );
  const severityError = errors("severity");
  const servicesError = errors("serviceIds");

  return (
    <form
      ref={formRef}
      method="post"
      onSubmit={onSubmit}
      noValidate
      data-testid="declare-form"
      className="flex max-w-4xl flex-col gap-4"
    >
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {declared ? (
        <Alert tone="success" data-testid="declared">
          {declared.created ? "Declared" : "Already declared"} INC-{declared.number}. Taking you to
          it…
        </Alert>
      ) : null}

      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />

      <TextField
        id="incident-title"
        label="Title"
        name="title"
        defaultValue={defaults.title}
        error={errors("title")}
        hint="What is broken, as people will search for it later."
        autoComplete="off"
        maxLength={200}
        required
      />

      <fieldset
        className="flex flex-col gap-1.5"
        aria-describedby={severityError ? "incident-severity-error" : undefined}
      >
        <legend className="mb-1 text-xs font-medium text-text">Severity</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {severityOptions.map((option) => (
            <label
              key={option.value}
              data-testid={`severity-option-${option.value}`}
              className={`flex cursor-pointer flex-col gap-1 rounded-lg border-2 border-line bg-surface p-3 hover:bg-surface-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent ${severityCardTones[option.value]}`}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="severity"
                  value={option.value}
                  defaultChecked={defaults.severity === option.value}
                  className="size-4 accent-[var(--accent)]"
                />
                <span className="text-base font-semibold">{option.label}</span>
              </span>
              <span className="text-xs text-muted">{option.definition}</span>
            </label>
          ))}
        </div>
        {severityError ? (
          <p id="incident-severity-error" className="text-xs font-medium text-danger">
            {severityError.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <fieldset
        className="flex flex-col gap-1.5"
        aria-describedby={servicesError ? "incident-services-error" : "incident-services-hint"}
      >
        <legend className="mb-1 text-xs font-medium text-text">Affected services</legend>
        {services.length === 0 ? (
          <p className="text-sm text-muted">No services are configured yet.</p>
        ) : (
          <ul className="grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-line bg-surface p-2 sm:grid-cols-2">
            {services.map((service) => (
              <li key={service.id}>
                <label
                  data-testid="declare-service"
                  data-service-name={service.name}
                  className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-surface-2"
                >
                  <input
                    type="checkbox"
                    value={service.id}
                    checked={selectedServices.includes(service.id)}
                    onChange={(event) => toggleService(service.id, event.currentTarget.checked)}
                    className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
                  />
                  <span
                    aria-hidden="true"
                    className={`mt-1.5 inline-block size-2 shrink-0 rounded-full ${statusDots[service.status]}`}
                  />
                  <span className="min-w-0">
                    <span className="font-medium">{service.name}</span>{" "}
                    <span className="text-xs text-muted">{service.environment}</span>
                    <span className="sr-only">, {statusNames[service.status]}</span>
                    {service.status === "down" || service.status === "degraded" ? (
                      <span
                        className="block truncate text-xs text-muted"
                        title={service.reason ?? undefined}
                      >
                        {statusNames[service.status]}
                        {service.reason ? `: ${service.reason}` : ""}
                      </span>
                    ) : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p id="incident-services-hint" className="text-xs text-muted">
          Their health changes are added to the incident&apos;s timeline while it is open.
        </p>
        {servicesError ? (
          <p id="incident-services-error" className="text-xs font-medium text-danger">
            {servicesError.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-3">
        <PersonSelect
          id="incident-commander"
          name="commanderId"
          label="Incident commander"
          people={responders}
          defaultValue={declarerId}
          error={errors("commanderId")}
          hint="You, unless you hand it over now."
        />
        <PersonSelect
          id="incident-comms-lead"
          name="commsLeadId"
          label="Comms lead (optional)"
          people={responders}
          defaultValue=""
          noneLabel="Nobody yet"
          error={errors("commsLeadId")}
        />
        <PersonSelect
          id="incident-scribe"
          name="scribeId"
          label="Scribe (optional)"
          people={responders}
          defaultValue=""
          noneLabel="Nobody yet"
          error={errors("scribeId")}
        />
      </div>

      <TextArea
        id="incident-summary"
        name="summary"
        label="Summary"
        defaultValue={defaults.summary}
        error={errors("summary")}
        rows={4}
        hint="What is known so far."
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextArea
          id="incident-user-impact"
          name="userImpact"
          label="User impact"
          error={errors("userImpact")}
          hint="Who is affected and how."
        />
        <TextArea
          id="incident-workaround"
          name="workaround"
          label="Workaround"
          error={errors("workaround")}
          hint="e.g. use stdio MCP instead of HTTP."
        />
      </div>
      <TextField
        id="incident-eta"
        label="ETA"
        name="eta"
        error={errors("eta")}
        hint="When you expect the next update or a fix, in words."
        autoComplete="off"
        maxLength={200}
        className="sm:max-w-sm"
      />

      <div className="flex items-center gap-3" data-testid="declare-submit-row">
        <SubmitButton
          pending={pending || declared !== null}
          label="Declare"
          pendingLabel={declared ? "Declared" : "Declaring…"}
        />
      </div>
    </form>
  );
}
