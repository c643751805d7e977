import { hasFields, parserOf, type AnswerParser } from "@/components/health/answer";
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
    hasFields(value, {
      generatedAt: "string",
      counts: "record",
      monitor: "record",
      environments: "array",
      tags: "array",
    }) &&
    Array.isArray(value.tiles) &&
    value.tiles.every((tile) => hasFields(tile, { id: "string", name: "string" })),
);

const parseServiceDetail = parserOf(
  "a service",
  (value): value is ServiceDetail =>
    hasFields(value, {
      tile: "record",
      events: "array",
      uptimeDays: "array",
      deploys: "array",
      pastAlerts: "array",
      baselines: "array",
    }) && hasFields(value.service, { id: "string" }),
);

const parseLatencySeries = parserOf(
  "a latency series",
  (value): value is LatencySeries =>
    hasFields(value, { range: "string", sloMs: "number" }) &&
    Array.isArray(value.points) &&
    value.points.every((point) => hasFields(point, { bucket: "string" })),
);

const parseChecksPage = parserOf(
  "a page of checks",
  (value): value is ChecksPage =>
    hasFields(value, { nextBefore: "string or null" }) &&
    Array.isArray(value.checks) &&
    value.checks.every((check) => hasFields(check, { id: "string", status: "string" })),
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
