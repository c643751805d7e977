import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db";
import { conflictError, notFoundError, validationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publishHealthChange } from "@/lib/live/bus";
import {
  changeMaintenanceSchema,
  createMaintenanceSchema,
  maintenanceListQuerySchema,
} from "@/lib/maintenance/schema";
import type {
  ChangeMaintenanceInput,
  CreateMaintenanceInput,
  MaintenanceList,
  MaintenanceListQuery,
  MaintenanceWindowView,
} from "@/lib/maintenance/types";
import {
  maintenanceUntil,
  nextOccurrence,
  occurrenceAt,
  windowTimesOf,
  type WindowTimes,
} from "@/lib/maintenance/windows";
import { isUuid, parseInput } from "@/lib/validation";

type Client = Db | Prisma.TransactionClient;

type MaintenanceActor = Actor | AuditActor;

const labelOf = (actor: MaintenanceActor) =>
  "email" in actor ? actor.name || actor.email : actor.label;
const userIdOf = (actor: MaintenanceActor) => actor.id;

/** Services a maintenance window covers at `at`, each with the end of its covering occurrence. */
export async function servicesInMaintenance(
  at: Date,
  client: Client = db,
  serviceIds?: string[],
): Promise<Map<string, Date>> {
  const coverage = await maintenanceCoverage(client, at, at, serviceIds);
  const covered = new Map<string, Date>();
  for (const [serviceId, windows] of coverage) {
    const until = maintenanceUntil(windows, at);
    if (until) covered.set(serviceId, until);
  }
  return covered;
}

/**
 * Every window that may cover some moment in [from, to], by service: one query, for a writer batch whose
 * results span a few minutes as much as for one moment. The pure rules then say which moments are covered.
 */
export async function maintenanceCoverage(
  client: Client,
  from: Date,
  to: Date,
  serviceIds?: string[],
): Promise<Map<string, WindowTimes[]>> {
  const rows = await client.maintenanceWindowService.findMany({
    where: {
      ...(serviceIds ? { serviceId: { in: serviceIds } } : {}),
      window: {
        startsAt: { lte: to },
        OR: [
          { recurrence: "weekly", OR: [{ cancelledAt: null }, { cancelledAt: { gt: from } }] },
          { recurrence: "none", endsAt: { gt: from } },
        ],
      },
    },
    select: {
      serviceId: true,
      window: {
        select: {
          startsAt: true,
          endsAt: true,
          recurrence: true,
          endedAt: true,
          cancelledAt: true,
        },
      },
    },
  });
  const byService = new Map<string, WindowTimes[]>();
  for (const row of rows)
    byService.set(row.serviceId, [...(byService.get(row.serviceId) ?? []), row.window]);
  return byService;
}

/** Whether the team leaves results taken in maintenance out of uptime and the error budget (on unless an admin turned it off). */
export async function maintenanceExcludedFromUptime(client: Client = db): Promise<boolean> {
  const settings = await client.teamSettings.findUnique({
    where: { id: 1 },
    select: { maintenanceExcludedFromUptime: true },
  });
  return settings?.maintenanceExcludedFromUptime ?? true;
}

/** The admin's switch (Settings → Team), on the settings' version: 409 when someone changed them meanwhile. */
export async function setMaintenanceExcludedFromUptime(
  actor: MaintenanceActor,
  input: { excluded: boolean; version?: number },
): Promise<{ excluded: boolean; version: number }> {
  return db.$transaction(async (tx) => {
    const current = await tx.teamSettings.upsert({
      where: { id: 1 },
      create: { id: 1 },
      update: {},
    });
    if (input.version !== undefined && input.version !== current.version) {
      throw conflictError(
        "The team settings changed while you were editing them; reload and try again.",
      );
    }
    if (current.maintenanceExcludedFromUptime === input.excluded)
      return { excluded: input.excluded, version: current.version };
    const { count } = await tx.teamSettings.updateMany({
      where: { id: 1, version: current.version },
      data: { maintenanceExcludedFromUptime: input.excluded, version: { increment: 1 } },
    });
    if (count === 0)
      throw conflictError(
        "The team settings changed while you were editing them; reload and try again.",
      );
    await recordAudit(tx, actor, {
      action: "team.maintenance_uptime",
      targetType: "team_settings",
      targetId: "1",
      details: { maintenanceExcludedFromUptime: input.excluded },
    });
    return { excluded: input.excluded, version: current.version + 1 };
  });
}

const windowInclude = {
  services: { select: { service: { select: { id: true, name: true, environment: true } } } },
  deploy: { select: { id: true, number: true } },
  createdBy: { select: { name: true, email: true } },
  endedBy: { select: { name: true, email: true } },
} as const;

type WindowRow = Prisma.MaintenanceWindowGetPayload<{ include: typeof windowInclude }>;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const span = (occurrence: { start: Date; end: Date } | null) =>
  occurrence ? { start: occurrence.start.toISOString(), end: occurrence.end.toISOString() } : null;

export function toMaintenanceView(row: WindowRow, now = new Date()): MaintenanceWindowView {
  const current = occurrenceAt(row, now);
  const next = nextOccurrence(row, now);
  return {
    id: row.id,
    number: row.number,
    reason: row.reason,
    services: row.services.map((link) => link.service).sort((a, b) => a.name.localeCompare(b.name)),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    recurrence: row.recurrence,
    deploy: row.deploy,
    createdBy: row.createdByLabel,
    endedAt: iso(row.endedAt),
    endedBy: row.endedBy ? row.endedBy.name || row.endedBy.email : row.endedAt ? "system" : null,
    cancelledAt: iso(row.cancelledAt),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    state: current ? "active" : next ? "upcoming" : "ended",
    current: span(current),
    next: span(next),
  };
}

/** When a window last mattered: the end of its last occurrence (or its early end, or its cancellation). */
function lastRelevantAt(view: MaintenanceWindowView): number {
  const times = [
    view.endedAt,
    view.cancelledAt,
    view.recurrence === "none" ? view.endsAt : null,
  ].filter((value): value is string => value !== null);
  return Math.max(0, ...times.map((value) => Date.parse(value)));
}

/** Active windows (ending soonest first), upcoming ones (starting soonest first), and those that ended in the last days. */
export async function listMaintenanceWindows(
  query: Partial<MaintenanceListQuery> = {},
  now = new Date(),
): Promise<MaintenanceList> {
  const parsed = parseInput(maintenanceListQuerySchema, query);
  const since = new Date(now.getTime() - parsed.recentDays * 86_400_000);
  const rows = await db.maintenanceWindow.findMany({
    where: {
      ...(parsed.service ? { services: { some: { serviceId: parsed.service } } } : {}),
      OR: [
        { recurrence: "weekly", OR: [{ cancelledAt: null }, { cancelledAt: { gt: since } }] },
        { recurrence: "none", OR: [{ endsAt: { gt: since } }, { endedAt: { gt: since } }] },
      ],
    },
    include: windowInclude,
    orderBy: { startsAt: "desc" },
    take: 500,
  });
  const views = rows.map((row) => toMaintenanceView(row, now));
  const at = (value: { start: string } | { end: string } | null, key: "start" | "end") =>
    value ? Date.parse((value as Record<string, string>)[key] ?? "") : 0;
  return {
    active: views
      .filter((view) => view.state === "active")
      .sort((a, b) => at(a.current, "end") - at(b.current, "end")),
    upcoming: views
      .filter((view) => view.state === "upcoming")
      .sort((a, b) => at(a.next, "start") - at(b.next, "start")),
    recent: views
      .filter((view) => view.state === "ended")
      .sort((a, b) => lastRelevantAt(b) - lastRelevantAt(a))
      .slice(0, 50),
  };
}

export async function getMaintenanceWindow(
  windowId: string,
  now = new Date(),
): Promise<MaintenanceWindowView> {
  if (!isUuid(windowId)) throw notFoundError("The maintenance window");
  const row = await db.maintenanceWindow.findUnique({
    where: { id: windowId },
    include: windowInclude,
  });
  if (!row) throw notFoundError("The maintenance window");
  return toMaintenanceView(row, now);
}

/** Service ids or exact names (case-insensitive) to ids; every unknown or ambiguous one is named in one 422. */
async function resolveServices(client: Client, references: string[]): Promise<string[]> {
  const unique = [...new Set(references)];
  const ids = unique.filter(isUuid);
  const services = await client.service.findMany({
    where: {
      OR: [
        { id: { in: ids } },
        ...unique.map((name) => ({ name: { equals: name, mode: "insensitive" as const } })),
      ],
    },
    select: { id: true, name: true, environment: true },
  });
  const problems: string[] = [];
  const resolved = new Set<string>();
  for (const reference of unique) {
    const byId = services.find((service) => service.id === reference);
    if (byId) {
      resolved.add(byId.id);
      continue;
    }
    const named = services.filter(
      (service) => service.name.toLowerCase() === reference.toLowerCase(),
    );
    const [only] = named;
    if (named.length === 1 && only) resolved.add(only.id);
    else if (named.length === 0) problems.push(`No service is called ${reference}.`);
    else
      problems.push(
        `${reference} names ${named.length} services (${named.map((service) => service.environment).join(", ")}); use the service id.`,
      );
  }
  if (problems.length > 0) throw validationError({ services: problems });
  return [...resolved];
}

/**
 * Opens a maintenance window (responder and up) with its audit row in one transaction: while it covers a
 * service, checks still run, nothing pages or warns, and its results can be left out of uptime.
 */
export async function createMaintenanceWindow(
  actor: MaintenanceActor,
  input: CreateMaintenanceInput,
  now = new Date(),
): Promise<MaintenanceWindowView> {
  const parsed = parseInput(createMaintenanceSchema, input);
  const { startsAt, endsAt } = windowTimesOf(parsed, now);
  if (parsed.recurrence === "none" && endsAt <= now) {
    throw validationError({
      [parsed.endsAt ? "endsAt" : "durationMinutes"]: [
        "This window would already be over; give an end in the future.",
      ],
    });
  }
  const row = await db.$transaction(async (tx) => {
    const serviceIds = await resolveServices(tx, parsed.services);
    const created = await tx.maintenanceWindow.create({
      data: {
        reason: parsed.reason,
        startsAt,
        endsAt,
        recurrence: parsed.recurrence,
        createdById: userIdOf(actor),
        createdByLabel: labelOf(actor),
        services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
      },
      include: windowInclude,
    });
    await recordAudit(tx, actor, {
      action: "maintenance.create",
      targetType: "maintenance_window",
      targetId: created.id,
      details: {
        number: created.number,
        services: created.services.map((link) => link.service.name),
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        recurrence: parsed.recurrence,
        reason: parsed.reason,
      },
    });
    return created;
  });
  await publishHealthChange(row.services.map((link) => link.service.id));
  return toMaintenanceView(row, now);
}

function staleRefusal(what: string, current: WindowRow, now: Date): never {
  throw conflictError(what, undefined, { current: toMaintenanceView(current, now) });
}

/**
 * One change to an existing window: `change` runs in a transaction with the window as it is now and the
 * version the caller saw (if it said one), then the window is read back and its services' health pages are told.
 */
async function changeMaintenanceWindowWith(
  windowId: string,
  input: ChangeMaintenanceInput,
  now: Date,
  change: (
    tx: Prisma.TransactionClient,
    current: WindowRow,
    seenVersion: number | undefined,
  ) => Promise<void>,
): Promise<MaintenanceWindowView> {
  const { version: seenVersion } = parseInput(changeMaintenanceSchema, input);
  if (!isUuid(windowId)) throw notFoundError("The maintenance window");
  const row = await db.$transaction(async (tx) => {
    const current = await tx.maintenanceWindow.findUnique({
      where: { id: windowId },
      include: windowInclude,
    });
    if (!current) throw notFoundError("The maintenance window");
    await change(tx, current, seenVersion);
    return tx.maintenanceWindow.findUniqueOrThrow({
      where: { id: windowId },
      include: windowInclude,
    });
  });
  await publishHealthChange(row.services.map((link) => link.service.id));
  return toMaintenanceView(row, now);
}

function refuseIfSeenVersionIsStale(
  seenVersion: number | undefined,
  current: WindowRow,
  now: Date,
): void {
  if (seenVersion !== undefined && seenVersion !== current.version)
    staleRefusal(
      "This window changed while you were looking at it; nothing was changed. Review it and try again.",
      current,
      now,
    );
}

/** The write is conditional on the version just read, so of two changes at the same moment one is refused. */
async function updateWindowIfUnchanged(
  tx: Prisma.TransactionClient,
  current: WindowRow,
  now: Date,
  data: Prisma.MaintenanceWindowUncheckedUpdateManyInput,
  alsoWhere: Prisma.MaintenanceWindowWhereInput = {},
): Promise<void> {
  const { count } = await tx.maintenanceWindow.updateMany({
    where: { id: current.id, version: current.version, ...alsoWhere },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0)
    staleRefusal(
      "Someone else changed this window at the same moment; nothing was changed.",
      await tx.maintenanceWindow.findUniqueOrThrow({
        where: { id: current.id },
        include: windowInclude,
      }),
      now,
    );
}

/**
 * Ends a window early, one click: it cuts the occurrence in effect now (a weekly window goes on repeating),
 * or calls off a one-off window that has not begun. The write is conditional on the version the caller
 * saw (or, when it says none, on the one just read), so two people ending it at once get one end and a 409.
 */
export async function endMaintenanceWindow(
  actor: MaintenanceActor,
  windowId: string,
  input: ChangeMaintenanceInput = {},
  now = new Date(),
): Promise<MaintenanceWindowView> {
  return changeMaintenanceWindowWith(windowId, input, now, async (tx, current, seenVersion) => {
    refuseIfSeenVersionIsStale(seenVersion, current, now);
    const inEffect = occurrenceAt(current, now);
    const notBegun =
      current.recurrence === "none" && current.endedAt === null && current.startsAt > now;
    if (!inEffect && !notBegun) {
      staleRefusal(
        current.recurrence === "weekly"
          ? "This weekly window is not in effect now; cancel it to stop it repeating."
          : "This window has already ended.",
        current,
        now,
      );
    }
    await updateWindowIfUnchanged(tx, current, now, {
      endedAt: now,
      endedById: userIdOf(actor),
    });
    await recordAudit(tx, actor, {
      action: "maintenance.end",
      targetType: "maintenance_window",
      targetId: windowId,
      details: {
        number: current.number,
        endedAt: now.toISOString(),
        wasUntil: inEffect?.end.toISOString() ?? null,
        beforeItBegan: !inEffect,
      },
    });
  });
}

/** Stops a weekly window repeating; an occurrence in effect now ends too. */
export async function cancelMaintenanceWindow(
  actor: MaintenanceActor,
  windowId: string,
  input: ChangeMaintenanceInput = {},
  now = new Date(),
): Promise<MaintenanceWindowView> {
  return changeMaintenanceWindowWith(windowId, input, now, async (tx, current, seenVersion) => {
    if (current.recurrence !== "weekly")
      staleRefusal("Only a weekly window is cancelled; end this one instead.", current, now);
    if (current.cancelledAt)
      staleRefusal("This weekly window was already cancelled.", current, now);
    refuseIfSeenVersionIsStale(seenVersion, current, now);
    const inEffect = occurrenceAt(current, now);
    await updateWindowIfUnchanged(
      tx,
      current,
      now,
      {
        cancelledAt: now,
        ...(inEffect ? { endedAt: now, endedById: userIdOf(actor) } : {}),
      },
      { cancelledAt: null },
    );
    await recordAudit(tx, actor, {
      action: "maintenance.cancel",
      targetType: "maintenance_window",
      targetId: windowId,
      details: {
        number: current.number,
        cancelledAt: now.toISOString(),
        endedOccurrence: inEffect !== null,
      },
    });
  });
}

/** A deploy that starts opens a window over its service until it finishes, capped at `minutes`; in the deploy's transaction. */
export async function openDeployMaintenance(
  tx: Prisma.TransactionClient,
  actor: MaintenanceActor,
  deploy: {
    id: string;
    number: number;
    serviceId: string;
    serviceName: string;
    label: string;
    startsAt: Date;
  },
  minutes: number,
): Promise<void> {
  const created = await tx.maintenanceWindow.create({
    data: {
      reason: `Deploy #${deploy.number} of ${deploy.serviceName} ${deploy.label}`,
      startsAt: deploy.startsAt,
      endsAt: new Date(deploy.startsAt.getTime() + minutes * 60_000),
      recurrence: "none",
      deployId: deploy.id,
      createdById: userIdOf(actor),
      createdByLabel: labelOf(actor),
      services: { create: [{ serviceId: deploy.serviceId }] },
    },
    select: { id: true, number: true, endsAt: true },
  });
  await recordAudit(tx, actor, {
    action: "maintenance.create",
    targetType: "maintenance_window",
    targetId: created.id,
    details: {
      number: created.number,
      deploy: deploy.number,
      services: [deploy.serviceName],
      endsAt: created.endsAt.toISOString(),
      minutes,
    },
  });
}

/** The deploy finished: its window (if it is still open) ends now, in the deploy's transaction. */
export async function endDeployMaintenance(
  tx: Prisma.TransactionClient,
  actor: MaintenanceActor,
  deployId: string,
  now: Date,
): Promise<boolean> {
  const window = await tx.maintenanceWindow.findUnique({
    where: { deployId },
    select: {
      id: true,
      number: true,
      startsAt: true,
      endsAt: true,
      recurrence: true,
      endedAt: true,
      cancelledAt: true,
      version: true,
    },
  });
  if (!window || window.endedAt !== null || window.endsAt <= now) return false;
  const { count } = await tx.maintenanceWindow.updateMany({
    where: { id: window.id, version: window.version, endedAt: null },
    data: { endedAt: now, endedById: userIdOf(actor), version: { increment: 1 } },
  });
  if (count === 0) return false;
  await recordAudit(tx, actor, {
    action: "maintenance.end",
    targetType: "maintenance_window",
    targetId: window.id,
    details: {
      number: window.number,
      endedAt: now.toISOString(),
      wasUntil: window.endsAt.toISOString(),
      reason: "the deploy finished",
    },
  });
  return true;
}

/** A window by its number (what the CLI and people say: "window 12") or its id. */
export async function findMaintenanceByReference(
  reference: string,
  now = new Date(),
): Promise<MaintenanceWindowView> {
  const trimmed = reference.trim().replace(/^#/, "");
  if (/^\d{1,9}$/.test(trimmed)) {
    const row = await db.maintenanceWindow.findUnique({
      where: { number: Number(trimmed) },
      include: windowInclude,
    });
    if (!row) throw notFoundError(`Maintenance window #${trimmed}`);
    return toMaintenanceView(row, now);
  }
  return getMaintenanceWindow(trimmed, now);
}

/** The switch as Settings → Team shows it, with the settings' version for the conditional save. */
export async function getMaintenanceUptimeSetting(): Promise<{
  excluded: boolean;
  version: number;
}> {
  const row = await db.teamSettings.findUnique({
    where: { id: 1 },
    select: { maintenanceExcludedFromUptime: true, version: true },
  });
  return { excluded: row?.maintenanceExcludedFromUptime ?? true, version: row?.version ?? 1 };
}
