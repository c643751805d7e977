import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/incident-badges";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageRole } from "@/lib/auth/guard";
import { listPostmortems } from "@/lib/postmortems/data";
import { postmortemStatusLabels } from "@/lib/postmortems/schema";

export const metadata: Metadata = { title: "Postmortems" };

export default async function PostmortemsPage({ searchParams }: { searchParams: Promise<{ incident?: string }> }) {
  await requirePageRole("viewer", "/postmortems");
  const { incident } = await searchParams;
  const incidentId = incident && /^[0-9a-f-]{36}$/i.test(incident) ? incident : undefined;
  const postmortems = await listPostmortems({ incidentId });
  return (
    <>
      <PageHeader
        title="Postmortems"
        description="Blameless reviews of resolved incidents. Resolving an incident starts its draft; a SEV1's is due within five business days."
      />
      {postmortems.length === 0 ? (
        <EmptyState title="No postmortems yet">Resolve an incident and its postmortem draft appears here.</EmptyState>
      ) : (
        <Table data-testid="postmortem-list">
          <thead>
            <tr>
              <Th>Incident</Th>
              <Th>Severity</Th>
              <Th>Status</Th>
              <Th>Due</Th>
              <Th>Resolved</Th>
            </tr>
          </thead>
          <tbody>
            {postmortems.map((postmortem) => {
              const overdue = postmortem.overdue;
              return (
                <tr key={postmortem.id} data-testid="postmortem-row">
                  <Td>
                    <Link href={`/incidents/${postmortem.incident.id}`} className="font-medium text-accent hover:underline">
                      INC-{postmortem.incident.number} {postmortem.incident.title}
                    </Link>
                  </Td>
                  <Td>
                    <SeverityBadge severity={postmortem.incident.severity} />
                  </Td>
                  <Td>
                    <Badge tone={postmortem.status === "published" ? "up" : "neutral"}>{postmortemStatusLabels[postmortem.status]}</Badge>
                  </Td>
                  <Td>
                    {postmortem.dueAt ? (
                      <span className={overdue ? "font-semibold text-danger" : ""} data-testid="postmortem-due">
                        {postmortem.dueIn ? `${postmortem.dueIn} · ` : null}
                        <Time iso={postmortem.dueAt} />
                      </span>
                    ) : (
                      <span className="text-muted">{postmortem.required ? "—" : "optional"}</span>
                    )}
                  </Td>
                  <Td>{postmortem.incident.resolvedAt ? <Time iso={postmortem.incident.resolvedAt} /> : <span className="text-muted">reopened</span>}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
