"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { InertText } from "@/components/incidents/inert-text";
import { fetchUnacknowledgedPages } from "@/components/paging/paging-api";
import {
  AcknowledgePageButton,
  DeclareIncidentFromPageButton,
} from "@/components/paging/page-action-buttons";
import { pagedSummary, sentenceCase } from "@/lib/paging/page-notifications";
import { pagingKeys } from "@/lib/paging/query-keys";
import type { PageView } from "@/lib/paging/types";

// Page events arrive through the stream (components/paging/page-alerts.tsx invalidates); this is the fallback.
const fallbackPollMs = 15_000;

function BannerRow({ page, canAct }: { page: PageView; canAct: boolean }) {
  return (
    <li
      className="flex flex-col gap-2 border-t border-down/30 pt-2 first:border-t-0 first:pt-0 sm:flex-row sm:items-center sm:justify-between"
      data-testid="page-banner-item"
      data-page-id={page.id}
    >
      <div className="min-w-0">
        <p className="text-base font-semibold text-down">
          <span className="mr-1.5 tracking-wide">
            {page.level === "page" ? "PAGING:" : "WARNING:"}
          </span>
          <Link href={`/pages/${page.id}`} className="text-text hover:underline">
            <InertText text={page.title} />
          </Link>
        </p>
        <p className="text-sm text-text" data-testid="page-banner-summary">
          {pagedSummary(page)}
          {page.serviceName ? <span className="text-muted"> · {page.serviceName}</span> : null}
        </p>
        {page.unreachableAt ? (
          <p
            className="mt-1 rounded border-2 border-down bg-surface px-2 py-1 text-sm font-semibold text-down"
            role="alert"
            data-testid="page-banner-unreachable"
          >
            <InertText
              text={sentenceCase(page.unreachableReason ?? "could not reach anyone on this page.")}
            />
          </p>
        ) : null}
      </div>
      {canAct ? (
        <div className="flex shrink-0 items-start gap-2">
          <AcknowledgePageButton pageId={page.id} size="sm" />
          <DeclareIncidentFromPageButton pageId={page.id} size="sm" />
        </div>
      ) : null}
    </li>
  );
}

/** Unacknowledged pages, above everything else on the overview; kept live by the event stream. */
export function PageBanner({
  initialPages,
  canAct,
}: {
  initialPages: PageView[];
  canAct: boolean;
}) {
  const { data: pages = initialPages } = useQuery({
    queryKey: pagingKeys.unacknowledged(),
    queryFn: ({ signal }) => fetchUnacknowledgedPages(signal),
    initialData: initialPages,
    refetchInterval: fallbackPollMs,
  });
  if (pages.length === 0) return null;
  return (
    <section
      aria-label="Unacknowledged pages"
      className="mb-4 rounded-lg border-2 border-down bg-down-bg px-4 py-3"
      data-testid="page-banner"
      aria-live="polite"
    >
      <ul className="flex flex-col gap-2">
        {pages.map((page) => (
          <BannerRow key={page.id} page={page} canAct={canAct} />
        ))}
      </ul>
    </section>
  );
}
