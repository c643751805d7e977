import type { Prisma } from "@/lib/generated/prisma/client";
import { mergeHistograms } from "@/lib/health/histogram";
import { burnRules, type BurnWindows } from "@/lib/health/slo";

/** What the minute rollups say about one service at one moment: latency histograms and burn-rate windows. */
export type ServiceWindows = {
  latency: { histogram: number[]; maxMs: number; count: number };
  hour: { histogram: number[]; maxMs: number };
  burn: BurnWindows;
};

type CountRow = {
  serviceId: string;
  fastLongTotal: bigint;
  fastLongDown: bigint;
  fastShortTotal: bigint;
  fastShortDown: bigint;
  slowLongTotal: bigint;
  slowLongDown: bigint;
  slowShortTotal: bigint;
  slowShortDown: bigint;
};

type HistogramRow = {
  serviceId: string;
  inWindow: boolean;
  latencyCount: number;
  latencyMaxMs: number;
  latencyHistogram: number[];
};

const seconds = (ms: number) => ms / 1000;

/**
 * Reads, for each service at its own reference time (its newest result), the minute rollups of the last
 * six hours as burn-rate window counts and the last hour's latency histograms: two queries per batch,
 * whatever the number of services, on the rollups' primary key.
 */
export async function loadServiceWindows(
  tx: Prisma.TransactionClient,
  refs: { serviceId: string; at: Date; latencyWindowSeconds: number }[],
): Promise<Map<string, ServiceWindows>> {
  if (refs.length === 0) return new Map();
  const ids = refs.map((ref) => ref.serviceId);
  const times = refs.map((ref) => ref.at);
  const latencyWindows = refs.map((ref) => ref.latencyWindowSeconds);
  const { fast, slow } = burnRules;
  const [counts, histograms] = await Promise.all([
    // Results taken in maintenance are left out of the burn rates when the team says so (the default).
    tx.$queryRaw<CountRow[]>`
      WITH ref AS (SELECT * FROM unnest(${ids}::uuid[], ${times}::timestamptz[]) AS r(id, at)),
      team AS (SELECT COALESCE((SELECT "maintenanceExcludedFromUptime" FROM "TeamSettings" WHERE id = 1), true) AS excluded),
      counted AS (
        SELECT ref.id, ref.at, c.bucket,
          c.total - CASE WHEN team.excluded THEN c."maintenanceUp" + c."maintenanceDegraded" + c."maintenanceDown" ELSE 0 END AS total,
          c.down - CASE WHEN team.excluded THEN c."maintenanceDown" ELSE 0 END AS down
        FROM ref CROSS JOIN team LEFT JOIN "CheckRollup" c
          ON c."serviceId" = ref.id AND c.granularity = 'minute'
         AND c.bucket > ref.at - make_interval(secs => ${seconds(slow.longMs)}) AND c.bucket <= ref.at)
      SELECT c.id AS "serviceId",
        COALESCE(SUM(c.total) FILTER (WHERE c.bucket > c.at - make_interval(secs => ${seconds(fast.longMs)})), 0)::bigint AS "fastLongTotal",
        COALESCE(SUM(c.down)  FILTER (WHERE c.bucket > c.at - make_interval(secs => ${seconds(fast.longMs)})), 0)::bigint AS "fastLongDown",
        COALESCE(SUM(c.total) FILTER (WHERE c.bucket > c.at - make_interval(secs => ${seconds(fast.shortMs)})), 0)::bigint AS "fastShortTotal",
        COALESCE(SUM(c.down)  FILTER (WHERE c.bucket > c.at - make_interval(secs => ${seconds(fast.shortMs)})), 0)::bigint AS "fastShortDown",
        COALESCE(SUM(c.total), 0)::bigint AS "slowLongTotal",
        COALESCE(SUM(c.down), 0)::bigint AS "slowLongDown",
        COALESCE(SUM(c.total) FILTER (WHERE c.bucket > c.at - make_interval(secs => ${seconds(slow.shortMs)})), 0)::bigint AS "slowShortTotal",
        COALESCE(SUM(c.down)  FILTER (WHERE c.bucket > c.at - make_interval(secs => ${seconds(slow.shortMs)})), 0)::bigint AS "slowShortDown"
      FROM counted c
      GROUP BY c.id`,
    tx.$queryRaw<HistogramRow[]>`
      WITH ref AS (SELECT * FROM unnest(${ids}::uuid[], ${times}::timestamptz[], ${latencyWindows}::int[]) AS r(id, at, window_seconds))
      SELECT c."serviceId", c.bucket > ref.at - make_interval(secs => ref.window_seconds) AS "inWindow",
             c."latencyCount", c."latencyMaxMs", c."latencyHistogram"
      FROM ref JOIN "CheckRollup" c
        ON c."serviceId" = ref.id AND c.granularity = 'minute'
       AND c.bucket > ref.at - interval '1 hour' AND c.bucket <= ref.at`,
  ]);
  const windows = new Map<string, ServiceWindows>();
  const count = (total: bigint, down: bigint) => ({ total: Number(total), down: Number(down) });
  for (const row of counts) {
    windows.set(row.serviceId, {
      latency: { histogram: [], maxMs: 0, count: 0 },
      hour: { histogram: [], maxMs: 0 },
      burn: {
        fastLong: count(row.fastLongTotal, row.fastLongDown),
        fastShort: count(row.fastShortTotal, row.fastShortDown),
        slowLong: count(row.slowLongTotal, row.slowLongDown),
        slowShort: count(row.slowShortTotal, row.slowShortDown),
      },
    });
  }
  const grouped = new Map<string, HistogramRow[]>();
  for (const row of histograms)
    grouped.set(row.serviceId, [...(grouped.get(row.serviceId) ?? []), row]);
  for (const [serviceId, rows] of grouped) {
    const entry = windows.get(serviceId);
    if (!entry) continue;
    const inWindow = rows.filter((row) => row.inWindow);
    entry.hour = {
      histogram: mergeHistograms(rows.map((row) => row.latencyHistogram)),
      maxMs: Math.max(0, ...rows.map((row) => row.latencyMaxMs)),
    };
    entry.latency = {
      histogram: mergeHistograms(inWindow.map((row) => row.latencyHistogram)),
      maxMs: Math.max(0, ...inWindow.map((row) => row.latencyMaxMs)),
      count: inWindow.reduce((sum, row) => sum + row.latencyCount, 0),
    };
  }
  return windows;
}
