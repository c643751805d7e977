"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { isHttpUrl } from "@/lib/markdown";
import { conflictCurrent } from "@/components/deploys/deploy-results";
import { RollbackGuidancePanel } from "@/components/deploys/rollback-guidance";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { updateDeployAction } from "@/lib/deploys/actions";
import {
  deployChecklistItems,
  deployChecklistLabels,
  deployStatusLabels,
  deployStatusTones,
  deployTransitions,
  type DeployStatus,
  type SmokeStatus,
} from "@/lib/deploys/labels";
import type { DeployView, DeployWithGuidance } from "@/lib/deploys/types";
import { healthKeys } from "@/lib/health/query-keys";

const tickMarks = { yes: "✓", no: "✗", unknown: "–" } as const;
const smokeTextClasses: Record<SmokeStatus, string> = {
  up: "text-up",
  degraded: "text-degraded",
  down: "font-semibold text-down",
  error: "font-semibold text-down",
  skipped: "text-muted",
};
const buttonVariants: Record<DeployStatus, "primary" | "danger" | "secondary"> = {
  started: "secondary",
  succeeded: "primary",
  failed: "danger",
  rolled_back: "secondary",
};

const unanswered = {
  code: "unavailable",
  message: "Vigil did not answer. Try again: a retried entry is recorded once.",
} as const;

function Checklist({ deploy }: { deploy: DeployView }) {
  return (
    <ul
      data-testid="deploy-checklist"
      aria-label="Pre-deploy checklist"
      className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs"
    >
      {deployChecklistItems.map((item) => {
        const value = deploy.checklist[item];
        const mark = value === true ? "yes" : value === false ? "no" : "unknown";
        return (
          <li
            key={item}
            data-testid="deploy-checklist-item"
            data-item={item}
            data-value={mark}
            className={mark === "yes" ? "text-up" : mark === "no" ? "text-down" : "text-muted"}
          >
            <span aria-hidden="true" className="mr-0.5 font-semibold">
              {tickMarks[mark]}
            </span>
            {deployChecklistLabels[item]}
            <span className="sr-only">
              {mark === "yes" ? ": done" : mark === "no" ? ": not done" : ": not stated"}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function DeployRow({
  initial,
  canWrite,
  showService = true,
}: {
  initial: DeployWithGuidance;
  canWrite: boolean;
  showService?: boolean;
}) {
  // The server's copy wins once it is as new as the row's own answer (after the page refreshes).
  const [latest, setLatest] = useState<DeployWithGuidance | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { deploy, rollback } =
    latest && latest.deploy.updatedAt >= initial.deploy.updatedAt ? latest : initial;
  const moves = canWrite ? deployTransitions[deploy.status] : [];
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (status: DeployStatus) =>
      runAction(() => updateDeployAction(deploy.id, { status }), unanswered),
    onMutate: () => setNotice(null),
    onSuccess: (data) => setLatest(data),
    onError: (error) => {
      const refusal = refusalOf(error) ?? unanswered;
      const current = conflictCurrent(refusal);
      if (!current) {
        setNotice(refusal.message);
        return;
      }
      setLatest(current);
      const movedOn = current.deploy.status !== deploy.status;
      setNotice(
        `Not changed: ${refusal.message}${
          movedOn
            ? ` Someone marked it ${deployStatusLabels[current.deploy.status]} since you loaded the page; the row now shows it as it is.`
            : " The row was reloaded."
        }`,
      );
    },
    // The service's tile and page show the deploy in flight.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: healthKeys.service(deploy.service.id) });
      void queryClient.invalidateQueries({ queryKey: healthKeys.summaries() });
    },
  });
  const pending = move.isPending ? move.variables : null;

  return (
    <li
      id={`deploy-${deploy.number}`}
      data-testid="deploy-row"
      data-deploy-id={deploy.id}
      data-deploy-number={deploy.number}
      data-status={deploy.status}
      className="grid scroll-mt-4 gap-3 rounded-lg border border-line bg-surface p-3 target:ring-2 target:ring-accent lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]"
    >
      <div className="flex min-w-0 flex-col gap-1.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="text-sm text-muted tabular-nums">#{deploy.number}</span>
          {showService ? (
            <Link
              href={`/services/${deploy.service.id}`}
              data-testid="deploy-service"
              className="text-sm font-semibold hover:underline"
            >
              {deploy.service.name}
            </Link>
          ) : null}
          <span data-testid="deploy-label" className="text-sm font-medium break-all">
            {deploy.label}
          </span>
          {deploy.version && deploy.commit ? (
            <code className="font-mono text-xs text-muted">{deploy.commit.slice(0, 7)}</code>
          ) : null}
          <Badge tone="neutral">{deploy.environment}</Badge>
          <Badge tone={deployStatusTones[deploy.status]} data-testid="deploy-status">
            {deployStatusLabels[deploy.status]}
          </Badge>
        </div>
        <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
          <span>
            by{" "}
            <span data-testid="deploy-who" className="font-medium text-text">
              {deploy.deployedBy}
            </span>
          </span>
          <span>
            started <Time iso={deploy.startedAt} />
          </span>
          {deploy.finishedAt ? (
            <span>
              finished <Time iso={deploy.finishedAt} />
            </span>
          ) : null}
          {isHttpUrl(deploy.link) ? (
            <a
              href={deploy.link}
              target="_blank"
              rel="noopener noreferrer nofollow"
              data-testid="deploy-link"
              className="max-w-80 truncate text-accent underline underline-offset-2"
            >
              {deploy.link}
            </a>
          ) : null}
        </p>
        <Checklist deploy={deploy} />
        {deploy.smokeSummary ? (
          <p
            data-testid="deploy-smoke"
            title={deploy.smoke?.reason}
            className={`text-xs ${deploy.smoke ? smokeTextClasses[deploy.smoke.status] : "text-muted"}`}
          >
            {deploy.smokeSummary}
          </p>
        ) : null}
        {deploy.notes ? (
          <p className="text-xs break-words whitespace-pre-wrap">{deploy.notes}</p>
        ) : null}
        {moves.length > 0 ? (
          <div className="flex flex-wrap items-center gap-1.5 pt-0.5">
            <span className="text-xs text-muted">Mark as</span>
            {moves.map((status) => (
              <Button
                key={status}
                size="sm"
                variant={buttonVariants[status]}
                disabled={move.isPending}
                data-testid={`deploy-mark-${status}`}
                onClick={() => move.mutate(status)}
              >
                {deployStatusLabels[status]}
              </Button>
            ))}
            {pending ? (
              <span role="status" className="text-xs text-muted">
                {pending === "succeeded"
                  ? "Marking it succeeded and running the post-deploy smoke check…"
                  : "Saving…"}
              </span>
            ) : null}
          </div>
        ) : null}
        {notice ? (
          <p role="alert" data-testid="deploy-notice" className="text-xs font-medium text-danger">
            {notice}
          </p>
        ) : null}
      </div>
      {deploy.status === "failed" && rollback ? (
        <RollbackGuidancePanel guidance={rollback} />
      ) : null}
    </li>
  );
}
