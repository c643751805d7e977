import { cookies } from "next/headers";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { hasRole, type Actor, type Role } from "@/lib/auth/roles";
import { actorFromCookies } from "@/lib/auth/session";
import { forbiddenError, unauthenticatedError } from "@/lib/errors";

// One lookup per request: the layout and the page both ask.
const actorFromRequestCookies = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return actorFromCookies(new Map(jar.getAll().map((cookie) => [cookie.name, cookie.value])));
});

/** Pages and layouts: anonymous callers go to sign-in, under-privileged ones get the 403 page. */
export async function requirePageRole(role: Role, returnTo: string): Promise<Actor> {
  const actor = await actorFromRequestCookies();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!hasRole(actor.role, role)) forbidden();
  return actor;
}

export async function currentActor(): Promise<Actor | null> {
  return actorFromRequestCookies();
}

/** Server actions: the same checks, thrown as expected errors that the action wrapper returns as values. */
export async function requireActionRole(role: Role): Promise<Actor> {
  const actor = await actorFromRequestCookies();
  if (!actor) throw unauthenticatedError("Your session has ended. Sign in again.");
  if (!hasRole(actor.role, role)) throw forbiddenError();
  return actor;
}
