import type { ActionResult, ErrorBody } from "@/lib/errors";

/** What a server action that never answered (a dropped connection, a restart) comes back as. */
export const unansweredAction: ErrorBody = {
  code: "unavailable",
  message: "Vigil did not answer. Try again.",
};

/** A refused server action as a thrown value, so React Query holds it as the mutation's error. */
export class ActionRefused extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

/** A server action called from a useMutation: its data, or an ActionRefused (a dropped connection included). */
export async function runAction<T>(
  call: () => Promise<ActionResult<T>>,
  unanswered: ErrorBody = unansweredAction,
): Promise<T> {
  let result: ActionResult<T>;
  try {
    result = await call();
  } catch {
    throw new ActionRefused(unanswered);
  }
  if (!result.ok) throw new ActionRefused(result.error);
  return result.data;
}

/** A mutation's error as the action's error body; anything else thrown counts as no answer. */
export function refusalOf(error: unknown): ErrorBody | null {
  if (error === null || error === undefined) return null;
  return error instanceof ActionRefused ? error.body : unansweredAction;
}

/** A mutation's outcome in the shape the form helpers read (fieldErrors, formError). */
export function mutationResult<T>(mutation: {
  data: T | undefined;
  error: unknown;
  isSuccess: boolean;
}): ActionResult<T> | null {
  const refusal = refusalOf(mutation.error);
  if (refusal) return { ok: false, error: refusal };
  return mutation.isSuccess ? { ok: true, data: mutation.data as T } : null;
}
