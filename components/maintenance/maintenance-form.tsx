"use client";

import { useState } from "react";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { MutationForm } from "@/components/ui/mutation-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, TextField, fieldAria } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { createMaintenanceAction } from "@/lib/maintenance/actions";

export type MaintenanceServiceOption = { id: string; name: string; environment: string };

const shownFields = [
  "services",
  "startsAt",
  "endsAt",
  "durationMinutes",
  "reason",
  "recurrence",
] as const;

/** A datetime-local value (read as UTC, as every time in Vigil is shown) to ISO 8601. */
function utcIso(value: string): string {
  if (!value) return "";
  return value.length === 16 ? `${value}:00Z` : `${value}Z`;
}

/** Services, start now or at a time, for N minutes or until a time, the reason, weekly. */
export function MaintenanceForm({
  services,
  defaultServiceId = "",
}: {
  services: MaintenanceServiceOption[];
  defaultServiceId?: string;
}) {
  const { state, pending, formRef, onSubmit } = useFormMutation(createMaintenanceAction, {
    resetOnSuccess: true,
  });
  const [chosen, setChosen] = useState<string[]>(defaultServiceId ? [defaultServiceId] : []);
  const [startMode, setStartMode] = useState<"now" | "at">("now");
  const [endMode, setEndMode] = useState<"for" | "until">("for");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const errors = (field: (typeof shownFields)[number]) => fieldErrors(state, field);
  const topError = formError(state, shownFields);

  return (
    <div className="flex flex-col gap-3">
      <MutationForm
        form={{ formRef, onSubmit, state }}
        topError={topError}
        savedTestId="maintenance-created"
        saved={(data) => (
          <>
            Maintenance window #{data.number} opened for{" "}
            {data.services.map((service) => service.name).join(", ")}.
          </>
        )}
        data-testid="maintenance-form"
        className="flex flex-col gap-3"
      >
        <input type="hidden" name="services" value={chosen.join(",")} />
        <Field
          id="maintenance-services"
          label="Services"
          error={errors("services")}
          hint="Hold Ctrl or ⌘ to choose several."
        >
          <select
            id="maintenance-services"
            multiple
            size={Math.min(8, Math.max(3, services.length))}
            value={chosen}
            onChange={(event) =>
              setChosen([...event.currentTarget.selectedOptions].map((option) => option.value))
            }
            className={`${controlClasses} h-auto py-1`}
            {...fieldAria("maintenance-services", errors("services"), "hint")}
          >
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name} ({service.environment})
              </option>
            ))}
          </select>
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-xs font-medium text-text">Starts</legend>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <ModeRadio
                name="startMode"
                checked={startMode === "now"}
                onSelect={() => setStartMode("now")}
                label="now"
              />
              <ModeRadio
                name="startMode"
                checked={startMode === "at"}
                onSelect={() => setStartMode("at")}
                label="at (UTC)"
              />
              {startMode === "at" ? (
                <UtcMomentInput
                  label="Start time (UTC)"
                  idPrefix="maintenance-starts"
                  value={startsAt}
                  onChange={setStartsAt}
                  errors={errors("startsAt")}
                />
              ) : null}
              <input
                type="hidden"
                name="startsAt"
                value={startMode === "at" ? utcIso(startsAt) : ""}
              />
            </div>
            <FieldsetErrors id="maintenance-starts-error" messages={errors("startsAt")} />
          </fieldset>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-xs font-medium text-text">Ends</legend>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <ModeRadio
                name="endMode"
                checked={endMode === "for"}
                onSelect={() => setEndMode("for")}
                label="after"
              />
              {endMode === "for" ? (
                <span className="flex items-center gap-1.5">
                  <input
                    type="number"
                    name="durationMinutes"
                    aria-label="Duration in minutes"
                    data-testid="maintenance-minutes"
                    defaultValue={30}
                    min={1}
                    max={10_080}
                    className={`${controlClasses} w-24`}
                    {...fieldAria("maintenance-duration", errors("durationMinutes"))}
                  />
                  minutes
                </span>
              ) : null}
              <ModeRadio
                name="endMode"
                checked={endMode === "until"}
                onSelect={() => setEndMode("until")}
                label="until (UTC)"
              />
              {endMode === "until" ? (
                <UtcMomentInput
                  label="End time (UTC)"
                  idPrefix="maintenance-ends"
                  value={endsAt}
                  onChange={setEndsAt}
                  errors={errors("endsAt")}
                />
              ) : null}
              <input
                type="hidden"
                name="endsAt"
                value={endMode === "until" ? utcIso(endsAt) : ""}
              />
            </div>
            <FieldsetErrors
              id="maintenance-ends-error"
              messages={[...(errors("endsAt") ?? []), ...(errors("durationMinutes") ?? [])]}
            />
          </fieldset>
        </div>
        <TextField
          id="maintenance-reason"
          label="Reason"
          name="reason"
          error={errors("reason")}
          placeholder="Postgres minor upgrade"
          maxLength={500}
          autoComplete="off"
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="recurrence"
            value="weekly"
            className="size-4 accent-[var(--accent)]"
          />
          Repeat weekly at this time
        </label>
        {errors("recurrence") ? (
          <p className="text-xs font-medium text-danger">{errors("recurrence")?.join(" ")}</p>
        ) : null}
        <div>
          <SubmitButton pending={pending} label="Start maintenance window" pendingLabel="Saving…" />
        </div>
      </MutationForm>
    </div>
  );
}

function ModeRadio({
  name,
  checked,
  onSelect,
  label,
}: {
  name: string;
  checked: boolean;
  onSelect: () => void;
  label: string;
}) {
  return (
    <label className="flex items-center gap-1.5">
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        className="accent-[var(--accent)]"
      />{" "}
      {label}
    </label>
  );
}

function UtcMomentInput({
  label,
  idPrefix,
  value,
  onChange,
  errors,
}: {
  label: string;
  idPrefix: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
}) {
  return (
    <input
      type="datetime-local"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      className={`${controlClasses} w-auto`}
      {...fieldAria(idPrefix, errors)}
    />
  );
}

function FieldsetErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className="text-xs font-medium text-danger">
      {messages.join(" ")}
    </p>
  );
}
