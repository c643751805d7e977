import type { Metadata } from "next";
import Link from "next/link";
import { PageTable } from "@/components/paging/page-table";
import { RefreshOnPageChange } from "@/components/paging/refresh-on-page-change";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { listPages } from "@/lib/paging/data";

export const metadata: Metadata = { title: "Pages" };

function beforeFrom(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

export default async function PagesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("viewer", "/pages");
  const before = beforeFrom((await searchParams).before);
  const [open, recent] = await Promise.all([
    listPages({ state: "open", limit: 100 }),
    listPages({ state: "resolved", limit: 50, before }),
  ]);
  return (
    <>
      <PageHeader
        title="Pages"
        description="Who was paged for what, when, by which method, and who acknowledged."
      />
      <RefreshOnPageChange />
      <div className="flex flex-col gap-4">
        {before === undefined ? (
          <Panel
            title={`Open (${open.pages.length}${open.nextBefore ? "+" : ""})`}
            description="Triggered pages escalate until someone acknowledges them."
          >
            <PageTable pages={open.pages} empty="No open pages." />
          </Panel>
        ) : null}
        <Panel
          title="Recent"
          description="Resolved pages, newest first."
          actions={
            recent.nextBefore ? (
              <Link
                href={`/pages?before=${recent.nextBefore}`}
                className="text-sm text-accent underline underline-offset-2"
              >
                Older
              </Link>
            ) : null
          }
        >
          <PageTable pages={recent.pages} empty="No resolved pages yet." />
        </Panel>
      </div>
    </>
  );
}
