import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InertText } from "@/components/incidents/inert-text";
import { NotificationRecord } from "@/components/paging/notification-record";
import {
  AcknowledgePageButton,
  DeclareIncidentFromPageButton,
} from "@/components/paging/page-action-buttons";
import { formatDuration, PageLevelBadge, PageStateBadge } from "@/components/paging/page-badges";
import { RefreshOnPageChange } from "@/components/paging/refresh-on-page-change";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { requirePageRole } from "@/lib/auth/guard";
import { detailPageMetadata } from "@/lib/auth/page-metadata";
import { hasRole } from "@/lib/auth/roles";
import { nullWhenNotFound } from "@/lib/errors";
import { getPage } from "@/lib/paging/data";
import { sentenceCase } from "@/lib/paging/page-notifications";
import type { PageView } from "@/lib/paging/types";

const findPage = (id: string): Promise<PageView | null> => nullWhenNotFound(getPage(id));

export function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  return detailPageMetadata(params, "Page", async (id) => {
    const page = await findPage(id);
    return page ? `Page #${page.number}` : null;
  });
}

/** Where every page message links: one click acknowledges when signed in; sign-in comes back here. */
export default async function PageDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/pages/${id}`);
  const page = await findPage(id);
  if (!page) notFound();
  const canAct = hasRole(actor.role, "responder");

  return (
    <>
      <PageHeader
        title={`Page #${page.number}`}
        description={
          <>
            Triggered <Time iso={page.triggeredAt} />
            {page.serviceId && page.serviceName ? (
              <>
                {" · "}
                <Link href={`/services/${page.serviceId}`} className="underline underline-offset-2">
                  {page.serviceName}
                </Link>
              </>
            ) : null}
          </>
        }
        actions={
          <Link href="/pages" className="text-sm text-accent underline underline-offset-2">
            All pages
          </Link>
        }
      />
      <RefreshOnPageChange pageId={page.id} />
      <div className="flex flex-col gap-4">
        <section
          className={`rounded-lg border-2 px-4 py-4 ${page.state === "triggered" ? "border-down bg-down-bg" : "border-line bg-surface"}`}
          data-testid="page-summary"
        >
          <div className="flex flex-wrap items-center gap-2">
            <PageStateBadge state={page.state} />
            <PageLevelBadge page={page} />
          </div>
          <h2 className="mt-2 text-xl font-semibold">
            <InertText text={page.title} />
          </h2>
          {page.reason ? (
            <p className="mt-1 text-sm">
              <InertText text={page.reason} />
            </p>
          ) : null}
          {page.unreachableAt && page.state !== "resolved" ? (
            <p
              className="mt-2 rounded border-2 border-down bg-surface px-2 py-1 text-sm font-semibold text-down"
              role="alert"
            >
              <InertText
                text={sentenceCase(
                  page.unreachableReason ?? "could not reach anyone on this page.",
                )}
              />
            </p>
          ) : null}
          <div className="mt-3 flex flex-wrap items-start gap-3">
            {page.state === "triggered" && canAct ? (
              <AcknowledgePageButton pageId={page.id} via="link" />
            ) : null}
            {page.incident ? (
              <Link
                href={`/incidents/${page.incident.id}`}
                className="self-center text-sm font-medium text-accent underline underline-offset-2"
                data-testid="page-incident-link"
              >
                INC-{page.incident.number} <InertText text={page.incident.title} />
              </Link>
            ) : canAct && page.state !== "resolved" ? (
              <DeclareIncidentFromPageButton pageId={page.id} />
            ) : null}
          </div>
          {page.state === "triggered" && !canAct ? (
            <p className="mt-2 text-sm text-muted">Acknowledging needs the responder role.</p>
          ) : null}
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {page.acknowledgedAt && page.acknowledgedBy ? (
              <>
                <dt className="text-muted">Acknowledged</dt>
                <dd data-testid="page-acknowledged">
                  by <InertText text={page.acknowledgedBy.name} />{" "}
                  <Time iso={page.acknowledgedAt} /> ({page.acknowledgedVia ?? "web"}), after{" "}
                  {formatDuration(page.timeToAcknowledgeSeconds ?? 0)}
                </dd>
              </>
            ) : null}
            {page.state === "triggered" && page.nextEscalationAt ? (
              <>
                <dt className="text-muted">Escalates</dt>
                <dd>
                  next at <Time iso={page.nextEscalationAt} /> unless acknowledged (now at level{" "}
                  {page.escalationLevel})
                </dd>
              </>
            ) : null}
            {page.resolvedAt ? (
              <>
                <dt className="text-muted">Resolved</dt>
                <dd>
                  <Time iso={page.resolvedAt} />
                  {page.resolvedReason ? (
                    <>
                      {" · "}
                      <InertText text={page.resolvedReason} />
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <Panel
          title="Notifications"
          description="Every message sent for this page: who, by which method, where (tokens hidden), when, and whether it arrived."
        >
          <NotificationRecord notifications={page.notifications} />
        </Panel>
      </div>
    </>
  );
}
