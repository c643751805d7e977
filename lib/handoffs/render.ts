import { deployStatusLabels } from "@/lib/deploys/labels";
import type {
  EscalationLine,
  HandoffDeployLine,
  HandoffIncidentLine,
  HandoffServiceLine,
  HandoffSnapshot,
  HandoffView,
} from "@/lib/handoffs/types";
import type { IncidentStatus, Severity } from "@/lib/incidents/labels";
import { formatUtcDate, formatUtcDateTime, formatUtcTime } from "@/lib/time/format";
import { inertInline, isHttpUrl } from "@/lib/markdown";

// The live preview imports this module in the browser, and incidents' labels still live beside their zod schemas.
const severityWords: Record<Severity, string> = { sev1: "SEV1", sev2: "SEV2", sev3: "SEV3" };
const statusWords: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  mitigated: "Mitigated",
  resolved: "Resolved",
};

export type HandoffTextInput = {
  windowStart: string;
  windowEnd: string;
  snapshot: HandoffSnapshot;
  manualDeploys: string[];
  knownRisks: string[];
  escalation: EscalationLine[];
  notes: string;
};

/**
 * One line of what someone typed: line breaks, tabs and other control characters (Unicode line and paragraph
 * separators too) become a single space, so nothing typed can start a line of the template of its own.
 */
export function oneLine(value: string): string {
  return value.replace(/\s*[\u0000-\u001f\u007f-\u009f\u2028\u2029]+\s*/g, " ").trim();
}

/** "2026-11-28 09:00 UTC"; anything that is not a time is shown as it was given. */
export function utcDateTime(iso: string): string {
  return oneLine(formatUtcDateTime(iso));
}

function serviceLabel(service: Pick<HandoffServiceLine, "name" | "environment">): string {
  const name = oneLine(service.name);
  return service.environment && service.environment !== "production"
    ? `${name} [${oneLine(service.environment)}]`
    : name;
}

/** "MCP (up)", "Studio (degraded: p95 4.2 s over the 3 s SLO)", "Absorb (down: HTTP 502)". */
function serviceText(service: HandoffServiceLine): string {
  const reason = service.reason ? oneLine(service.reason) : "";
  const state =
    reason && service.status !== "up" && service.status !== "unknown"
      ? `${service.status}: ${reason}`
      : service.status;
  return `${serviceLabel(service)} (${state})`;
}

function incidentText(incident: HandoffIncidentLine): string {
  const words = [
    `INC-${incident.number}`,
    severityWords[incident.severity] ?? oneLine(String(incident.severity)),
    statusWords[incident.status] ?? oneLine(String(incident.status)),
    `“${oneLine(incident.title)}”`,
    `(IC ${oneLine(incident.commander) || "unassigned"})`,
    oneLine(incident.url),
  ];
  return words.filter((word) => word !== "").join(" ");
}

/** "MCP v1.2.3 by ci-bot since 08:40 UTC <url>"; the date is added when it started on another day than the snapshot. */
function deployText(deploy: HandoffDeployLine, generatedAt: string): string {
  const started = utcDateTime(deploy.startedAt);
  const sameDay =
    formatUtcDate(deploy.startedAt) === formatUtcDate(generatedAt) && started.endsWith(" UTC");
  const since = sameDay ? formatUtcTime(deploy.startedAt) : started;
  const status =
    deploy.status === "started"
      ? ""
      : ` (${deployStatusLabels[deploy.status]?.toLowerCase() ?? oneLine(String(deploy.status))})`;
  const words = [
    `${oneLine(deploy.service)} ${oneLine(deploy.label)}${status}`,
    `by ${oneLine(deploy.deployedBy) || "unknown"}`,
    `since ${since}`,
    oneLine(deploy.url),
  ];
  return words.filter((word) => word !== "").join(" ");
}

function escalationText(line: EscalationLine): string {
  const contact = oneLine(line.contact);
  return contact ? `${oneLine(line.name)} (${contact})` : oneLine(line.name);
}

const listOrNone = (items: string[], separator: string) => {
  const kept = items.filter((item) => item !== "");
  return kept.length === 0 ? "none" : kept.join(separator);
};

export type HandoffLine = { label: string; value: string };

/** The runbook's section-8 template as label/value pairs, in its order; "Notes" only when there are notes. */
export function handoffLines(input: HandoffTextInput): HandoffLine[] {
  const { snapshot } = input;
  const lines: HandoffLine[] = [
    {
      label: "Window",
      value: `${utcDateTime(input.windowStart)} – ${utcDateTime(input.windowEnd)}`,
    },
    { label: "Services owned", value: listOrNone(snapshot.services.map(serviceText), " / ") },
    { label: "Open incidents", value: listOrNone(snapshot.incidents.map(incidentText), "; ") },
    {
      label: "In-flight deploys",
      value: listOrNone(
        [
          ...snapshot.deploys.map((deploy) => deployText(deploy, snapshot.generatedAt)),
          ...input.manualDeploys.map(oneLine),
        ],
        "; ",
      ),
    },
    { label: "Known risks", value: listOrNone(input.knownRisks.map(oneLine), "; ") },
    { label: "Escalation", value: listOrNone(input.escalation.map(escalationText), "; ") },
  ];
  const notes = oneLine(input.notes);
  if (notes) lines.push({ label: "Notes", value: notes });
  return lines;
}

/** The handoff as the runbook's template (section 8), filled in: one line per field, nothing typed can add a line. */
export function renderHandoffText(input: HandoffTextInput): string {
  return handoffLines(input)
    .map((line) => `${line.label}: ${line.value}`)
    .join("\n");
}

/** One line of user text for Markdown: on one line, made inert, never a heading. */
export function escapeMarkdownInline(value: string): string {
  return inertInline(oneLine(value)).replace(/^( {0,3})(#)/, "$1\\$2");
}

/** Links Vigil made itself (incidents, deploys) become autolinks; anything but http(s) stays escaped text. */
function markdownLinks(escaped: string): string {
  return escaped.replace(
    /(^|\s)(https?:\/\/[^\s<>`\\]+)/g,
    (_match, space: string, found: string) => {
      // The list separator ("; ") and sentence punctuation after a URL are not part of it.
      const url = found.replace(/[;,.]+$/, "");
      const trailing = found.slice(url.length);
      if (!isHttpUrl(url)) return `${space}${found}`;
      const href = new URL(url).href.replace(
        /[|<>()\s"`\\]/g,
        (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
      );
      return `${space}<${href}>${trailing}`;
    },
  );
}

function handoffInput(handoff: HandoffView): HandoffTextInput {
  return {
    windowStart: handoff.windowStart,
    windowEnd: handoff.windowEnd,
    snapshot: handoff.snapshot,
    manualDeploys: handoff.manualDeploys,
    knownRisks: handoff.knownRisks,
    escalation: handoff.escalation,
    notes: handoff.notes,
  };
}

/** The handoff as a Markdown document: its title, the template's lines as a bold-labelled list, who handed over to whom. */
export function renderHandoffMarkdown(handoff: HandoffView): string {
  const items = handoffLines(handoffInput(handoff)).map((line) => {
    const value = escapeMarkdownInline(line.value);
    const linked =
      line.label === "Open incidents" || line.label === "In-flight deploys"
        ? markdownLinks(value)
        : value;
    return `- **${line.label}:** ${linked}`;
  });
  const acknowledged = handoff.acknowledgedAt
    ? `acknowledged ${utcDateTime(handoff.acknowledgedAt)}${handoff.acknowledgedBy ? ` by ${escapeMarkdownInline(handoff.acknowledgedBy)}` : ""}`
    : handoff.overdue
      ? "not acknowledged (overdue)"
      : "not acknowledged yet";
  const footer = [
    `From ${escapeMarkdownInline(handoff.outgoing.name)} to ${escapeMarkdownInline(handoff.incoming.name)}`,
    `created ${utcDateTime(handoff.createdAt)} by ${escapeMarkdownInline(handoff.createdBy)}`,
    acknowledged,
  ].join(" · ");
  return `# Handoff HO-${handoff.number}\n\n${items.join("\n")}\n\n${footer}\n`;
}

/** "handoff-HO-12-2026-11-28.md": the number and the UTC day its window starts. */
export function handoffMarkdownFilename(
  handoff: Pick<HandoffView, "number" | "windowStart">,
): string {
  const day = Number.isNaN(Date.parse(handoff.windowStart))
    ? "undated"
    : formatUtcDate(handoff.windowStart);
  return `handoff-HO-${handoff.number}-${day}.md`;
}
