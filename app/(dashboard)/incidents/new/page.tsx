import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { DeclareForm, type DeclareServiceOption } from "@/components/incidents/declare-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { getStatusSummary } from "@/lib/health/data";
import { listResponders } from "@/lib/incidents/data";
import {
  declareDefaultsFromTile,
  isDeclarable,
  type DeclareDefaults,
} from "@/lib/incidents/declare-defaults";

export const metadata: Metadata = { title: "Declare an incident" };

const emptyDefaults: DeclareDefaults = { title: "", severity: null, serviceIds: [], summary: "" };

export default async function DeclareIncidentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const requested = Array.isArray(params.service) ? params.service[0] : params.service;
  const actor = await requirePageRole(
    "responder",
    requested ? `/incidents/new?service=${encodeURIComponent(requested)}` : "/incidents/new",
  );
  const [summary, responders] = await Promise.all([getStatusSummary(), listResponders()]);
  const fromTile = summary.tiles.find((tile) => tile.id === requested);
  const defaults = fromTile ? declareDefaultsFromTile(fromTile) : emptyDefaults;
  const services: DeclareServiceOption[] = [...summary.tiles]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((tile) => ({
      id: tile.id,
      name: tile.name,
      environment: tile.environment,
      status: tile.enabled ? tile.status : "disabled",
      reason: tile.reason,
    }));
  return (
    <>
      <PageHeader
        title="Declare an incident"
        description={
          fromTile && isDeclarable(fromTile)
            ? `Pre-filled from ${fromTile.name}'s failing checks: review, then declare.`
            : fromTile
              ? `${fromTile.name} is passing its checks right now: say what is wrong, choose a severity, then declare.`
              : "Name it, choose a severity and the affected services; you can change everything later."
        }
      />
      <DeclareForm
        // A fresh key per page render: a double submit or a retried request declares one incident, not two.
        idempotencyKey={randomUUID()}
        defaults={defaults}
        services={services}
        responders={responders}
        declarerId={actor.id}
      />
    </>
  );
}
