"use client";

import { formatAgo, isOverdue } from "@/components/health/format";
import { useNow } from "@/components/health/use-now";
import { formatUtcDateTime } from "@/lib/time/format";

/** "checked 12 s ago", ticking; amber "overdue" when no result arrived for three intervals. */
export function CheckedAgo({
  iso,
  intervalSeconds,
  serverNowIso,
  enabled = true,
  prefix = "checked",
}: {
  iso: string | null;
  intervalSeconds: number;
  serverNowIso: string;
  enabled?: boolean;
  prefix?: string;
}) {
  const now = useNow(serverNowIso);
  if (iso === null) return <span className="text-muted">never checked</span>;
  const overdue = enabled && isOverdue(iso, intervalSeconds, now);
  return (
    <span className={overdue ? "font-medium text-degraded" : undefined}>
      {prefix ? `${prefix} ` : null}
      <time dateTime={iso} title={formatUtcDateTime(iso)} className="tabular-nums">
        {formatAgo(iso, now)}
      </time>
      {overdue ? " · overdue" : null}
    </span>
  );
}
