import type { Metadata } from "next";
import Link from "next/link";
import { ActionItemTable } from "@/components/postmortems/action-item-table";
import { PostmortemTabs } from "@/components/postmortems/postmortem-filters";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { listActionItems } from "@/lib/postmortems/data";

export const metadata: Metadata = { title: "Action items" };

export default async function ActionItemsPage({
  searchParams,
}: {
  searchParams: Promise<{ all?: string | string[] }>;
}) {
  const actor = await requirePageRole("viewer", "/postmortems/action-items");
  const { all } = await searchParams;
  const showAll = all === "1" || all === "true";
  const items = await listActionItems({ open: !showAll });
  const overdue = items.filter((item) => item.overdue).length;
  return (
    <>
      <PageHeader
        title="Action items"
        description={
          showAll
            ? "Every follow-up promised in a postmortem, done and won't-do included."
            : `Open follow-ups across every postmortem, overdue first.${overdue > 0 ? ` ${overdue === 1 ? "1 is" : `${overdue} are`} overdue.` : ""}`
        }
        actions={
          <Link
            href={showAll ? "/postmortems/action-items" : "/postmortems/action-items?all=1"}
            className={buttonClasses("secondary", "sm")}
            data-testid="action-items-show-all"
          >
            {showAll ? "Hide done and won't-do" : "Show done and won't-do"}
          </Link>
        }
      />
      <PostmortemTabs current="action-items" />
      {items.length === 0 ? (
        <EmptyState title={showAll ? "No action items yet" : "No open action items"}>
          Action items are added in a postmortem&apos;s follow-up section.{" "}
          <Link href="/postmortems" className="text-accent underline underline-offset-2">
            See the postmortems
          </Link>
          .
        </EmptyState>
      ) : (
        <ActionItemTable items={items} canWrite={hasRole(actor.role, "responder")} />
      )}
    </>
  );
}
