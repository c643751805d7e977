import type { HandoffCadence } from "@/lib/handoffs/labels";
import type {
  EscalationContactInput,
  UpdateHandoffScheduleInput,
  UpdateOnCallRotationInput,
} from "@/lib/handoffs/types";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The schedule form's one "HH:MM" field (UTC) becomes the hour and minute the schedule keeps. */
export function scheduleInputOf(
  form: FormData,
  cadence: HandoffCadence,
  version: number,
): UpdateHandoffScheduleInput {
  const [hour, minute] = (text(form, "time") ?? "").split(":");
  return {
    cadence,
    hourUtc: hour === undefined || hour === "" ? undefined : hour,
    minuteUtc: minute === undefined || minute === "" ? undefined : minute,
    weekday: text(form, "weekday"),
    version,
  };
}

/** A "YYYY-MM-DDTHH:MM" field is read as UTC; blank keeps the start the schedule has. */
export function rotationInputOf(
  members: string[],
  start: string,
  version: number,
): UpdateOnCallRotationInput {
  const trimmed = start.trim();
  return {
    rotation: members,
    rotationStartsAt:
      trimmed === ""
        ? undefined
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed)
          ? `${trimmed}:00Z`
          : trimmed,
    version,
  };
}

/** A contact form's fields; a blank role or person clears it. */
export function contactInputOf(form: FormData): EscalationContactInput {
  return {
    name: text(form, "name") ?? "",
    contact: text(form, "contact") ?? "",
    role: text(form, "role") ?? "",
    userId: text(form, "userId") ?? "",
  };
}
