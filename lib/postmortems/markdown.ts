import { humanDuration } from "@/lib/time/duration";
import { formatUtcDate, formatUtcDateTime, formatUtcTime } from "@/lib/time/format";
import { inertInline } from "@/lib/markdown";
import { severityLabels } from "@/lib/incidents/labels";
import {
  actionItemStatusLabels,
  postmortemSectionLabels,
  postmortemSections,
  postmortemStatusLabels,
  reviewDecisionLabels,
} from "@/lib/postmortems/labels";
import type {
  ActionItemView,
  CuratedTimelineEntry,
  DetectionFacts,
  ImpactFacts,
  PostmortemDetail,
  ReviewerView,
} from "@/lib/postmortems/types";

export const notWrittenYet = "_Not written yet._";

const fenceOpening = /^ {0,3}(`{3,}|~{3,})/;

/**
 * What someone wrote, as Markdown that cannot break the export around it or run as HTML: no headings, setext
 * underlines or raw HTML of its own, and a code fence left open is closed before the next section starts.
 * Lists, emphasis and closed code blocks stay, as the writer meant them.
 */
export function escapeBlock(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let openFence: string | null = null;
  const escaped = lines.map((line) => {
    const fence = fenceOpening.exec(line)?.[1];
    if (openFence) {
      if (
        fence &&
        fence[0] === openFence[0] &&
        fence.length >= openFence.length &&
        line.trim() === fence
      )
        openFence = null;
      return line;
    }
    if (
      fence &&
      !(fence[0] === "`" && line.slice(line.indexOf(fence) + fence.length).includes("`"))
    ) {
      openFence = fence;
      return line;
    }
    return escapeLineStart(inertInline(line));
  });
  if (openFence) escaped.push(openFence);
  return escaped.join("\n");
}

/** Headings and setext "===" / "---" underlines would add sections of their own to the export. */
function escapeLineStart(line: string): string {
  if (/^ {0,3}(#|=+\s*$|-+\s*$)/.test(line)) return line.replace(/^( {0,3})/, "$1\\");
  return line;
}

/** One line of text inside a sentence, a list item or a heading. */
function escapeInline(text: string): string {
  return inertInline(text.replace(/\s*[\r\n]+\s*/g, " ").trim());
}

/** A table cell: one line, made inert, with its pipes escaped. */
export function escapeCell(text: string): string {
  return escapeInline(text).replaceAll("|", "\\|");
}

/** An http(s) link as an autolink; anything else as escaped text. */
function link(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeCell(url);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return escapeCell(url);
  const href = parsed.href.replace(
    /[|<>()\s"`\\]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return `<${href}>`;
}

function quoted(text: string, indent = ""): string {
  return escapeBlock(text)
    .split("\n")
    .map((line) => `${indent}> ${line}`.trimEnd())
    .join("\n");
}

function reviewerLine(reviewer: ReviewerView): string {
  const name = escapeInline(reviewer.user.name);
  if (!reviewer.decision) return `${name} (no decision yet)`;
  const when = reviewer.decidedAt ? ` ${formatUtcDateTime(reviewer.decidedAt)}` : "";
  const version =
    reviewer.decidedOnVersion === null ? "" : ` on version ${reviewer.decidedOnVersion}`;
  const stale = reviewer.current ? "" : ", an earlier version";
  return `${name} (${reviewDecisionLabels[reviewer.decision]}${when}${version}${stale})`;
}

function header(detail: PostmortemDetail, baseUrl: string | undefined): string[] {
  const { postmortem, reviewers } = detail;
  const { incident } = postmortem;
  const incidentRef = baseUrl
    ? `[INC-${incident.number}](${baseUrl}/incidents/${incident.id})`
    : `INC-${incident.number}`;
  const due = postmortem.dueAt
    ? `${formatUtcDateTime(postmortem.dueAt)}${postmortem.dueIn ? ` (${postmortem.dueIn})` : ""}`
    : "No due date";
  const published = postmortem.publishedAt
    ? `${formatUtcDateTime(postmortem.publishedAt)}${postmortem.publishedBy ? ` by ${escapeInline(postmortem.publishedBy.name)}` : ""}`
    : "Not yet";
  const lines = [
    `# INC-${incident.number} postmortem: ${escapeInline(incident.title)}`,
    "",
    `- **Incident:** ${incidentRef} · ${severityLabels[incident.severity]} · commander ${escapeInline(incident.commander.name)}`,
    `- **Status:** ${postmortemStatusLabels[postmortem.status]}${postmortem.required ? " (required)" : ""}`,
    `- **Owner:** ${postmortem.owner ? escapeInline(postmortem.owner.name) : "Unassigned"}`,
    `- **Due:** ${due}`,
    `- **Published:** ${published}`,
    `- **Reviewers:** ${reviewers.length === 0 ? "None yet" : reviewers.map(reviewerLine).join("; ")}`,
    `- **Version:** ${postmortem.version}`,
  ];
  if (baseUrl) lines.push(`- **Source:** ${baseUrl}/postmortems/${postmortem.id}`);
  return lines;
}

const never = (iso: string | null) => (iso ? formatUtcDateTime(iso) : "Not yet");
const maybeDuration = (ms: number | null, missing: string) =>
  ms === null ? missing : humanDuration(ms);

function impactFacts(impact: ImpactFacts): string[] {
  return [
    `- **Severity:** ${severityLabels[impact.severity]}`,
    `- **User-visible effect:** ${impact.userVisibleEffect.trim() ? escapeInline(impact.userVisibleEffect) : "Not recorded"}`,
    `- **Duration:** ${maybeDuration(impact.durationMs, "Still open")}`,
    `- **Time to mitigate:** ${maybeDuration(impact.timeToMitigateMs, "Not mitigated")}`,
    `- **Affected services:** ${impact.services.length === 0 ? "None recorded" : impact.services.map((service) => escapeInline(service.name)).join(", ")}`,
    `- **Started:** ${formatUtcDateTime(impact.startedAt)}`,
    `- **Declared:** ${formatUtcDateTime(impact.declaredAt)}`,
    `- **Mitigated:** ${never(impact.mitigatedAt)}`,
    `- **Resolved:** ${never(impact.resolvedAt)}`,
  ];
}

function detectionFacts(detection: DetectionFacts): string[] {
  const signal = detection.firstSignal;
  return [
    `- **Detected by:** ${detection.detectedBy === "health_alert" ? "Health alert" : "Declaration (no alert came first)"} at ${formatUtcDateTime(detection.detectedAt)}`,
    `- **Impact started (health checks):** ${detection.impactStartedAt ? formatUtcDateTime(detection.impactStartedAt) : "The checks saw nothing before declaration"}`,
    `- **First signal:** ${signal ? `${formatUtcDateTime(signal.at)}, ${escapeInline(signal.service)} ${escapeInline(signal.state)}${signal.reason.trim() ? `: ${escapeInline(signal.reason)}` : ""}` : "None"}`,
    `- **Time to detect:** ${maybeDuration(detection.timeToDetectMs, "Unknown")}`,
    `- **Time to declare:** ${maybeDuration(detection.timeToDeclareMs, "Unknown")}`,
  ];
}

/** "- 14:03 UTC — body (author)"; a body that opens with a code block starts on its own line, where a fence can open. */
function timelineItem(time: string, body: string, author: string): string {
  const bodyLines = escapeBlock(body).split("\n");
  const [first = "", ...rest] = bodyLines;
  const startsWithFence = fenceOpening.test(first);
  const head = startsWithFence ? `- ${time} — (${author})` : `- ${time} — ${first}`;
  const continuation = (startsWithFence ? ["", ...bodyLines] : rest).map((line) =>
    line ? `  ${line}` : "",
  );
  const lines = [head, ...continuation];
  if (!startsWithFence) {
    const last = lines.length - 1;
    // Text after a closing fence would stop it closing, so the author goes on a line of its own there.
    if (last > 0 && fenceOpening.test(rest.at(-1) ?? "")) lines.push(`  (${author})`);
    else lines[last] = `${lines[last]} (${author})`;
  }
  return lines.join("\n");
}

function timelineLines(entries: CuratedTimelineEntry[]): string[] {
  const included = entries.filter((entry) => entry.included);
  if (included.length === 0) return ["_No timeline entries included._"];
  const lines: string[] = [];
  let day = "";
  for (const entry of included) {
    const date = formatUtcDate(entry.occurredAt);
    if (date !== day) {
      day = date;
      if (lines.length > 0) lines.push("");
      lines.push(`**${day}**`, "");
    }
    lines.push(
      timelineItem(
        formatUtcTime(entry.occurredAt),
        entry.body.trim(),
        escapeInline(entry.authorLabel),
      ),
    );
    if (entry.annotation.trim()) lines.push(quoted(entry.annotation.trim(), "  "));
  }
  return lines;
}

function actionItemLines(items: ActionItemView[]): string[] {
  if (items.length === 0) return ["_No action items yet._"];
  return [
    "| Action | Owner | Due | Status | Issue |",
    "| --- | --- | --- | --- | --- |",
    ...items.map((item) => {
      const cells = [
        escapeCell(item.title),
        item.owner ? escapeCell(item.owner.name) : "Unassigned",
        item.dueDate ? `${item.dueDate}${item.overdue ? " (overdue)" : ""}` : "—",
        actionItemStatusLabels[item.status],
        item.issueUrl ? link(item.issueUrl) : "—",
      ];
      return `| ${cells.join(" | ")} |`;
    }),
  ];
}

/** The whole document as Markdown: header facts, every section in order, the curated timeline and the action items. */
export function postmortemMarkdown(
  detail: PostmortemDetail,
  options: { baseUrl?: string } = {},
): string {
  const baseUrl = options.baseUrl?.replace(/\/+$/, "") || undefined;
  const { content } = detail.postmortem;
  const blocks: string[][] = [header(detail, baseUrl)];
  for (const section of postmortemSections) {
    const text = content[section].trim();
    const lines = [`## ${postmortemSectionLabels[section]}`, ""];
    if (section === "impact") lines.push(...impactFacts(detail.impact), "");
    if (section === "detection") lines.push(...detectionFacts(detail.detection), "");
    lines.push(text ? escapeBlock(text) : notWrittenYet);
    blocks.push(lines);
    // The issue's order puts the timeline right after detection.
    if (section === "detection")
      blocks.push(["## Timeline", "", ...timelineLines(detail.timeline)]);
  }
  blocks.push(["## Action items", "", ...actionItemLines(detail.actionItems)]);
  return `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

export function postmortemMarkdownFilename(detail: PostmortemDetail): string {
  return `INC-${detail.postmortem.incident.number}-postmortem.md`;
}
