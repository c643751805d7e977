import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { LinkifiedText } from "@/components/incidents/linkified-text";
import { PrintButton } from "@/components/postmortems/print-button";
import { formatUtcDateTime } from "@/lib/time/format";
import { requirePageRole } from "@/lib/auth/guard";
import { detailPageMetadata } from "@/lib/auth/page-metadata";
import { severityLabels } from "@/lib/incidents/labels";
import { safeHref } from "@/lib/incidents/linkify";
import { findPostmortemDetail } from "@/lib/postmortems/data";
import { postmortemPageTitle } from "@/lib/postmortems/page-title";
import { humanDuration } from "@/lib/time/duration";
import {
  actionItemStatusLabels,
  postmortemSectionLabels,
  postmortemSections,
  postmortemStatusLabels,
  reviewDecisionLabels,
} from "@/lib/postmortems/labels";
import type { CuratedTimelineEntry, ReviewerView } from "@/lib/postmortems/types";

export function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  return detailPageMetadata(params, "Postmortem", postmortemPageTitle);
}

const orNotYet = (iso: string | null) => (iso ? formatUtcDateTime(iso) : "Not yet");
const durationOr = (ms: number | null, missing: string) =>
  ms === null ? missing : humanDuration(ms);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 break-inside-avoid">
      <dt className="text-xs font-medium tracking-wide text-neutral-500 uppercase">{label}</dt>
      <dd className="text-sm break-words whitespace-pre-wrap">{children}</dd>
    </div>
  );
}

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="mt-8 print:mt-6" data-testid={testId}>
      <h2 className="border-b border-neutral-300 pb-1 text-lg font-semibold print:break-after-avoid">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function WrittenText({ text }: { text: string }) {
  if (!text.trim()) return <p className="text-sm text-neutral-500 italic">Not written yet.</p>;
  return (
    <p className="text-sm leading-relaxed break-words whitespace-pre-wrap">
      <LinkifiedText text={text} />
    </p>
  );
}

function reviewerDecision(reviewer: ReviewerView): string {
  if (!reviewer.decision) return "no decision yet";
  const version =
    reviewer.decidedOnVersion === null ? "" : ` on version ${reviewer.decidedOnVersion}`;
  return `${reviewDecisionLabels[reviewer.decision]}${version}${reviewer.current ? "" : " (an earlier version)"}`;
}

function Timeline({ entries }: { entries: CuratedTimelineEntry[] }) {
  const included = entries.filter((entry) => entry.included);
  if (included.length === 0)
    return <p className="text-sm text-neutral-500 italic">No timeline entries included.</p>;
  return (
    <ol className="flex flex-col gap-2" data-testid="print-timeline">
      {included.map((entry) => (
        <li key={entry.id} className="grid break-inside-avoid grid-cols-[9.5rem_1fr] gap-3 text-sm">
          <time dateTime={entry.occurredAt} className="text-neutral-600 tabular-nums">
            {formatUtcDateTime(entry.occurredAt)}
          </time>
          <div className="min-w-0">
            <p className="break-words whitespace-pre-wrap">
              <LinkifiedText text={entry.body} />{" "}
              <span className="text-neutral-500">({entry.authorLabel})</span>
            </p>
            {entry.annotation.trim() ? (
              <blockquote
                className="mt-1 border-l-2 border-neutral-400 pl-2 break-words whitespace-pre-wrap text-neutral-700"
                data-testid="print-annotation"
              >
                <LinkifiedText text={entry.annotation} />
              </blockquote>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

function IssueLink({ url }: { url: string }) {
  const href = safeHref(url);
  if (!href) return <span className="break-all">{url}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="break-all underline"
    >
      {url}
    </a>
  );
}

export default async function PostmortemPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageRole("viewer", `/postmortems/${id}/print`);
  const detail = await findPostmortemDetail(id);
  if (!detail) notFound();
  const { postmortem, impact, detection, timeline, actionItems, reviewers } = detail;
  const { incident, content } = postmortem;
  const signal = detection.firstSignal;

  return (
    <article
      className="mx-auto max-w-3xl px-6 py-8 print:max-w-none print:p-0"
      data-testid="postmortem-print"
    >
      <div className="mb-6 flex items-center justify-between gap-3 print:hidden">
        <Link
          href={`/postmortems/${postmortem.id}`}
          className="text-sm text-neutral-600 underline underline-offset-2"
        >
          Back to the postmortem
        </Link>
        <PrintButton />
      </div>

      <header>
        <p className="text-sm text-neutral-600">
          INC-{incident.number} · {severityLabels[incident.severity]} · Postmortem
        </p>
        <h1 className="mt-1 text-2xl font-semibold break-words">{incident.title}</h1>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 print:grid-cols-3">
          <Fact label="Status">
            {postmortemStatusLabels[postmortem.status]}
            {postmortem.required ? " (required)" : ""}
          </Fact>
          <Fact label="Owner">{postmortem.owner?.name ?? "Unassigned"}</Fact>
          <Fact label="Due">
            {postmortem.dueAt
              ? `${formatUtcDateTime(postmortem.dueAt)}${postmortem.dueIn ? ` (${postmortem.dueIn})` : ""}`
              : "No due date"}
          </Fact>
          <Fact label="Published">
            {postmortem.publishedAt
              ? `${formatUtcDateTime(postmortem.publishedAt)}${postmortem.publishedBy ? ` by ${postmortem.publishedBy.name}` : ""}`
              : "Not yet"}
          </Fact>
          <Fact label="Commander">{incident.commander.name}</Fact>
          <Fact label="Version">{postmortem.version}</Fact>
        </dl>
        <div className="mt-4" data-testid="print-reviewers">
          <p className="text-xs font-medium tracking-wide text-neutral-500 uppercase">Reviewers</p>
          {reviewers.length === 0 ? (
            <p className="text-sm">None yet</p>
          ) : (
            <ul className="text-sm">
              {reviewers.map((reviewer) => (
                <li key={reviewer.user.id}>
                  {reviewer.user.name}: {reviewerDecision(reviewer)}
                  {reviewer.decidedAt ? `, ${formatUtcDateTime(reviewer.decidedAt)}` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>

      {postmortemSections.map((section) => (
        <div key={section}>
          <Section title={postmortemSectionLabels[section]} testId={`print-section-${section}`}>
            {section === "impact" ? (
              <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 print:grid-cols-3">
                <Fact label="Severity">{severityLabels[impact.severity]}</Fact>
                <Fact label="Duration">{durationOr(impact.durationMs, "Still open")}</Fact>
                <Fact label="Time to mitigate">
                  {durationOr(impact.timeToMitigateMs, "Not mitigated")}
                </Fact>
                <Fact label="Started">{formatUtcDateTime(impact.startedAt)}</Fact>
                <Fact label="Declared">{formatUtcDateTime(impact.declaredAt)}</Fact>
                <Fact label="Mitigated">{orNotYet(impact.mitigatedAt)}</Fact>
                <Fact label="Resolved">{orNotYet(impact.resolvedAt)}</Fact>
                <Fact label="Affected services">
                  {impact.services.length === 0
                    ? "None recorded"
                    : impact.services.map((service) => service.name).join(", ")}
                </Fact>
                <Fact label="User-visible effect">
                  {impact.userVisibleEffect.trim() || "Not recorded"}
                </Fact>
              </dl>
            ) : null}
            {section === "detection" ? (
              <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 print:grid-cols-3">
                <Fact label="Detected by">
                  {detection.detectedBy === "health_alert" ? "Health alert" : "Declaration"},{" "}
                  {formatUtcDateTime(detection.detectedAt)}
                </Fact>
                <Fact label="Time to detect">
                  {durationOr(detection.timeToDetectMs, "Unknown")}
                </Fact>
                <Fact label="Time to declare">
                  {durationOr(detection.timeToDeclareMs, "Unknown")}
                </Fact>
                <Fact label="Impact started (health checks)">
                  {detection.impactStartedAt
                    ? formatUtcDateTime(detection.impactStartedAt)
                    : "Nothing seen before declaration"}
                </Fact>
                <Fact label="First signal">
                  {signal
                    ? `${formatUtcDateTime(signal.at)}, ${signal.service} ${signal.state}${signal.reason.trim() ? `: ${signal.reason}` : ""}`
                    : "None"}
                </Fact>
              </dl>
            ) : null}
            <WrittenText text={content[section]} />
          </Section>
          {section === "detection" ? (
            <Section title="Timeline" testId="print-section-timeline">
              <Timeline entries={timeline} />
            </Section>
          ) : null}
        </div>
      ))}

      <Section title="Action items" testId="print-section-action-items">
        {actionItems.length === 0 ? (
          <p className="text-sm text-neutral-500 italic">No action items yet.</p>
        ) : (
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-neutral-400">
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Action
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Owner
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Due
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Status
                </th>
                <th scope="col" className="py-1 font-semibold">
                  Issue
                </th>
              </tr>
            </thead>
            <tbody>
              {actionItems.map((item) => (
                <tr
                  key={item.id}
                  className="break-inside-avoid border-b border-neutral-200 align-top"
                >
                  <td className="py-1.5 pr-3 break-words whitespace-pre-wrap">{item.title}</td>
                  <td className="py-1.5 pr-3">{item.owner?.name ?? "Unassigned"}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {item.dueDate ?? "—"}
                    {item.overdue ? <span className="font-semibold"> (overdue)</span> : null}
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {actionItemStatusLabels[item.status]}
                  </td>
                  <td className="py-1.5">
                    {item.issueUrl ? <IssueLink url={item.issueUrl} /> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </article>
  );
}
