import { isHttpUrl } from "@/lib/markdown";
import { Time } from "@/components/ui/time";
import type { RollbackGuidance } from "@/lib/deploys/types";

/** `code` spans in a runbook step become <code>; everything stays React text. */
function StepText({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="rounded bg-surface-2 px-1 font-mono text-[0.7rem]">
            {part}
          </code>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

/** The runbook's way back beside a failed deploy (sections 5 and 10): the last green release and the steps. */
export function RollbackGuidancePanel({ guidance }: { guidance: RollbackGuidance }) {
  const { lastGreen } = guidance;
  return (
    <aside
      data-testid="rollback-guidance"
      aria-label="Rollback guidance"
      className="flex flex-col gap-1.5 rounded-md border border-down/40 bg-down-bg/40 p-2.5 text-xs"
    >
      <p className="font-semibold text-down">Roll back first, find the root cause after.</p>
      <p data-testid="rollback-last-green">
        Last green:{" "}
        {lastGreen ? (
          <>
            <span className="font-medium">
              #{lastGreen.number} {lastGreen.label}
            </span>{" "}
            <span className="text-muted">
              (<Time iso={lastGreen.startedAt} />)
            </span>
            {isHttpUrl(lastGreen.link) ? (
              <>
                {" "}
                <a
                  href={lastGreen.link}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  className="text-accent underline underline-offset-2"
                >
                  its deploy
                </a>
              </>
            ) : null}
          </>
        ) : (
          <span className="text-muted">
            no earlier succeeded deploy of this service is recorded.
          </span>
        )}
        {guidance.railwayService ? (
          <span className="text-muted">
            {" "}
            · Railway service <code className="font-mono">{guidance.railwayService}</code>
          </span>
        ) : null}
      </p>
      <ol className="ml-4 flex list-decimal flex-col gap-0.5">
        {guidance.steps.map((step, index) => (
          <li key={index} data-testid="rollback-step" className="break-words">
            <StepText text={step} />
          </li>
        ))}
      </ol>
    </aside>
  );
}
