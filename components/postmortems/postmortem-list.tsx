import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/incident-badges";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { postmortemStatusLabels } from "@/lib/postmortems/labels";
import type { PostmortemListItem, PostmortemStatus } from "@/lib/postmortems/types";

export const postmortemStatusTones: Record<PostmortemStatus, BadgeTone> = {
  draft: "neutral",
  in_review: "accent",
  published: "up",
};

function DueCell({ postmortem }: { postmortem: PostmortemListItem }) {
  if (!postmortem.dueAt)
    return <span className="text-muted">{postmortem.required ? "—" : "optional"}</span>;
  if (postmortem.status === "published") {
    return (
      <span className="text-muted" data-testid="postmortem-due">
        was due <Time iso={postmortem.dueAt} />
      </span>
    );
  }
  return (
    <span
      className={`flex flex-col gap-0.5 ${postmortem.overdue ? "font-semibold text-danger" : ""}`}
      data-testid="postmortem-due"
    >
      {postmortem.dueIn ? <span>{postmortem.dueIn}</span> : null}
      <Time iso={postmortem.dueAt} className={postmortem.overdue ? "" : "text-xs text-muted"} />
    </span>
  );
}

/** Every postmortem; an overdue one is marked on its edge and in words, so it stands out in a long list. */
export function PostmortemList({ postmortems }: { postmortems: PostmortemListItem[] }) {
  return (
    <Table data-testid="postmortem-list">
      <TableHead
        columns={[
          "Incident",
          "Severity",
          "Status",
          "Owner",
          "Due",
          "Open action items",
          "Resolved",
        ]}
      />
      <tbody>
        {postmortems.map((postmortem) => (
          <tr
            key={postmortem.id}
            data-testid="postmortem-row"
            data-overdue={postmortem.overdue ? "true" : undefined}
            className={postmortem.overdue ? "bg-down-bg/40" : undefined}
          >
            <Td className={postmortem.overdue ? "shadow-[inset_4px_0_0_var(--danger)]" : undefined}>
              <Link
                href={`/postmortems/${postmortem.id}`}
                className="font-medium text-accent hover:underline"
                data-testid="postmortem-link"
              >
                <span className="font-mono">INC-{postmortem.incident.number}</span>{" "}
                {postmortem.incident.title}
              </Link>
              {postmortem.overdue ? (
                <Badge tone="down" className="ml-2" data-testid="postmortem-overdue">
                  Overdue
                </Badge>
              ) : null}
            </Td>
            <Td>
              <SeverityBadge severity={postmortem.incident.severity} />
            </Td>
            <Td>
              <Badge
                tone={postmortemStatusTones[postmortem.status]}
                data-testid="postmortem-status"
              >
                {postmortemStatusLabels[postmortem.status]}
              </Badge>
            </Td>
            <Td>
              {postmortem.owner ? (
                postmortem.owner.name
              ) : (
                <span className="text-muted">unassigned</span>
              )}
            </Td>
            <Td>
              <DueCell postmortem={postmortem} />
            </Td>
            <Td className="tabular-nums" data-testid="postmortem-open-items">
              {postmortem.openActionItems > 0 ? (
                postmortem.openActionItems
              ) : (
                <span className="text-muted">0</span>
              )}
            </Td>
            <Td>
              {postmortem.incident.resolvedAt ? (
                <Time iso={postmortem.incident.resolvedAt} />
              ) : (
                <span className="text-muted">reopened</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
