import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireRequestRole } from "@/lib/auth/request-actor";
import type { Actor, Role } from "@/lib/auth/roles";
import { AppError, forbiddenError, httpStatusByCode, toErrorBody, validationError } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { publicUrl } from "@/lib/env";
import { assertStorableText, fieldErrorsOf } from "@/lib/validation";

export const defaultBodyLimitBytes = 64 * 1024;

export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}

export function errorResponse(error: AppError): Response {
  return jsonResponse({ error: toErrorBody(error) }, { status: httpStatusByCode[error.code] });
}

async function readLimitedText(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${Math.round(limitBytes / 1024)} KiB.`);
}

/** Reads a JSON body within a size cap and validates it: 413, 415 or 422 with field errors. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, limitBytes = defaultBodyLimitBytes): Promise<z.infer<S>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readLimitedText(request, limitBytes);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw validationError({ _: ["The body is not valid JSON."] }, "The body is not valid JSON.");
  }
  assertStorableText(body);
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(fieldErrorsOf(result.error));
  return result.data;
}

/** Query-string parameters validated like a body: 422 with field errors. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  assertStorableText(params);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(fieldErrorsOf(result.error));
  return result.data;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError("unavailable", "The database is unreachable. Try again shortly.");
  const reference = randomUUID().slice(0, 8);
  console.error(`[vigil] unexpected error ${reference}:`, error);
  return new AppError("internal", `Something went wrong on our side (reference ${reference}).`);
}

const methodsWithoutEffects = new Set(["GET", "HEAD", "OPTIONS"]);

function requestHost(request: Request): string {
  return request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
}

function isOwnOrigin(origin: string, request: Request): boolean {
  try {
    const { host } = new URL(origin);
    return host === requestHost(request) || host === new URL(publicUrl()).host;
  } catch {
    return false;
  }
}

/**
 * A write that relies on the session cookie must come from Vigil's own pages: a browser attaches the cookie to
 * requests another site makes, but also says where they came from (Origin on every cross-origin write,
 * Sec-Fetch-Site on every request from current browsers). A request with neither header was not made by a browser
 * on another site's behalf (a script that holds the cookie itself), so it is let through. A bearer token is never
 * attached by the browser on its own, so token calls are not checked.
 */
export function refuseCrossSiteCookieWrite(request: Request): void {
  if (methodsWithoutEffects.has(request.method.toUpperCase()) || request.headers.has("authorization")) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const crossSite = (fetchSite !== null && fetchSite !== "same-origin") || (origin !== null && !isOwnOrigin(origin, request));
  if (!crossSite) return;
  throw forbiddenError(
    `This change came from another site (${origin ?? `Sec-Fetch-Site: ${fetchSite}`}), so Vigil refused it. ` +
      "Make changes from Vigil's own pages, or send an API token from scripts.",
  );
}

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (input: { request: Request; actor: Actor; params: P }) => Promise<Response>;

/** Every /api/v1 handler goes through here: authentication, the role check and one error shape. */
export function apiRoute<P = Record<string, never>>(role: Role, handler: Handler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      refuseCrossSiteCookieWrite(request);
      const actor = await requireRequestRole(request, role);
      return await handler({ request, actor, params: await context.params });
    } catch (error) {
      return errorResponse(toAppError(error));
    }
  };
}
