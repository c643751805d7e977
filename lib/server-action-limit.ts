import { httpStatusByCode, toErrorBody, AppError } from "@/lib/errors";

/** Next.js' default serverActions.bodySizeLimit ("1 MB" = 1 MiB); next.config.ts keeps the default. */
export const serverActionBodyLimitBytes = 1024 * 1024;

/**
 * Next.js reads a server action's body before any of our code runs, and a body over its limit ends as
 * an unexplained 500 (its action handler does not map its own 413). The proxy calls this first: a
 * declared size over the limit gets a plain 413 with the product's error shape. A chunked body with no
 * Content-Length still reaches Next.js' own check.
 */
export function oversizedServerActionResponse(
  request: Pick<Request, "method" | "headers">,
  limitBytes = serverActionBodyLimitBytes,
): Response | null {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared <= limitBytes) return null;
  const error = new AppError(
    "payload_too_large",
    `The form is too large to send (${Math.ceil(declared / 1024)} KiB; the limit is ${Math.round(limitBytes / 1024)} KiB). Shorten the text and try again.`,
  );
  return Response.json(
    { error: toErrorBody(error) },
    { status: httpStatusByCode.payload_too_large, headers: { "cache-control": "no-store" } },
  );
}
