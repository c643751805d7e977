import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { HandoffForm } from "@/components/handoffs/handoff-form";
import { HandoffHistory } from "@/components/handoffs/handoff-history";
import { HandoffDeployList, HandoffIncidentList } from "@/components/handoffs/snapshot-lists";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getHandoffDraft, listHandoffs } from "@/lib/handoffs/data";
import { handoffListFilterSchema } from "@/lib/handoffs/schema";

export const metadata: Metadata = { title: "Handoffs" };

type SearchParams = { q?: string | string[]; before?: string | string[] };
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function HandoffsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requirePageRole("viewer", "/handoffs");
  const params = await searchParams;
  // A hand-edited URL with a value the filter does not take drops that part rather than showing an error page.
  const { shape } = handoffListFilterSchema;
  const q = shape.q.safeParse(single(params.q)).data;
  const before = shape.before.safeParse(single(params.before)).data;
  const canCreate = hasRole(actor.role, "responder");
  const [draft, history] = await Promise.all([
    canCreate ? getHandoffDraft(actor) : null,
    listHandoffs({ q, before }),
  ]);
  return (
    <>
      <PageHeader
        title="Handoffs"
        description="The runbook's on-call handoff (section 8), filled in from live data. The incoming on-call acknowledges it here."
      />
      <div className="flex flex-col gap-6">
        {draft ? (
          <Panel
            title="New handoff"
            description="Check what was filled in, add risks and anything the next shift must know, then create it."
          >
            <HandoffForm
              // A fresh key per page render: a double click or a retried request creates one handoff, not two.
              idempotencyKey={randomUUID()}
              draft={draft}
              openIncidents={<HandoffIncidentList incidents={draft.snapshot.incidents} />}
              inFlightDeploys={<HandoffDeployList deploys={draft.snapshot.deploys} />}
            />
          </Panel>
        ) : null}
        <HandoffHistory
          handoffs={history.handoffs}
          q={q ?? ""}
          nextBefore={history.nextBefore}
          paged={before !== undefined}
        />
      </div>
    </>
  );
}
