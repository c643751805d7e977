import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { CurrentOnCall } from "@/lib/handoffs/schema";

/** Who is on call now: the incoming on-call of the handoff whose window holds now, from the server on every render. */
export function OnCallIndicator({ onCall }: { onCall: CurrentOnCall }) {
  if (!onCall) {
    return (
      <Link href="/handoffs" className="text-xs text-muted hover:text-text" data-testid="on-call" data-state="unset">
        On call: <span className="font-medium">not set</span>
      </Link>
    );
  }
  return (
    <Link
      href={`/handoffs/${onCall.handoffId}`}
      className="flex min-w-0 items-center gap-1.5 text-xs hover:underline"
      data-testid="on-call"
      data-state={onCall.acknowledged ? "acknowledged" : "unacknowledged"}
      title={`HO-${onCall.number}${onCall.acknowledged ? "" : ", not acknowledged yet"}`}
    >
      <span className="text-muted">On call:</span>
      <span className="truncate font-medium" data-testid="on-call-name">
        {onCall.person.name}
      </span>
      {onCall.acknowledged ? null : (
        <Badge tone="degraded" data-testid="on-call-unacknowledged">
          unacknowledged
        </Badge>
      )}
    </Link>
  );
}
