import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PageState, PageView } from "@/lib/paging/types";

const stateTones: Record<PageState, BadgeTone> = {
  triggered: "down",
  acknowledged: "degraded",
  resolved: "up",
};
const stateLabels: Record<PageState, string> = {
  triggered: "Triggered",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

export function PageStateBadge({ state }: { state: PageState }) {
  return (
    <Badge tone={stateTones[state]} data-testid="page-state">
      {stateLabels[state]}
    </Badge>
  );
}

export function PageLevelBadge({
  page,
}: {
  page: Pick<PageView, "level" | "escalationLevel" | "state">;
}) {
  return (
    <Badge tone={page.level === "page" ? "down" : "degraded"}>
      {page.level === "page" ? "Page" : "Warning"}
      {page.state !== "resolved" && page.escalationLevel > 1
        ? ` · level ${page.escalationLevel}`
        : ""}
    </Badge>
  );
}

/** "4 min 10 s", "52 s", "1 h 3 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ""}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}
