export type FieldErrors = Record<string, string[]>;

export type ErrorCode =
  | "validation_failed"
  | "conflict"
  | "not_found"
  | "unauthenticated"
  | "forbidden"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

export const httpStatusByCode: Record<ErrorCode, number> = {
  validation_failed: 422,
  conflict: 409,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** An expected failure: it carries what the caller may be told. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const validationError = (fields: FieldErrors, message = "Some fields are not valid.") =>
  new AppError("validation_failed", message, fields);
export const conflictError = (
  message: string,
  fields?: FieldErrors,
  details?: Record<string, unknown>,
) => new AppError("conflict", message, fields, details);
export const notFoundError = (what: string) => new AppError("not_found", `${what} was not found.`);
export const forbiddenError = (message = "Your role does not allow this.") =>
  new AppError("forbidden", message);
export const unauthenticatedError = (message = "Sign in or send an API token.") =>
  new AppError("unauthenticated", message);

/** What `read` found, or null when it was not found; any other failure still throws. */
export async function nullWhenNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

export type ErrorBody = {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  details?: Record<string, unknown>;
};

export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** A refusal in one line: its field messages, else its message. */
export function errorSummary(error: ErrorBody): string {
  const fieldMessages = Object.values(error.fields ?? {}).flat();
  return fieldMessages.length > 0 ? fieldMessages.join(" ") : error.message;
}

/** What is left to say once the fields in `shownFields` show their messages beside their controls; null when nothing is. */
export function unshownErrorSummary(
  error: ErrorBody,
  shownFields: readonly string[],
): string | null {
  if (!error.fields) return error.message;
  const unshown = Object.entries(error.fields).filter(([field]) => !shownFields.includes(field));
  return unshown.length === 0
    ? null
    : errorSummary({ ...error, fields: Object.fromEntries(unshown) });
}

/** The message of an API error answer ({ error: { message } }), if it has one. */
export function errorMessageOf(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const { error } = body;
  if (typeof error !== "object" || error === null || !("message" in error)) return null;
  return typeof error.message === "string" ? error.message : null;
}

export function toErrorBody(error: AppError): ErrorBody {
  return {
    code: error.code,
    message: error.message,
    ...(error.fields ? { fields: error.fields } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as {
    code?: string;
    meta?: {
      target?: unknown;
      driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } };
    };
  };
  if (code !== "P2002") return false;
  if (!field) return true;
  const fields =
    meta?.driverAdapterError?.cause?.constraint?.fields ??
    (Array.isArray(meta?.target) ? meta.target : []);
  return (fields as string[]).some((name) => name.replaceAll('"', "") === field);
}
