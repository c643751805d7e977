import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { timelinePageSize } from "@/components/incidents/incident-api";
import { IncidentWorkspace } from "@/components/incidents/incident-workspace";
import { requirePageRole } from "@/lib/auth/guard";
import { detailPageMetadata } from "@/lib/auth/page-metadata";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { getBoardView } from "@/lib/board/data";
import { incidentModes } from "@/lib/board/labels";
import { nullWhenNotFound } from "@/lib/errors";
import { listServices } from "@/lib/services/data";
import { getIncidentDetail, listResponders, listTimeline } from "@/lib/incidents/data";
import type { IncidentDetail } from "@/lib/incidents/types";
import { isUuid } from "@/lib/validation";

// One read per request: the metadata and the page both need the incident.
const findIncident = cache(async (id: string): Promise<IncidentDetail | null> =>
  isUuid(id) ? nullWhenNotFound(getIncidentDetail(id)) : null,
);

export function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  return detailPageMetadata(params, "Incident", async (id) => {
    const detail = await findIncident(id);
    return detail ? `INC-${detail.incident.number} ${detail.incident.title}` : null;
  });
}

/** A lead on an open SEV1 is offered to switch the team board to stabilize, unless it already is in an incident mode. */
async function boardSwitchOffer(
  actor: Actor,
  detail: IncidentDetail,
): Promise<{ currentMode: string | null } | null> {
  const { incident } = detail;
  if (
    !hasRole(actor.role, "lead") ||
    incident.severity !== "sev1" ||
    incident.status === "resolved"
  )
    return null;
  // The board is secondary here: if Vigil cannot read its snapshot, the incident page still works, without the offer.
  const view = await getBoardView().catch(() => null);
  if (!view?.configured) return null;
  const mode = view.board?.mode ?? null;
  if (mode && incidentModes.includes(mode)) return null;
  return { currentMode: view.board?.rawMode ?? null };
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/incidents/${id}`);
  const detail = await findIncident(id);
  if (!detail) notFound();
  const canWrite = hasRole(actor.role, "responder");
  const serverNowIso = new Date().toISOString();
  const [timeline, responders, services, boardSwitch] = await Promise.all([
    listTimeline(detail.incident.id, { limit: timelinePageSize }),
    canWrite ? listResponders() : [],
    canWrite ? listServices() : [],
    boardSwitchOffer(actor, detail),
  ]);
  return (
    <IncidentWorkspace
      initialDetail={detail}
      initialTimeline={timeline}
      serverNowIso={serverNowIso}
      canWrite={canWrite}
      responders={responders}
      services={services.map((service) => ({
        id: service.id,
        name: service.name,
        environment: service.environment,
      }))}
      boardSwitch={boardSwitch}
    />
  );
}
