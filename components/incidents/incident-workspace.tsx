"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { RefreshError } from "@/components/health/refresh-error";
import type { Conflict } from "@/components/incidents/conflict-notice";
import { StatusAndSeverityControls } from "@/components/incidents/incident-controls";
import {
  callAction,
  conflictCurrent,
  fetchIncidentDetail,
  fetchTimelinePage,
  type IncidentDetail,
} from "@/components/incidents/incident-api";
import { IncidentFacts, IncidentHeader } from "@/components/incidents/incident-header";
import { updateInputOf } from "@/components/incidents/incident-inputs";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { RunbookPanel } from "@/components/incidents/runbook-panel";
import { insertEntry, type TimelinePages } from "@/components/incidents/timeline-cache";
import { TimelineComposer, type ComposerHandlers } from "@/components/incidents/timeline-composer";
import {
  refetchFirstTimelinePage,
  useLiveIncident,
} from "@/components/incidents/use-live-incident";
import type { UpdateIncident } from "@/components/incidents/use-update";
import { pollingIntervalMs } from "@/components/live/event-stream";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import type { ActionResult } from "@/lib/errors";
import { updateIncidentAction } from "@/lib/incidents/actions";
import { incidentKeys } from "@/lib/incidents/query-keys";
import type {
  IncidentView,
  PersonRef,
  ServiceRef,
  TimelineEntryView,
  TimelinePage,
} from "@/lib/incidents/types";

// Shown only after a click or a refused change: they stay out of the page's first load, whose JavaScript has a budget.
const EditIncidentForm = lazy(() =>
  import("@/components/incidents/edit-incident-form").then((module) => ({
    default: module.EditIncidentForm,
  })),
);
const StatusUpdateForm = lazy(() =>
  import("@/components/incidents/status-update-form").then((module) => ({
    default: module.StatusUpdateForm,
  })),
);
const ConflictNotice = lazy(() =>
  import("@/components/incidents/conflict-notice").then((module) => ({
    default: module.ConflictNotice,
  })),
);
const BoardSwitch = lazy(() =>
  import("@/components/board/board-switch").then((module) => ({ default: module.BoardSwitch })),
);
const loading = (what: string) => <p className="text-xs text-muted">Loading the {what}…</p>;
const conflictFallback = (
  <p
    role="alert"
    className="rounded-lg border border-degraded/60 bg-degraded-bg p-3 text-sm font-semibold text-degraded"
  >
    Not saved: someone changed this incident since you loaded it. Nothing was overwritten.
  </p>
);

export type IncidentWorkspaceProps = {
  initialDetail: IncidentDetail;
  initialTimeline: TimelinePage;
  serverNowIso: string;
  canWrite: boolean;
  responders: PersonRef[];
  services: ServiceRef[];
  /** Set by the server when the viewer is a lead, the incident an open SEV1 and the team board in neither stabilize nor unblock. */
  boardSwitch: { currentMode: string | null } | null;
};

export function IncidentWorkspace({
  initialDetail,
  initialTimeline,
  serverNowIso,
  canWrite,
  responders,
  services,
  boardSwitch,
}: IncidentWorkspaceProps) {
  const incidentId = initialDetail.incident.id;
  const queryClient = useQueryClient();
  const live = useLiveIncident(incidentId);
  const refetchInterval = live === "live" ? false : pollingIntervalMs;
  const loadedAt = Date.parse(serverNowIso);

  const detailQuery = useQuery({
    queryKey: incidentKeys.detail(incidentId),
    queryFn: ({ signal }) => fetchIncidentDetail(incidentId, signal),
    initialData: initialDetail,
    initialDataUpdatedAt: loadedAt,
    refetchInterval,
  });
  const timelineQuery = useInfiniteQuery({
    queryKey: incidentKeys.timeline(incidentId),
    queryFn: ({ pageParam, signal }) => fetchTimelinePage(incidentId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    initialData: { pages: [initialTimeline], pageParams: [null] },
    initialDataUpdatedAt: loadedAt,
    refetchInterval,
  });

  const { incident, runbook } = detailQuery.data;
  const entries = useMemo(() => {
    const seen = new Set<string>();
    return timelineQuery.data.pages
      .flatMap((page) => page.entries)
      .filter((entry) => !seen.has(entry.id) && Boolean(seen.add(entry.id)));
  }, [timelineQuery.data]);

  // The offer stays with its result after the switch, although the page's refresh then no longer offers it.
  const [shownBoardSwitch, setShownBoardSwitch] = useState(boardSwitch);
  if (boardSwitch && boardSwitch !== shownBoardSwitch) setShownBoardSwitch(boardSwitch);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [correcting, setCorrecting] = useState<TimelineEntryView | null>(null);
  const [editing, setEditing] = useState(false);
  const [updating, setUpdating] = useState(false);

  const rereadIncident = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) }),
    [queryClient, incidentId],
  );
  // A change to the incident writes timeline entries its answer does not carry: they are on the first page.
  const refresh = useCallback(() => {
    rereadIncident();
    void refetchFirstTimelinePage(queryClient, incidentId);
  }, [queryClient, incidentId, rereadIncident]);

  /** Shows a newer incident at once (an action's answer or a 409's current); an older one never wins. */
  const applyIncident = useCallback(
    (next: IncidentView) => {
      queryClient.setQueryData<IncidentDetail>(incidentKeys.detail(incidentId), (old) =>
        old && next.version >= old.incident.version ? { ...old, incident: next } : old,
      );
      refresh();
    },
    [queryClient, incidentId, refresh],
  );

  /** This tab's own entry, from its write's answer: shown without a refetch. */
  const addEntry = useCallback(
    (entry: TimelineEntryView) =>
      queryClient.setQueryData<TimelinePages>(incidentKeys.timeline(incidentId), (old) =>
        insertEntry(old, entry),
      ),
    [queryClient, incidentId],
  );
  /** A runbook tick or a status update also changes the incident's runbook (and a status update its ETA and workaround). */
  const addEntryAndRereadIncident = useCallback(
    (entry: TimelineEntryView) => {
      addEntry(entry);
      rereadIncident();
    },
    [addEntry, rereadIncident],
  );

  const sendUpdate = useCallback(
    async (
      version: number,
      fields: Record<string, string>,
    ): Promise<ActionResult<IncidentView>> => {
      const result = await callAction(() =>
        updateIncidentAction(incidentId, updateInputOf(version, fields)),
      );
      if (result.ok) applyIncident(result.data);
      else {
        const current = conflictCurrent(result.error);
        if (current) applyIncident(current);
      }
      return result;
    },
    [incidentId, applyIncident],
  );

  const update: UpdateIncident = useCallback(
    async (seen, fields, description) => {
      const result = await sendUpdate(seen.version, fields);
      const current = result.ok ? null : conflictCurrent(result.error);
      // A change that went through supersedes an older refused one: the notice would only mislead.
      if (result.ok) setConflict(null);
      else if (current)
        setConflict({
          seen,
          current,
          message: result.error.message,
          description,
          reapply: (version) => sendUpdate(version, fields),
        });
      return result;
    },
    [sendUpdate],
  );

  const composerHandlers: ComposerHandlers = {
    onEntry: addEntry,
    onIncident: (next) => {
      setConflict(null);
      applyIncident(next);
    },
    onConflict: (next) => {
      applyIncident(next.current);
      setConflict(next);
    },
  };

  const dataAt = new Date(
    Math.min(detailQuery.dataUpdatedAt, timelineQuery.dataUpdatedAt),
  ).toISOString();

  return (
    <div
      className="flex flex-col gap-4"
      data-testid="incident-page"
      data-incident-id={incident.id}
      data-version={incident.version}
    >
      <IncidentHeader incident={incident} live={live} serverNowIso={serverNowIso} />
      <RefreshError error={detailQuery.error ?? timelineQuery.error} dataAtIso={dataAt} />
      {shownBoardSwitch && incident.severity === "sev1" && incident.status !== "resolved" ? (
        <Suspense fallback={null}>
          <BoardSwitch incident={incident} offer={shownBoardSwitch} />
        </Suspense>
      ) : null}
      {conflict ? (
        <Suspense fallback={conflictFallback}>
          <ConflictNotice
            conflict={conflict}
            latest={incident}
            onResolved={() => setConflict(null)}
            onConflictAgain={(result) => {
              const current = result.ok ? null : conflictCurrent(result.error);
              if (current) setConflict({ ...conflict, seen: incident, current });
            }}
          />
        </Suspense>
      ) : null}
      {runbook.mitigateFirst ? (
        <p
          className="rounded-md border border-down/40 bg-down-bg px-3 py-2 text-sm font-semibold text-down"
          data-testid="mitigate-first"
        >
          Mitigate before the root cause: roll back the deploy or toggle a feature flag first
          (runbook §5), then dig into why.
        </p>
      ) : null}

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
        <div className="flex min-w-0 flex-col gap-4">
          {canWrite ? <StatusAndSeverityControls incident={incident} update={update} /> : null}
          <Panel title="Timeline" description="Newest first · times in UTC · updates live">
            {canWrite ? (
              <div className="mb-3">
                <TimelineComposer
                  incident={incident}
                  correcting={correcting}
                  onCancelCorrection={() => setCorrecting(null)}
                  handlers={composerHandlers}
                />
              </div>
            ) : (
              <p className="mb-2 text-xs text-muted" data-testid="timeline-read-only">
                Read-only: writing to the timeline needs the responder role.
              </p>
            )}
            <IncidentTimeline
              entries={entries}
              hasOlder={timelineQuery.hasNextPage}
              loadingOlder={timelineQuery.isFetchingNextPage}
              olderError={timelineQuery.isFetchNextPageError ? timelineQuery.error.message : null}
              onLoadOlder={() => void timelineQuery.fetchNextPage()}
              onCorrect={canWrite ? setCorrecting : undefined}
            />
          </Panel>
        </div>

        <aside className="flex min-w-0 flex-col gap-4" aria-label="Runbook and details">
          <Panel title="Runbook" description="Section 5, tied to this incident; ticks are logged">
            <RunbookPanel
              incident={incident}
              runbook={runbook}
              canWrite={canWrite}
              onEntry={addEntryAndRereadIncident}
            />
          </Panel>
          {canWrite ? (
            <Panel
              title="Post a status update"
              description="Communicate: what is affected, ETA, workaround"
              actions={
                <Button
                  size="sm"
                  variant={updating ? "secondary" : "primary"}
                  onClick={() => setUpdating((open) => !open)}
                  aria-expanded={updating}
                  data-testid="open-status-update"
                >
                  {updating ? "Close" : "Write update"}
                </Button>
              }
            >
              {updating ? (
                <Suspense fallback={loading("update form")}>
                  <StatusUpdateForm incident={incident} onPosted={addEntryAndRereadIncident} />
                </Suspense>
              ) : (
                <p className="text-xs text-muted">
                  Recorded on the timeline and sent to every configured webhook; prefilled with the
                  services, ETA and workaround.
                </p>
              )}
            </Panel>
          ) : null}
          <Panel title="Details">
            <IncidentFacts incident={incident} canWrite={canWrite} onIncident={applyIncident} />
          </Panel>
          {canWrite ? (
            <Panel
              title="Edit incident"
              description="Title, roles, summary, impact, workaround, ETA, services"
              actions={
                <Button
                  size="sm"
                  onClick={() => setEditing((open) => !open)}
                  aria-expanded={editing}
                  data-testid="open-edit"
                >
                  {editing ? "Close" : "Edit"}
                </Button>
              }
            >
              {editing ? (
                <Suspense fallback={loading("editor")}>
                  <EditIncidentForm
                    incident={incident}
                    update={update}
                    responders={responders}
                    services={services}
                  />
                </Suspense>
              ) : (
                <p className="text-xs text-muted">
                  Every change is logged to the timeline and checked against the version you see.
                </p>
              )}
            </Panel>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
