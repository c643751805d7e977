import { isRecord, isStringOrNull, parserOf, type AnswerParser } from "@/components/health/answer";
import type {
  CheckView,
  LatencyPoint,
  LatencyRange,
  ServiceDetail,
  StatusFilter,
  StatusSummary,
} from "@/lib/health/types";
import { fetchAnswer } from "@/components/ui/fetch-answer";

export const checksPageSize = 25;

export type LatencySeries = { range: LatencyRange; sloMs: number; points: LatencyPoint[] };
export type ChecksPage = { checks: CheckView[]; nextBefore: string | null };

/** A JSON answer, checked by its parser. */
export async function getParsedJson<T>(
  path: string,
  parse: AnswerParser<T>,
  signal?: AbortSignal,
): Promise<T> {
  return parse(await fetchAnswer(path, signal));
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

const parseStatusSummary = parserOf(
  "the status summary",
  (value): value is StatusSummary =>
    isRecord(value) &&
    typeof value.generatedAt === "string" &&
    Array.isArray(value.tiles) &&
    value.tiles.every(
      (tile) => isRecord(tile) && typeof tile.id === "string" && typeof tile.name === "string",
    ) &&
    isRecord(value.counts) &&
    isRecord(value.monitor) &&
    Array.isArray(value.environments) &&
    Array.isArray(value.tags),
);

const parseServiceDetail = parserOf(
  "a service",
  (value): value is ServiceDetail =>
    isRecord(value) &&
    isRecord(value.service) &&
    typeof value.service.id === "string" &&
    isRecord(value.tile) &&
    Array.isArray(value.events) &&
    Array.isArray(value.uptimeDays) &&
    Array.isArray(value.deploys) &&
    Array.isArray(value.pastAlerts) &&
    Array.isArray(value.baselines),
);

const parseLatencySeries = parserOf(
  "a latency series",
  (value): value is LatencySeries =>
    isRecord(value) &&
    typeof value.range === "string" &&
    typeof value.sloMs === "number" &&
    Array.isArray(value.points) &&
    value.points.every((point) => isRecord(point) && typeof point.bucket === "string"),
);

const parseChecksPage = parserOf(
  "a page of checks",
  (value): value is ChecksPage =>
    isRecord(value) &&
    Array.isArray(value.checks) &&
    value.checks.every(
      (check) =>
        isRecord(check) && typeof check.id === "string" && typeof check.status === "string",
    ) &&
    isStringOrNull(value.nextBefore),
);

export function fetchStatusSummary(
  filter: StatusFilter,
  signal?: AbortSignal,
): Promise<StatusSummary> {
  return getParsedJson(
    `/api/v1/status${query({ environment: filter.environment, tag: filter.tag })}`,
    parseStatusSummary,
    signal,
  );
}

export function fetchServiceDetail(
  serviceId: string,
  signal?: AbortSignal,
): Promise<ServiceDetail> {
  return getParsedJson(
    `/api/v1/services/${encodeURIComponent(serviceId)}`,
    parseServiceDetail,
    signal,
  );
}

export function fetchLatencySeries(
  serviceId: string,
  range: LatencyRange,
  signal?: AbortSignal,
): Promise<LatencySeries> {
  return getParsedJson(
    `/api/v1/services/${encodeURIComponent(serviceId)}/latency${query({ range })}`,
    parseLatencySeries,
    signal,
  );
}

export function fetchChecks(
  serviceId: string,
  options: { limit: number; before?: string | null },
  signal?: AbortSignal,
): Promise<ChecksPage> {
  return getParsedJson(
    `/api/v1/services/${encodeURIComponent(serviceId)}/checks${query({ limit: String(options.limit), before: options.before ?? undefined })}`,
    parseChecksPage,
    signal,
  );
}
