"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { severityTones } from "@/components/incidents/incident-tones";
import { useDocumentWrite } from "@/components/postmortems/use-document-write";
import {
  callWrite,
  documentUnanswered,
  type RunVersioned,
} from "@/components/postmortems/write-results";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { InlineError } from "@/components/ui/inline-error";
import { Select } from "@/components/ui/select";
import { Time } from "@/components/ui/time";
import { severityLabels } from "@/lib/incidents/labels";
import type { PersonRef } from "@/lib/incidents/types";
import { savePostmortemAction } from "@/lib/postmortems/actions";
import { postmortemStatusLabels } from "@/lib/postmortems/labels";
import type { PostmortemStatus, PostmortemView } from "@/lib/postmortems/types";

const statusTones: Record<PostmortemStatus, BadgeTone> = {
  draft: "neutral",
  in_review: "accent",
  published: "up",
};

function OwnerPicker({
  postmortem,
  people,
  run,
}: {
  postmortem: PostmortemView;
  people: PersonRef[];
  run: RunVersioned;
}) {
  const { pending, error, go } = useDocumentWrite(run, postmortem.incident.id);
  const owner = postmortem.owner;
  const options =
    owner && !people.some((person) => person.id === owner.id) ? [...people, owner] : people;
  return (
    <span className="inline-flex flex-col">
      <label htmlFor="postmortem-owner" className="sr-only">
        Owner
      </label>
      <Select
        id="postmortem-owner"
        value={owner?.id ?? ""}
        disabled={pending !== null}
        className="h-7 text-xs"
        data-testid="postmortem-owner"
        onChange={(event) => {
          const ownerId = event.target.value || null;
          void go("owner", (version) =>
            callWrite(
              () => savePostmortemAction(postmortem.incident.id, { version, ownerId }),
              documentUnanswered,
            ),
          );
        }}
      >
        <option value="">No owner</option>
        {options.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </Select>
      <InlineError message={error} />
    </span>
  );
}

/** INC-n, severity, status, the due date in business days (red once overdue), the owner, and the export buttons. */
export function PostmortemHeader({
  postmortem,
  people,
  canChangeOwner,
  run,
  exportButtons,
}: {
  postmortem: PostmortemView;
  people: PersonRef[];
  canChangeOwner: boolean;
  run: RunVersioned;
  exportButtons: ReactNode;
}) {
  const { incident } = postmortem;
  const published = postmortem.status === "published";
  return (
    <header className="flex flex-col gap-2" data-testid="postmortem-header">
      <p className="text-xs text-muted">
        <Link href="/postmortems" className="hover:text-text hover:underline">
          Postmortems
        </Link>{" "}
        / INC-{incident.number}
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="flex min-w-0 flex-wrap items-center gap-2 text-lg font-semibold tracking-tight">
          <Link
            href={`/incidents/${incident.id}`}
            className="min-w-0 break-words hover:underline"
            data-testid="postmortem-incident-link"
          >
            <span className="font-mono text-muted">INC-{incident.number}</span> {incident.title}
          </Link>
          <span className="text-muted">postmortem</span>
        </h1>
        {exportButtons}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm">
        <Badge tone={severityTones[incident.severity]} data-testid="postmortem-severity">
          {severityLabels[incident.severity]}
        </Badge>
        <Badge
          tone={statusTones[postmortem.status]}
          data-testid="postmortem-status"
          data-status={postmortem.status}
        >
          {postmortemStatusLabels[postmortem.status]}
        </Badge>
        <span className="text-xs text-muted" data-testid="postmortem-required">
          {postmortem.required ? "Required" : "Optional"}
        </span>
        {!published && postmortem.dueAt ? (
          <span
            className={`text-xs ${postmortem.overdue ? "font-semibold text-danger" : ""}`}
            data-testid="postmortem-due"
            data-overdue={postmortem.overdue}
          >
            {postmortem.dueIn ?? "due"} · <Time iso={postmortem.dueAt} />
          </span>
        ) : null}
        <span className="flex items-center gap-1.5 text-xs">
          <span className="text-muted">Owner</span>
          {canChangeOwner ? (
            <OwnerPicker postmortem={postmortem} people={people} run={run} />
          ) : (
            <span className="font-medium" data-testid="postmortem-owner-name">
              {postmortem.owner?.name ?? "none"}
            </span>
          )}
        </span>
        {published && postmortem.publishedAt ? (
          <span className="text-xs" data-testid="postmortem-published">
            Published by {postmortem.publishedBy?.name ?? "a former user"} on{" "}
            <Time iso={postmortem.publishedAt} />
          </span>
        ) : null}
      </div>
    </header>
  );
}
