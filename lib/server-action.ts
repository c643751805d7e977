import { unstable_rethrow } from "next/navigation";
import { toAppError } from "@/lib/api/http";
import { requireActionRole } from "@/lib/auth/guard";
import type { Actor, Role } from "@/lib/auth/roles";
import { toErrorBody, type ActionResult } from "@/lib/errors";
import { assertStorableText } from "@/lib/validation";

export type FormAction<T> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;

/**
 * Every server action is built with this: the role check runs first on every call, and expected
 * failures come back as values for useActionState instead of throwing into an error boundary.
 */
export function guardedAction<T>(
  role: Role,
  run: (input: Record<string, unknown>, actor: Actor) => Promise<T>,
): FormAction<T> {
  return async (_previous, formData) => {
    try {
      const actor = await requireActionRole(role);
      const input = Object.fromEntries(
        [...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")),
      );
      assertStorableText(input);
      return { ok: true, data: await run(input, actor) };
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, error: toErrorBody(toAppError(error)) };
    }
  };
}

/**
 * A server action called with plain arguments (ids, then the input object) instead of FormData: the role check runs
 * first, then `run` parses the input with its schema; expected failures come back as values.
 */
export function guardedCall<Args extends unknown[], T>(
  role: Role,
  run: (actor: Actor, ...args: Args) => Promise<T>,
): (...args: Args) => Promise<ActionResult<T>> {
  return async (...args) => {
    try {
      const actor = await requireActionRole(role);
      for (const arg of args) assertStorableText(arg);
      return { ok: true, data: await run(actor, ...args) };
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, error: toErrorBody(toAppError(error)) };
    }
  };
}
