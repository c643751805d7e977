import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { OnCallNow } from "@/lib/handoffs/on-call";

/** Who is on call now (a covering handoff, else the rotation), from the server on every render. */
export function OnCallIndicator({ onCall }: { onCall: OnCallNow }) {
  if (!onCall.person) {
    return (
      <Link
        href="/handoffs"
        className="text-xs text-muted hover:text-text"
        data-testid="on-call"
        data-state="unset"
        title={onCall.reason}
      >
        On call: <span className="font-medium">not set</span>
      </Link>
    );
  }
  const { handoff } = onCall;
  if (!handoff) {
    return (
      <Link
        href="/handoffs"
        className="flex min-w-0 items-center gap-1.5 text-xs hover:underline"
        data-testid="on-call"
        data-state="rotation"
        title={onCall.reason}
      >
        <span className="text-muted">On call:</span>
        <span className="truncate font-medium" data-testid="on-call-name">
          {onCall.person.name}
        </span>
      </Link>
    );
  }
  return (
    <Link
      href={`/handoffs/${handoff.id}`}
      className="flex min-w-0 items-center gap-1.5 text-xs hover:underline"
      data-testid="on-call"
      data-state={handoff.acknowledged ? "acknowledged" : "unacknowledged"}
      title={`HO-${handoff.number}${handoff.acknowledged ? "" : ", not acknowledged yet"}`}
    >
      <span className="text-muted">On call:</span>
      <span className="truncate font-medium" data-testid="on-call-name">
        {onCall.person.name}
      </span>
      {handoff.acknowledged ? null : (
        <Badge tone="degraded" data-testid="on-call-unacknowledged">
          unacknowledged
        </Badge>
      )}
    </Link>
  );
}
