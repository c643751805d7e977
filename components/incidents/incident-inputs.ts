import type { DeclareIncidentInput, UpdateIncidentInput } from "@/lib/incidents/types";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The declare form's fields with the checked services; the action parses them with the declare schema. */
export function declareInputOf(form: FormData, serviceIds: string[]): DeclareIncidentInput {
  return {
    title: text(form, "title") ?? "",
    severity: text(form, "severity"),
    serviceIds,
    commanderId: text(form, "commanderId"),
    commsLeadId: text(form, "commsLeadId"),
    scribeId: text(form, "scribeId"),
    summary: text(form, "summary"),
    userImpact: text(form, "userImpact"),
    workaround: text(form, "workaround"),
    eta: text(form, "eta"),
    idempotencyKey: text(form, "idempotencyKey"),
  };
}

/** Comma-separated ids or, with `lines`, one item per line (follow-up links may hold commas). */
function listOf(value: string, separator: "comma" | "lines"): string[] {
  return value
    .split(separator === "lines" ? /\r?\n/ : /[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A change made in the incident's controls or edit form, on the version it was made on. */
export function updateInputOf(
  version: number,
  fields: Record<string, string>,
): UpdateIncidentInput {
  const { serviceIds, followUps, ...rest } = fields;
  return {
    ...rest,
    version,
    ...(serviceIds !== undefined ? { serviceIds: listOf(serviceIds, "comma") } : {}),
    ...(followUps !== undefined ? { followUps: listOf(followUps, "lines") } : {}),
  };
}
