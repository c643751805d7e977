export type FetchedText = { status: number; contentType: string | null; text: string; elapsedMs: number };

/** One GET with a deadline, timed; for the simulator's tests. */
export async function fetchText(url: string, timeoutMs = 5_000): Promise<FetchedText> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), text, elapsedMs: performance.now() - started };
}

export async function fetchJson(url: string, timeoutMs = 5_000): Promise<{ status: number; contentType: string | null; body: unknown }> {
  const { status, contentType, text } = await fetchText(url, timeoutMs);
  return { status, contentType, body: JSON.parse(text) };
}

/** The network error code under fetch's "fetch failed" (ECONNREFUSED, ECONNRESET...), or the error's name. */
export async function fetchFailure(url: string, timeoutMs = 5_000): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    if (error instanceof Error) {
      const cause = error.cause;
      if (typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string") return cause.code;
      return error.name;
    }
    return String(error);
  }
  return "answered";
}
