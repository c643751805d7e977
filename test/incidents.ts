import type { Actor } from "@/lib/auth/roles";
import { declareIncident, updateIncident } from "@/lib/incidents/mutations";
import type { DeclareIncidentInput } from "@/lib/incidents/types";

/** Declares an incident as `actor` and resolves it at once; resolving drafts its postmortem. Gives the resolved incident. */
export async function declareResolvedIncident(
  actor: Actor,
  declare: DeclareIncidentInput,
  resolve: { rootCause: string; followUps?: string[] },
) {
  const { incident } = await declareIncident(actor, declare);
  return updateIncident(actor, incident.id, {
    version: incident.version,
    status: "resolved",
    ...resolve,
  });
}
