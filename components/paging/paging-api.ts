import type { PageView } from "@/lib/paging/types";

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" }, cache: "no-store", signal });
  if (response.ok) return (await response.json()) as T;
  if (response.status === 401) throw new Error("Your session has ended. Reload the page to sign in again.");
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
}

export async function fetchUnacknowledgedPages(signal?: AbortSignal): Promise<PageView[]> {
  return (await getJson<{ pages: PageView[] }>("/api/v1/pages?state=triggered&limit=20", signal)).pages;
}

export async function fetchPage(id: string, signal?: AbortSignal): Promise<PageView> {
  return (await getJson<{ page: PageView }>(`/api/v1/pages/${encodeURIComponent(id)}`, signal)).page;
}
