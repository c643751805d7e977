import type { ActionResult, ErrorBody } from "@/lib/errors";
import { actionItemStatuses, postmortemStatuses } from "@/lib/postmortems/labels";
import type { ActionItemView, PostmortemDetail, PostmortemView } from "@/lib/postmortems/types";

const unanswered: ErrorBody = { code: "unavailable", message: "Vigil did not answer. Try again." };
/** What the document's writes have always said when the connection drops. */
export const documentUnanswered: ErrorBody = {
  code: "unavailable",
  message: "Vigil did not answer. Try again: a retried entry is recorded once.",
};

/** Calls a server action; a dropped connection comes back as an error value too. */
export async function callWrite<T>(
  write: () => Promise<ActionResult<T>>,
  whenUnanswered: ErrorBody = unanswered,
): Promise<ActionResult<T>> {
  try {
    return await write();
  } catch {
    return { ok: false, error: whenUnanswered };
  }
}

/** A refused write as a thrown value, so React Query holds it as the mutation's error. */
export class WriteRefused extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

export function resultData<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new WriteRefused(result.error);
  return result.data;
}

export function errorBodyOf(error: unknown): ErrorBody | null {
  if (error === null || error === undefined) return null;
  return error instanceof WriteRefused ? error.body : unanswered;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (values as readonly string[]).includes(value);

export function isPostmortemView(value: unknown): value is PostmortemView {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.version === "number" &&
    isOneOf(postmortemStatuses, value.status) &&
    isRecord(value.content) &&
    isRecord(value.content.timeline) &&
    isRecord(value.incident)
  );
}

export function isActionItemView(value: unknown): value is ActionItemView {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.title === "string" &&
    typeof value.version === "number" &&
    isOneOf(actionItemStatuses, value.status)
  );
}

/** The document as it is now, when the server refused a change made on a stale version (409 details.current). */
export function conflictView(error: ErrorBody): PostmortemView | null {
  if (error.code !== "conflict") return null;
  const current = error.details?.current;
  return isPostmortemView(current) ? current : null;
}

/** The item as the server has it now, when a change was refused for a stale version. */
export function currentItemOf(error: ErrorBody): ActionItemView | null {
  if (error.code !== "conflict") return null;
  const current = error.details?.current;
  return isActionItemView(current) ? current : null;
}

/** Sends a versioned request after the autosave, with the version the editor holds then. */
export type VersionedOperation = (version: number) => Promise<ActionResult<PostmortemDetail>>;
export type RunVersioned = (
  operation: VersionedOperation,
) => Promise<ActionResult<PostmortemDetail>>;
