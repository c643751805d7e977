import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { timelinePageSize } from "@/components/incidents/incident-api";
import { IncidentWorkspace } from "@/components/incidents/incident-workspace";
import type { IncidentVocabulary } from "@/components/incidents/vocabulary";
import { currentActor, requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { listServices } from "@/lib/health/data";
import { getIncident, isUuid, latestFailingChecks, listResponders, listTickedSteps, listTimeline } from "@/lib/incidents/data";
import {
  incidentRoleLabels,
  incidentStatuses,
  severities,
  severityDefinitions,
  severityLabels,
  statusLabels,
  writableTimelineKinds,
  type IncidentView,
} from "@/lib/incidents/schema";
import { slashCommandHelp } from "@/lib/incidents/slash";

const vocabulary: IncidentVocabulary = {
  severities,
  severityLabels,
  severityDefinitions,
  statuses: incidentStatuses,
  statusLabels,
  roleLabels: incidentRoleLabels,
  writableKinds: writableTimelineKinds,
  slashCommandHelp,
};

// One read per request: the metadata and the page both need the incident.
const findIncident = cache(async (id: string): Promise<IncidentView | null> => {
  if (!isUuid(id)) return null;
  try {
    return await getIncident(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  // Metadata may stream after the page started: it answers quietly instead of redirecting, and says nothing to strangers.
  if (!(await currentActor())) return { title: "Incident" };
  const incident = await findIncident(id);
  return { title: incident ? `INC-${incident.number} ${incident.title}` : "Incident" };
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/incidents/${id}`);
  const incident = await findIncident(id);
  if (!incident) notFound();
  const canWrite = hasRole(actor.role, "responder");
  const serverNowIso = new Date().toISOString();
  const [timeline, tickedSteps, failingChecks, responders, services] = await Promise.all([
    listTimeline(incident.id, { limit: timelinePageSize }),
    listTickedSteps(incident.id),
    latestFailingChecks(incident.services.map((service) => service.id)),
    canWrite ? listResponders() : [],
    canWrite ? listServices() : [],
  ]);
  return (
    <IncidentWorkspace
      initialDetail={{ incident, tickedSteps, failingChecks }}
      initialTimeline={timeline}
      serverNowIso={serverNowIso}
      canWrite={canWrite}
      responders={responders}
      services={services.map((service) => ({ id: service.id, name: service.name, environment: service.environment }))}
      vocabulary={vocabulary}
    />
  );
}
