import { unstable_rethrow } from "next/navigation";
import { toAppError } from "@/lib/api/http";
import { requireActionRole } from "@/lib/auth/guard";
import type { Actor, Role } from "@/lib/auth/roles";
import { toErrorBody, type ActionResult } from "@/lib/errors";
import { assertStorableText } from "@/lib/validation";

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
