import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcknowledgeButton } from "@/components/handoffs/acknowledge-button";
import { HandoffAckState } from "@/components/handoffs/handoff-ack-state";
import { HandoffExport } from "@/components/handoffs/handoff-export";
import { HandoffDeployList, HandoffIncidentList } from "@/components/handoffs/snapshot-lists";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { currentActor, requirePageRole } from "@/lib/auth/guard";
import { findHandoff, getHandoffPostings } from "@/lib/handoffs/data";
import { handoffMarkdownFilename, renderHandoffMarkdown } from "@/lib/handoffs/render";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: "Handoff" };
  const handoff = await findHandoff(id);
  return { title: handoff ? `Handoff HO-${handoff.number}` : "Handoff" };
}

export default async function HandoffPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/handoffs/${id}`);
  const handoff = await findHandoff(id);
  if (!handoff) notFound();
  const isIncoming = handoff.incoming.id !== null && handoff.incoming.id === actor.id;
  const markdown = renderHandoffMarkdown(handoff);
  const postings = await getHandoffPostings(handoff.id);
  const postedTo = [
    postings.feed ? "the HoloMesh team feed" : null,
    postings.webhooks > 0
      ? `${postings.webhooks} webhook${postings.webhooks === 1 ? "" : "s"}`
      : null,
  ].filter(Boolean);

  return (
    <>
      <PageHeader
        title={`Handoff HO-${handoff.number}`}
        description={
          <>
            <span data-testid="handoff-people">
              {handoff.outgoing.name} → {handoff.incoming.name}
            </span>
            {" · created "}
            <Time iso={handoff.createdAt} /> by {handoff.createdBy}
          </>
        }
        actions={
          <Link href="/handoffs" className="text-sm text-accent underline underline-offset-2">
            All handoffs
          </Link>
        }
      />
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-3" data-testid="handoff-ack">
          <HandoffAckState handoff={handoff} />
          {handoff.acknowledgedAt ? null : isIncoming ? (
            <AcknowledgeButton handoffId={handoff.id} />
          ) : (
            <span className="text-sm text-muted" data-testid="handoff-awaiting">
              {handoff.incoming.name} acknowledges this handoff.
            </span>
          )}
        </div>

        <Panel
          title="The handoff"
          description="The runbook's template as it was created: copy it into chat, or download it as Markdown."
        >
          <div className="flex flex-col gap-3">
            <pre
              data-testid="handoff-text"
              className="overflow-x-auto rounded-md border border-line bg-surface-2 p-3 font-mono text-xs leading-5 break-words whitespace-pre-wrap"
            >
              {handoff.text}
            </pre>
            <HandoffExport
              text={handoff.text}
              markdown={markdown}
              filename={handoffMarkdownFilename(handoff)}
            />
            <p className="text-xs text-muted" data-testid="handoff-posted">
              {postedTo.length > 0
                ? `Posted to ${postedTo.join(" and ")} when it was created.`
                : "Not posted anywhere: no webhook takes handoffs and the HoloMesh feed is not connected."}
            </p>
          </div>
        </Panel>

        <div className="grid gap-4 md:grid-cols-2">
          <Panel
            title="Open incidents"
            description={
              <>
                At creation, <Time iso={handoff.snapshot.generatedAt} />.
              </>
            }
          >
            <HandoffIncidentList incidents={handoff.snapshot.incidents} />
          </Panel>
          <Panel
            title="In-flight deploys"
            description="From the deploy log at creation; typed lines are in the text above."
          >
            <HandoffDeployList deploys={handoff.snapshot.deploys} />
          </Panel>
        </div>
      </div>
    </>
  );
}
