import "server-only";
import { recordAudit } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { forbiddenError, notFoundError, validationError } from "@/lib/errors";
import type { ServiceBaseline } from "@/lib/generated/prisma/client";
import {
  isFigureDrop,
  numericFigure,
  watchedFigures,
  type FigureBaselines,
} from "@/lib/health/baseline-rules";
import { acceptBaselineSchema } from "@/lib/health/schema";
import type {
  AcceptBaselineInput,
  BaselineView,
  FigureBaseline,
  KeyFigures,
  ProbeProfile,
} from "@/lib/health/types";
import { parseInput } from "@/lib/validation";
import { z } from "zod";

const serviceIdSchema = z.string().uuid();

function toBaselineView(row: ServiceBaseline, figures: KeyFigures | null): BaselineView {
  const current = numericFigure(figures, row.figure);
  return {
    figure: row.figure,
    value: row.value,
    source: row.source,
    setAt: row.setAt.toISOString(),
    acceptedBy: row.acceptedByLabel,
    reason: row.reason,
    current,
    dropped: current !== null && isFigureDrop(current, row.value),
  };
}

/** A service's key-figure baselines beside the figure seen now (404 when there is no such service). */
export async function listBaselines(serviceId: string): Promise<BaselineView[]> {
  if (!serviceIdSchema.safeParse(serviceId).success) throw notFoundError("The service");
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: { baselines: { orderBy: { figure: "asc" } }, state: { select: { lastFigures: true } } },
  });
  if (!service) throw notFoundError("The service");
  const figures = (service.state?.lastFigures as KeyFigures | null | undefined) ?? null;
  return service.baselines.map((row) => toBaselineView(row, figures));
}

/**
 * A lead says the figure seen now is the right one (after a planned removal of tools, say): it becomes the
 * baseline, with who and why, so the drop stops holding the service degraded. The state row is locked as
 * the result writer locks it, so a check landing meanwhile cannot pair an older figure with this baseline.
 */
export async function acceptBaseline(
  actor: Actor,
  serviceId: string,
  input: AcceptBaselineInput,
): Promise<BaselineView> {
  if (!hasRole(actor.role, "lead"))
    throw forbiddenError(`Accepting a baseline needs the lead role; you have ${actor.role}.`);
  const parsed = parseInput(acceptBaselineSchema, input);
  if (!serviceIdSchema.safeParse(serviceId).success) throw notFoundError("The service");
  return db.$transaction(async (tx) => {
    const service = await tx.service.findUnique({
      where: { id: serviceId },
      select: { id: true, name: true, profile: true },
    });
    if (!service) throw notFoundError("The service");
    const locked = await tx.$queryRaw<{ lastFigures: KeyFigures | null }[]>`
      SELECT "lastFigures" FROM "ServiceState" WHERE "serviceId" = ${serviceId}::uuid FOR UPDATE`;
    const figures = locked[0]?.lastFigures ?? null;
    const previous = await tx.serviceBaseline.findUnique({
      where: { serviceId_figure: { serviceId, figure: parsed.figure } },
    });
    const watched: readonly string[] = watchedFigures[service.profile as ProbeProfile];
    if (!previous && !watched.includes(parsed.figure)) {
      const which = watched.length > 0 ? `: ${watched.join(", ")}` : "; this profile watches none";
      throw validationError({
        figure: [
          `${parsed.figure} is not a figure Vigil compares with a baseline for ${service.name}${which}.`,
        ],
      });
    }
    const value = numericFigure(figures, parsed.figure);
    if (value === null) {
      throw validationError({
        figure: [
          `${service.name} reports no current value for ${parsed.figure}; accept it after a check that reads it.`,
        ],
      });
    }
    const accepted = {
      value,
      source: "accepted" as const,
      setAt: new Date(),
      acceptedById: actor.id,
      acceptedByLabel: actor.name || actor.email,
      reason: parsed.reason,
    };
    const row = await tx.serviceBaseline.upsert({
      where: { serviceId_figure: { serviceId, figure: parsed.figure } },
      create: { serviceId, figure: parsed.figure, ...accepted },
      update: accepted,
    });
    await recordAudit(tx, actor, {
      action: "service.baseline_accept",
      targetType: "service",
      targetId: serviceId,
      details: {
        name: service.name,
        figure: parsed.figure,
        value,
        previous: previous?.value ?? null,
        reason: parsed.reason,
      },
    });
    return toBaselineView(row, figures);
  });
}

/** Each service's figure baselines as the checks compare with them (all services, or one). */
export async function loadFigureBaselines(
  serviceId?: string,
): Promise<Map<string, FigureBaselines>> {
  const rows = await db.serviceBaseline.findMany({ where: serviceId ? { serviceId } : {} });
  const byService = new Map<string, FigureBaselines>();
  for (const row of rows) {
    const baselines = byService.get(row.serviceId) ?? {};
    baselines[row.figure] = {
      figure: row.figure,
      value: row.value,
      source: row.source,
      setAt: row.setAt.toISOString(),
    };
    byService.set(row.serviceId, baselines);
  }
  return byService;
}

/**
 * A green deploy sets the watched figures' baselines to what its smoke check saw: from then on a drop is
 * measured against the release that was known good, whatever the running maximum said before.
 */
export async function recordDeployBaselines(
  serviceId: string,
  figures: KeyFigures,
  at: Date,
): Promise<FigureBaseline[]> {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: { profile: true },
  });
  if (!service) return [];
  const recorded: FigureBaseline[] = [];
  for (const figure of watchedFigures[service.profile]) {
    const value = numericFigure(figures, figure);
    if (value === null) continue;
    const data = {
      value,
      source: "deploy" as const,
      setAt: at,
      acceptedById: null,
      acceptedByLabel: null,
      reason: null,
    };
    await db.serviceBaseline.upsert({
      where: { serviceId_figure: { serviceId, figure } },
      create: { serviceId, figure, ...data },
      update: data,
    });
    recorded.push({ figure, value, source: "deploy", setAt: at.toISOString() });
  }
  return recorded;
}
