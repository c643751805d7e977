import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One REST operation as callers see it. Nothing here reaches the server's services, so the browser tests and
 * clients can import the declarations; route handlers bind them to a service call with `handlerOf`.
 */
export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI form: `/api/v1/incidents/{id}`. */
  path: string;
  /** The lowest role that may call it. */
  role: Role;
  summary: string;
  responses: Record<number, string>;
  /** Parsed before the handler runs (413, 415, 422 with field errors); the handler gets the parsed value. */
  body?: z.ZodType;
  /**
   * The service parses the body itself, because it needs to know which fields were sent (a PATCH keeps the
   * rest, a field's absence means something): the handler gets the JSON object as sent, and `body` documents it.
   */
  bodyParsedByService?: true;
  /** A request without a Content-Type is taken as `{}`. */
  bodyOptional?: true;
  /** What the document promises, where the parser also accepts older spellings. */
  documentedBody?: z.ZodType;
  /** Query-string parameters, parsed like a body (422 with field errors). */
  query?: z.ZodType;
  /** Takes an optional `Idempotency-Key` header: a retry with the same key answers the first call's record. */
  idempotencyKey?: true;
};

/** `/api/v1/postmortems/{id}/action-items/{itemId}` -> `{ id: string; itemId: string }` */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? { [Key in Name | keyof PathParams<Rest>]: string }
  : Record<never, string>;

export function operation<const Operation extends ApiOperation>(declaration: Operation): Operation {
  return declaration;
}

/** `/api/v1/incidents/{id}` -> `/api/v1/incidents/[id]`, the folder its route handler lives in. */
export function routeFolderOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, "[$1]");
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
}
