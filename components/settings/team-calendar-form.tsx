"use client";

import { useRef, useState } from "react";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { StaleChangeAlert } from "@/components/settings/stale-change-alert";
import { Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { updateTeamCalendarAction } from "@/lib/team/actions";
import type { Holiday, TeamCalendarView, UpdateTeamCalendarInput } from "@/lib/team/types";

type HolidayRow = Holiday & { key: number };

/**
 * The team's business calendar: its time zone and holidays. Due dates of open postmortems follow it, so the
 * server recomputes them on save and says how many moved.
 */
export function TeamCalendarForm({
  calendar,
  timeZones,
}: {
  calendar: TeamCalendarView;
  timeZones: string[];
}) {
  const nextKey = useRef(calendar.holidays.length);
  const [rows, setRows] = useState<HolidayRow[]>(() =>
    calendar.holidays.map((holiday, index) => ({ ...holiday, key: index })),
  );
  // The version the form was opened at; only this form's own saves move it, so someone else's save still gets its 409.
  const [version, setVersion] = useState(calendar.version);
  const { state, pending, onSubmit } = useFormMutation(updateTeamCalendarAction, {
    toInput: (form): UpdateTeamCalendarInput => {
      const text = (name: string) => String(form.get(name) ?? "");
      return {
        timeZone: text("timeZone"),
        version: text("version"),
        holidays: rows.map((_, index) => ({
          date: text(`holidays.${index}.date`),
          name: text(`holidays.${index}.name`),
        })),
      };
    },
    onSuccess: (saved) => setVersion(saved.calendar.version),
  });

  const stale = state !== null && !state.ok && state.error.code === "conflict";
  const holidayFields = rows.flatMap((_, index) => [
    `holidays.${index}.date`,
    `holidays.${index}.name`,
  ]);
  const topError = stale ? null : formError(state, ["timeZone", "holidays", ...holidayFields]);
  const timeZoneErrors = fieldErrors(state, "timeZone");
  const listErrors = fieldErrors(state, "holidays");
  const recomputed = state?.ok ? state.data.recomputed : 0;

  function addRow() {
    const key = nextKey.current++;
    setRows((current) => [...current, { key, date: "", name: "" }]);
  }

  return (
    <div className="flex flex-col gap-3">
      {stale ? (
        <StaleChangeAlert testId="team-calendar-stale" reloadHref="/settings/team">
          Someone changed the team calendar since you opened it.
        </StaleChangeAlert>
      ) : null}
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success" data-testid="team-calendar-saved">
          Saved.{" "}
          {recomputed === 1
            ? "1 open postmortem due date"
            : `${recomputed} open postmortem due dates`}{" "}
          recomputed.
        </Alert>
      ) : null}
      <form
        method="post"
        onSubmit={onSubmit}
        noValidate
        data-testid="team-calendar-form"
        className="flex flex-col gap-4"
      >
        <input type="hidden" name="version" value={version} />
        <Field
          id="team-time-zone"
          label="Time zone"
          error={timeZoneErrors}
          hint="An IANA name such as Europe/Berlin or America/New_York. A business day ends at midnight in this zone."
        >
          <Input
            id="team-time-zone"
            name="timeZone"
            list="team-time-zones"
            defaultValue={calendar.timeZone}
            autoComplete="off"
            spellCheck={false}
            className="max-w-80"
            data-testid="team-time-zone"
            required
            {...fieldAria("team-time-zone", timeZoneErrors, "hint")}
          />
          <datalist id="team-time-zones">
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Field>

        <fieldset className="flex flex-col gap-2" aria-describedby="team-holidays-hint">
          <legend className="text-xs font-medium">Holidays</legend>
          <p id="team-holidays-hint" className="text-xs text-muted">
            Dates in the team&apos;s time zone that do not count as business days. Weekends never
            count.
          </p>
          {rows.length === 0 ? (
            <p className="text-sm text-muted" data-testid="team-holidays-empty">
              No holidays.
            </p>
          ) : null}
          <ul className="flex flex-col gap-2" data-testid="team-holidays">
            {rows.map((row, index) => {
              const dateId = `holiday-${row.key}-date`;
              const nameId = `holiday-${row.key}-name`;
              const dateErrors = fieldErrors(state, `holidays.${index}.date`);
              const nameErrors = fieldErrors(state, `holidays.${index}.name`);
              return (
                <li
                  key={row.key}
                  className="flex flex-wrap items-end gap-2"
                  data-testid="team-holiday-row"
                >
                  <Field id={dateId} label="Date" error={dateErrors}>
                    <Input
                      id={dateId}
                      name={`holidays.${index}.date`}
                      type="date"
                      defaultValue={row.date}
                      data-testid="team-holiday-date"
                      {...fieldAria(dateId, dateErrors)}
                    />
                  </Field>
                  <Field id={nameId} label="Name" error={nameErrors} className="min-w-48 flex-1">
                    <Input
                      id={nameId}
                      name={`holidays.${index}.name`}
                      defaultValue={row.name}
                      maxLength={100}
                      placeholder="e.g. Christmas Day"
                      data-testid="team-holiday-name"
                      {...fieldAria(nameId, nameErrors)}
                    />
                  </Field>
                  <Button
                    variant="ghost"
                    aria-label={`Remove holiday ${index + 1}`}
                    data-testid="team-holiday-remove"
                    onClick={() =>
                      setRows((current) => current.filter((other) => other.key !== row.key))
                    }
                  >
                    Remove
                  </Button>
                </li>
              );
            })}
          </ul>
          {listErrors?.length ? (
            <p className="text-xs font-medium text-danger">{listErrors.join(" ")}</p>
          ) : null}
          <div>
            <Button size="sm" onClick={addRow} data-testid="team-holiday-add">
              Add a holiday
            </Button>
          </div>
        </fieldset>

        <div>
          <SubmitButton pending={pending} label="Save calendar" pendingLabel="Saving…" />
        </div>
      </form>
    </div>
  );
}
