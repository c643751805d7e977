"use client";

import { useState } from "react";
import { scheduleInputOf } from "@/components/settings/on-call-form-input";
import { StaleChangeAlert } from "@/components/settings/stale-change-alert";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { MutationForm } from "@/components/ui/mutation-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { updateHandoffScheduleAction } from "@/lib/handoffs/actions";
import type { HandoffScheduleView } from "@/lib/handoffs/types";

const pad = (value: number) => String(value).padStart(2, "0");

function describeSchedule(schedule: HandoffScheduleView, weekdays: readonly string[]): string {
  const time = `${pad(schedule.hourUtc)}:${pad(schedule.minuteUtc)} UTC`;
  return schedule.cadence === "weekly"
    ? `weekly on ${weekdays[schedule.weekday] ?? "?"} at ${time}`
    : `daily at ${time}`;
}

function isSchedule(value: unknown): value is HandoffScheduleView {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.cadence === "string" &&
    typeof candidate.hourUtc === "number" &&
    typeof candidate.version === "number"
  );
}

/**
 * When shifts change: the default window of a new handoff starts at the change nearest to now. Saved with the
 * version it was opened at, so an admin who saved meanwhile is not silently overwritten.
 */
export function OnCallScheduleForm({
  schedule,
  weekdays,
}: {
  schedule: HandoffScheduleView;
  weekdays: readonly string[];
}) {
  const [cadence, setCadence] = useState(schedule.cadence);
  const [version, setVersion] = useState(schedule.version);
  const { state, pending, formRef, onSubmit } = useFormMutation(updateHandoffScheduleAction, {
    toInput: (form) => scheduleInputOf(form, cadence, version),
    onSuccess: (saved) => setVersion(saved.version),
  });

  const conflict =
    state !== null && !state.ok && state.error.code === "conflict" ? state.error : null;
  const current =
    conflict && isSchedule(conflict.details?.current) ? conflict.details.current : null;
  const timeErrors = [
    ...(fieldErrors(state, "hourUtc") ?? []),
    ...(fieldErrors(state, "minuteUtc") ?? []),
  ];
  const topError = conflict
    ? null
    : formError(state, ["cadence", "hourUtc", "minuteUtc", "weekday"]);

  return (
    <div className="flex flex-col gap-3">
      {conflict ? (
        <StaleChangeAlert testId="on-call-schedule-conflict" reloadHref="/settings/on-call" retry>
          Not saved: someone changed the schedule since you opened it
          {current ? (
            <>
              {" "}
              (it is now {describeSchedule(current, weekdays)}, version {current.version})
            </>
          ) : null}
          .
        </StaleChangeAlert>
      ) : null}
      <MutationForm
        form={{ formRef, onSubmit, state }}
        topError={topError}
        savedTestId="on-call-schedule-saved"
        saved={(data) => <>Saved: shifts change {describeSchedule(data, weekdays)}.</>}
        data-testid="on-call-schedule-form"
        className="flex flex-wrap items-end gap-3"
      >
        <SelectField
          id="on-call-cadence"
          label="Shifts change"
          error={fieldErrors(state, "cadence")}
          name="cadence"
          value={cadence}
          onChange={(event) =>
            setCadence(event.currentTarget.value === "weekly" ? "weekly" : "daily")
          }
          data-testid="on-call-cadence"
        >
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
        </SelectField>
        <SelectField
          id="on-call-weekday"
          label="On"
          error={fieldErrors(state, "weekday")}
          className={cadence === "weekly" ? "" : "hidden"}
          name="weekday"
          defaultValue={String(schedule.weekday)}
          data-testid="on-call-weekday"
        >
          {weekdays.map((day, index) => (
            <option key={day} value={index}>
              {day}
            </option>
          ))}
        </SelectField>
        <Field
          id="on-call-time"
          label="At (UTC, 24-hour)"
          error={timeErrors.length ? timeErrors : undefined}
        >
          <Input
            id="on-call-time"
            name="time"
            type="time"
            step={60}
            defaultValue={`${pad(schedule.hourUtc)}:${pad(schedule.minuteUtc)}`}
            required
            data-testid="on-call-time"
            {...fieldAria("on-call-time", timeErrors.length ? timeErrors : undefined)}
          />
        </Field>
        <SubmitButton pending={pending} label="Save schedule" pendingLabel="Saving…" />
      </MutationForm>
    </div>
  );
}
