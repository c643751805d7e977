const unavailableCodes = new Set([
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "ECONNRESET",
  "57P01",
  "57P03",
  "57014",
]);
const unavailableKinds = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/**
 * True when an error means "cannot talk to Postgres" rather than "Postgres said no". A deadline that ran
 * out (the connect timeout, the client's query timeout, or Postgres cancelling the statement: 57014)
 * counts as unreachable too: the caller answers 503 and the writer keeps its results buffered.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== "object") return false;
    const candidate = current as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof candidate.code === "string" && unavailableCodes.has(candidate.code)) return true;
    if (typeof candidate.kind === "string" && unavailableKinds.has(candidate.kind)) return true;
    if (
      typeof candidate.message === "string" &&
      /connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Query read timeout/i.test(
        candidate.message,
      )
    ) {
      return true;
    }
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}

/**
 * What went wrong, in one line for a log or a status: the driver's own message when there is one (Prisma's
 * starts with the call site and a code excerpt; the words are in the driver's cause), else the message's
 * last line when it opens with Prisma's call site, else its first line with words.
 */
export function describeDatabaseError(error: unknown): string {
  for (
    let current: unknown = error, depth = 0;
    current && typeof current === "object" && depth < 6;
    depth++
  ) {
    const candidate = current as {
      originalCode?: unknown;
      originalMessage?: unknown;
      detail?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (typeof candidate.originalMessage === "string") {
      const code = typeof candidate.originalCode === "string" ? ` (${candidate.originalCode})` : "";
      const detail = typeof candidate.detail === "string" ? `: ${candidate.detail}` : "";
      return `${candidate.originalMessage}${detail}${code}`;
    }
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return (lines[0]?.startsWith("Invalid `") ? lines.at(-1) : lines[0]) ?? "unknown error";
}
