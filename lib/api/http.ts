import { randomUUID } from "node:crypto";
import { z } from "zod";
import { withIdempotencyKey } from "@/lib/api/idempotency";
import type { ApiOperation, PathParams } from "@/lib/api/operation";
import { requireRequestRole } from "@/lib/auth/request-actor";
import type { Actor } from "@/lib/auth/roles";
import {
  AppError,
  forbiddenError,
  httpStatusByCode,
  toErrorBody,
  validationError,
} from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { publicUrl } from "@/lib/env";
import { assertStorableText, fieldErrorsOf } from "@/lib/validation";

export const defaultBodyLimitBytes = 64 * 1024;

export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, {
    ...init,
    headers: { "cache-control": "no-store", ...init.headers },
  });
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
  return new AppError(
    "payload_too_large",
    `The request body is larger than ${Math.round(limitBytes / 1024)} KiB.`,
  );
}

/** Reads a JSON body within a size cap: 413, 415, or 422 when it is not JSON or holds text Postgres cannot store. */
export async function readJson(
  request: Request,
  limitBytes = defaultBodyLimitBytes,
): Promise<unknown> {
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
  return body;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldErrorsOf(result.error));
  return result.data;
}

/** Query-string parameters validated like a body: 422 with field errors. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  assertStorableText(params);
  return parseWith(schema, params);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error))
    return new AppError("unavailable", "The database is unreachable. Try again shortly.");
  const reference = randomUUID().slice(0, 8);
  console.error(`[vigil] unexpected error ${reference}:`, error);
  return new AppError("internal", `Something went wrong on our side (reference ${reference}).`);
}

const methodsWithoutEffects = new Set(["GET", "HEAD", "OPTIONS"]);

function requestHost(request: Request): string {
  return (
    request.headers.get("x-forwarded-host") ??
    request.headers.get("host") ??
    new URL(request.url).host
  );
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
  if (
    methodsWithoutEffects.has(request.method.toUpperCase()) ||
    request.headers.has("authorization")
  )
    return;
  const fetchSite = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const crossSite =
    (fetchSite !== null && fetchSite !== "same-origin") ||
    (origin !== null && !isOwnOrigin(origin, request));
  if (!crossSite) return;
  throw forbiddenError(
    `This change came from another site (${origin ?? `Sec-Fetch-Site: ${fetchSite}`}), so Vigil refused it. ` +
      "Make changes from Vigil's own pages, or send an API token from scripts.",
  );
}

type Parsed<Operation, Key extends "body" | "query"> = Operation extends {
  [K in Key]: infer Schema extends z.ZodType;
}
  ? z.output<Schema>
  : undefined;
/** Typed as the service's input: the service parses it first, knowing which fields were sent. */
type SentBody<Operation> = Operation extends { body: infer Schema extends z.ZodType }
  ? z.input<Schema>
  : Record<string, unknown>;

export type OperationInput<Operation extends ApiOperation> = {
  request: Request;
  actor: Actor;
  params: PathParams<Operation["path"]>;
  body: Operation extends { bodyParsedByService: true }
    ? SentBody<Operation>
    : Parsed<Operation, "body">;
  query: Parsed<Operation, "query">;
};

export type RouteHandler<Params> = (
  request: Request,
  context: { params: Promise<Params> },
) => Promise<Response>;

const sentObjectSchema = z.record(z.string(), z.unknown());

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readOperationBody(
  request: Request,
  operation: ApiOperation,
  schema: z.ZodType,
): Promise<unknown> {
  const sent =
    operation.bodyOptional && !request.headers.get("content-type") ? {} : await readJson(request);
  if (operation.bodyParsedByService) {
    const object = parseWith(sentObjectSchema, sent);
    return operation.idempotencyKey ? withIdempotencyKey(request, object) : object;
  }
  return parseWith(
    schema,
    operation.idempotencyKey && isPlainObject(sent) ? withIdempotencyKey(request, sent) : sent,
  );
}

const operationsByHandler = new WeakMap<object, ApiOperation>();

/** The declared operation a route handler was built from, so a test can hold the handlers to the declarations. */
export function operationServedBy(handler: unknown): ApiOperation | undefined {
  return typeof handler === "function" ? operationsByHandler.get(handler) : undefined;
}

/**
 * Every /api/v1 handler is built here from its declaration: the cross-site check, authentication at the declared
 * role, the query and body parsed with the declared schemas, and one error shape.
 */
export function handlerOf<const Operation extends ApiOperation>(
  operation: Operation,
  run: (input: OperationInput<Operation>) => Promise<Response>,
): RouteHandler<PathParams<Operation["path"]>> {
  const handler: RouteHandler<PathParams<Operation["path"]>> = async (request, context) => {
    try {
      refuseCrossSiteCookieWrite(request);
      const actor = await requireRequestRole(request, operation.role);
      const params = await context.params;
      const query = operation.query ? readQuery(request, operation.query) : undefined;
      const body = operation.body
        ? await readOperationBody(request, operation, operation.body)
        : undefined;
      return await run({ request, actor, params, body, query } as OperationInput<Operation>);
    } catch (error) {
      return errorResponse(toAppError(error));
    }
  };
  operationsByHandler.set(handler, operation);
  return handler;
}
