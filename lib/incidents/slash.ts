import {
  type IncidentRole,
  type IncidentStatus,
  type Severity,
  type WritableTimelineKind,
  incidentStatuses,
  slashCommandHelp,
} from "@/lib/incidents/labels";

/** What the scribe's one-line entry asks for: a plain entry, or a change typed as a slash command. */
export type TimelineCommand =
  | { kind: "entry"; entryKind: WritableTimelineKind; body: string }
  | { kind: "status"; status: IncidentStatus }
  | { kind: "resolve"; rootCause: string }
  | { kind: "severity"; severity: Severity }
  | { kind: "role"; role: IncidentRole; person: string }
  | { kind: "title"; title: string };

export type ParsedCommand = { ok: true; command: TimelineCommand } | { ok: false; error: string };

const statusAliases: Record<string, IncidentStatus> = {
  monitoring: "mitigated",
  mitigating: "mitigated",
  investigate: "investigating",
  identify: "identified",
};
const roleCommands: Record<string, IncidentRole> = {
  ic: "commander",
  commander: "commander",
  comms: "commsLead",
  scribe: "scribe",
};
const entryCommands: Record<string, WritableTimelineKind> = {
  note: "note",
  action: "action",
  deploy: "deploy",
  rollback: "rollback",
};

export function parseTimelineCommand(input: string): ParsedCommand {
  const text = input.trim();
  if (!text) return { ok: false, error: "Write something." };
  if (!text.startsWith("/") || text.startsWith("//"))
    return {
      ok: true,
      command: { kind: "entry", entryKind: "note", body: text.replace(/^\/\//, "/") },
    };
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  const name = match?.[1]?.toLowerCase() ?? "";
  const argument = match?.[2]?.trim() ?? "";
  const usage = (what: string): ParsedCommand => ({ ok: false, error: `Usage: ${what}` });

  if (name in entryCommands) {
    if (!argument) return usage(`/${name} <text>`);
    return {
      ok: true,
      command: {
        kind: "entry",
        entryKind: entryCommands[name] as WritableTimelineKind,
        body: argument,
      },
    };
  }
  switch (name) {
    case "status": {
      const word = argument.toLowerCase();
      const status =
        statusAliases[word] ??
        (incidentStatuses as readonly string[]).find((candidate) => candidate === word);
      if (!status) return usage("/status investigating|identified|mitigated");
      if (status === "resolved")
        return {
          ok: false,
          error: "Resolving needs a root cause: use /resolve <root cause> or the Resolve button.",
        };
      return { ok: true, command: { kind: "status", status: status as IncidentStatus } };
    }
    case "resolve":
      if (!argument)
        return { ok: false, error: "Resolving needs a root cause: /resolve <root cause>." };
      return { ok: true, command: { kind: "resolve", rootCause: argument } };
    case "sev":
    case "severity": {
      const level = /^(?:sev)?\s*([123])$/i.exec(argument)?.[1];
      if (!level) return usage("/sev 1|2|3");
      return { ok: true, command: { kind: "severity", severity: `sev${level}` as Severity } };
    }
    case "title":
      if (!argument) return usage("/title <new title>");
      return { ok: true, command: { kind: "title", title: argument } };
    default: {
      const role = roleCommands[name];
      if (!role)
        return {
          ok: false,
          error: `Unknown command /${name}. Try: ${slashCommandHelp.join(", ")}.`,
        };
      const person = argument.replace(/^@/, "").trim();
      if (!person) return usage(`/${name} @name`);
      return { ok: true, command: { kind: "role", role, person } };
    }
  }
}

/** Finds the one person an @mention means: email, email's local part, or name without spaces, case-insensitive. */
export function matchPerson<P extends { name: string; email: string }>(
  people: P[],
  mention: string,
): { ok: true; person: P } | { ok: false; error: string } {
  const wanted = mention.replace(/^@/, "").trim().toLowerCase();
  const squash = (value: string) => value.toLowerCase().replace(/[\s._-]+/g, "");
  const exact = people.filter(
    (person) =>
      person.email.toLowerCase() === wanted ||
      person.email.toLowerCase().split("@")[0] === wanted ||
      squash(person.name) === squash(wanted),
  );
  const candidates =
    exact.length > 0
      ? exact
      : people.filter(
          (person) =>
            squash(person.name).startsWith(squash(wanted)) ||
            person.email.toLowerCase().startsWith(wanted),
        );
  if (candidates.length === 1) return { ok: true, person: candidates[0] as P };
  if (candidates.length === 0)
    return { ok: false, error: `Nobody who can take an incident role matches @${wanted}.` };
  return {
    ok: false,
    error: `@${wanted} could be ${candidates.map((person) => person.email).join(" or ")}: type more of it.`,
  };
}
