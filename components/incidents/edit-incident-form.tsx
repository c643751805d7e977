"use client";

import { useId, useState, type ReactNode } from "react";
import { conflictCurrent } from "@/components/incidents/incident-api";
import {
  textareaClasses,
  useUpdate,
  errorText,
  type UpdateIncident,
} from "@/components/incidents/use-update";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  comparedFieldLabels,
  comparedFieldOf,
  editedFields,
  editValuesOf,
  type EditableField,
} from "@/lib/incidents/changes";
import { incidentRoleLabels as roleLabels } from "@/lib/incidents/labels";
import type { IncidentView, PersonRef, ServiceRef } from "@/lib/incidents/types";

function PersonSelect({
  id,
  label,
  value,
  onChange,
  people,
  optional,
  current,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  people: PersonRef[];
  optional: boolean;
  current: PersonRef | null;
}) {
  const options =
    current && !people.some((person) => person.id === current.id) ? [current, ...people] : people;
  return (
    <Field id={id} label={label}>
      <Select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={id}
      >
        {optional ? <option value="">— nobody —</option> : null}
        {options.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name} ({person.email})
          </option>
        ))}
      </Select>
    </Field>
  );
}

function TextArea({
  id,
  label,
  value,
  onChange,
  rows = 2,
  hint,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  hint?: ReactNode;
  error?: string[];
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={textareaClasses}
        data-testid={id}
        {...fieldAria(id, error, hint)}
      />
    </Field>
  );
}

/**
 * Title, roles, summary, impact, workaround, ETA and services. The form remembers the incident it was
 * opened on and sends only the fields changed, with that version: a change made meanwhile is a conflict
 * to look at, never silently overwritten.
 */
export function EditIncidentForm({
  incident,
  update,
  responders,
  services,
}: {
  incident: IncidentView;
  update: UpdateIncident;
  responders: PersonRef[];
  services: ServiceRef[];
}) {
  const formId = useId();
  const [base, setBase] = useState(incident);
  const [values, setValues] = useState(() => editValuesOf(incident));
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useUpdate(update);
  const edit = editedFields(base, values);
  const dirty = Object.keys(edit).length > 0;
  const matchesLive = Object.keys(editedFields(incident, values)).length === 0;
  if (incident.version !== base.version && (!dirty || matchesLive)) {
    // Nothing pending (or it has been applied): follow the live incident instead of an old version.
    setBase(incident);
    setValues(editValuesOf(incident));
  }
  const set = (field: EditableField) => (value: string) => {
    setSaved(false);
    setValues((previous) => ({ ...previous, [field]: value }));
  };
  const selectedServices = new Set(values.serviceIds.split(",").filter(Boolean));
  const serviceOptions = [
    ...services,
    ...incident.services.filter(
      (service) => !services.some((candidate) => candidate.id === service.id),
    ),
  ];
  const errorsOf = (field: string) => error?.fields?.[field];

  return (
    <form
      className="flex flex-col gap-3"
      data-testid="edit-incident-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!dirty) return;
        const described = (Object.keys(edit) as EditableField[])
          .map((field) => comparedFieldLabels[comparedFieldOf[field]])
          .join(", ");
        const result = await run(
          "save",
          base,
          edit as Record<string, string>,
          `Edit: ${described}`,
        );
        if (result.ok) setSaved(true);
        else {
          // The notice above shows what changed; saving again applies these edits on top of it.
          const current = conflictCurrent(result.error);
          if (current) setBase(current);
        }
      }}
    >
      {dirty && incident.version !== base.version ? (
        <p
          className="rounded-md border border-degraded/40 bg-degraded-bg px-2.5 py-1.5 text-xs text-degraded"
          data-testid="edit-stale"
        >
          The incident changed since you started editing. Saving shows you what changed first;
          nothing is overwritten.
        </p>
      ) : null}
      <Field id={`${formId}-title`} label="Title" error={errorsOf("title")}>
        <Input
          id={`${formId}-title`}
          value={values.title}
          onChange={(event) => set("title")(event.target.value)}
          maxLength={200}
          data-testid="edit-title"
          {...fieldAria(`${formId}-title`, errorsOf("title"))}
        />
      </Field>
      <div className="grid gap-2 sm:grid-cols-3 lg:grid-cols-1 xl:grid-cols-3">
        <PersonSelect
          id="edit-commander"
          label={roleLabels.commander}
          value={values.commanderId}
          onChange={set("commanderId")}
          people={responders}
          optional={false}
          current={incident.commander}
        />
        <PersonSelect
          id="edit-comms-lead"
          label={roleLabels.commsLead}
          value={values.commsLeadId}
          onChange={set("commsLeadId")}
          people={responders}
          optional
          current={incident.commsLead}
        />
        <PersonSelect
          id="edit-scribe"
          label={roleLabels.scribe}
          value={values.scribeId}
          onChange={set("scribeId")}
          people={responders}
          optional
          current={incident.scribe}
        />
      </div>
      <TextArea
        id="edit-summary"
        label="Summary"
        value={values.summary}
        onChange={set("summary")}
        rows={3}
        error={errorsOf("summary")}
      />
      <TextArea
        id="edit-impact"
        label="User impact"
        value={values.userImpact}
        onChange={set("userImpact")}
        error={errorsOf("userImpact")}
      />
      <TextArea
        id="edit-workaround"
        label="Workaround"
        value={values.workaround}
        onChange={set("workaround")}
        hint="e.g. use stdio MCP instead of HTTP"
        error={errorsOf("workaround")}
      />
      <Field id="edit-eta" label="ETA" error={errorsOf("eta")}>
        <Input
          id="edit-eta"
          value={values.eta}
          onChange={(event) => set("eta")(event.target.value)}
          maxLength={200}
          placeholder="e.g. 04:30 UTC"
          data-testid="edit-eta"
        />
      </Field>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium">Affected services</legend>
        {serviceOptions.length === 0 ? (
          <p className="text-xs text-muted">No services are configured.</p>
        ) : null}
        <div className="flex max-h-40 flex-col gap-0.5 overflow-auto">
          {serviceOptions.map((service) => (
            <label key={service.id} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={selectedServices.has(service.id)}
                data-testid="edit-service"
                onChange={(event) => {
                  const next = new Set(selectedServices);
                  if (event.target.checked) next.add(service.id);
                  else next.delete(service.id);
                  set("serviceIds")([...next].join(","));
                }}
              />
              {service.name} <span className="text-xs text-muted">{service.environment}</span>
            </label>
          ))}
        </div>
        {errorsOf("serviceIds") ? (
          <p className="text-xs font-medium text-danger">{errorsOf("serviceIds")?.join(" ")}</p>
        ) : null}
      </fieldset>
      <InlineError
        message={
          error
            ? errorText(error, [
                "title",
                "summary",
                "userImpact",
                "workaround",
                "eta",
                "serviceIds",
              ])
            : null
        }
      />
      <div className="flex items-center gap-2">
        <Button
          type="submit"
          variant="primary"
          disabled={!dirty || pending !== null}
          data-testid="edit-save"
        >
          {pending ? "Saving…" : "Save changes"}
        </Button>
        {dirty ? (
          <Button
            onClick={() => {
              setBase(incident);
              setValues(editValuesOf(incident));
            }}
          >
            Discard
          </Button>
        ) : null}
        {saved && !dirty ? (
          <span role="status" className="text-xs text-up">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
