import { errorMessageOf } from "@/lib/errors";

/** A JSON answer from Vigil's API, unchecked: the caller parses it. A refusal becomes an error with the server's message. */
export async function fetchAnswer(path: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(path, {
    headers: { accept: "application/json" },
    cache: "no-store",
    signal,
  });
  if (response.ok) return response.json();
  if (response.status === 401)
    throw new Error("Your session has ended. Reload the page to sign in again.");
  const body: unknown = await response.json().catch(() => null);
  throw new Error(errorMessageOf(body) ?? `The server answered ${response.status}.`);
}
