import { formatUtcTime } from "@/lib/time/format";

/** A tile's in-flight deploy (ServiceTile["deploying"]). */
type InFlight = { number: number; label: string; startedAt: string };

/** "Deploying now: v1.2.3 (since 08:40 UTC)": kept tiny, it ships with the overview's tiles. */
export function DeployingNow({
  deploying,
  className = "",
}: {
  deploying: InFlight;
  className?: string;
}) {
  return (
    <p
      data-testid="deploying-now"
      data-deploy-number={deploying.number}
      className={`font-medium break-words text-degraded ${className}`}
    >
      Deploying now: {deploying.label} (since {formatUtcTime(deploying.startedAt)})
    </p>
  );
}
