import Link from "next/link";
import type { PostmortemListItem } from "@/lib/postmortems/types";

/** Overdue postmortems on the overview, for everyone: a late one is impossible to miss (runbook section 5). */
export function OverduePostmortemsBanner({ postmortems }: { postmortems: PostmortemListItem[] }) {
  if (postmortems.length === 0) return null;
  return (
    <section
      aria-label="Overdue postmortems"
      className="mb-4 rounded-lg border border-degraded/50 bg-degraded-bg px-4 py-3"
      data-testid="overdue-postmortems-banner"
    >
      <h2 className="text-sm font-semibold text-degraded">
        {postmortems.length === 1
          ? "1 postmortem is overdue"
          : `${postmortems.length} postmortems are overdue`}
      </h2>
      <ul className="mt-1.5 flex flex-col gap-1">
        {postmortems.map((postmortem) => (
          <li key={postmortem.id} className="flex flex-wrap items-baseline gap-2 text-sm">
            <Link
              href={`/postmortems/${postmortem.id}`}
              className="font-medium text-text hover:underline"
            >
              INC-{postmortem.incident.number} {postmortem.incident.title}
            </Link>
            <span className="text-xs font-semibold text-degraded">{postmortem.dueIn}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
