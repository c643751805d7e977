import type { CheckView, LatencyPoint, LatencyRange, ServiceDetail, StatusFilter, StatusSummary } from "@/lib/health/types";

export const checksPageSize = 25;

export type LatencySeries = { range: LatencyRange; sloMs: number; points: LatencyPoint[] };
export type ChecksPage = { checks: CheckView[]; nextBefore: string | null };

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" }, cache: "no-store", signal });
  if (response.ok) return (await response.json()) as T;
  if (response.status === 401) throw new Error("Your session has ended. Reload the page to sign in again.");
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function fetchStatusSummary(filter: StatusFilter, signal?: AbortSignal): Promise<StatusSummary> {
  return getJson(`/api/v1/status${query({ environment: filter.environment, tag: filter.tag })}`, signal);
}

export function fetchServiceDetail(serviceId: string, signal?: AbortSignal): Promise<ServiceDetail> {
  return getJson(`/api/v1/services/${encodeURIComponent(serviceId)}`, signal);
}

export function fetchLatencySeries(serviceId: string, range: LatencyRange, signal?: AbortSignal): Promise<LatencySeries> {
  return getJson(`/api/v1/services/${encodeURIComponent(serviceId)}/latency${query({ range })}`, signal);
}

export function fetchChecks(serviceId: string, options: { limit: number; before?: string | null }, signal?: AbortSignal): Promise<ChecksPage> {
  return getJson(
    `/api/v1/services/${encodeURIComponent(serviceId)}/checks${query({ limit: String(options.limit), before: options.before ?? undefined })}`,
    signal,
  );
}
