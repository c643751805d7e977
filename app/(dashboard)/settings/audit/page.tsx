import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilterForm } from "@/components/settings/audit-filter-form";
import { AuditTable } from "@/components/settings/audit-table";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listAuditEntries, listAuditTargetTypes } from "@/lib/audit/data";
import { auditFilterFromSearchParams } from "@/lib/audit/schema";
import type { AuditFilter } from "@/lib/audit/types";

export const metadata: Metadata = { title: "Audit log" };

function auditHref(filter: AuditFilter, before?: string): string {
  const params = new URLSearchParams();
  if (filter.action) params.set("action", filter.action);
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.targetType) params.set("targetType", filter.targetType);
  if (before) params.set("before", before);
  const query = params.toString();
  return query ? `/settings/audit?${query}` : "/settings/audit";
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("admin", "/settings/audit");
  const filter = auditFilterFromSearchParams(await searchParams);
  const [{ entries, nextBefore }, targetTypes] = await Promise.all([
    listAuditEntries(filter),
    listAuditTargetTypes(),
  ]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to users, tokens and settings, newest first."
      />
      <div className="flex flex-col gap-4">
        <AuditFilterForm filter={filter} targetTypes={targetTypes} />
        <AuditTable entries={entries} />
        <nav aria-label="Audit log pages" className="flex gap-2">
          {filter.before ? (
            <Link href={auditHref(filter)} className={buttonClasses("secondary", "sm")}>
              Newest
            </Link>
          ) : null}
          {nextBefore ? (
            <Link
              href={auditHref(filter, nextBefore)}
              className={buttonClasses("secondary", "sm")}
              data-testid="audit-older"
            >
              Older
            </Link>
          ) : null}
        </nav>
      </div>
    </>
  );
}
