import { hasRole, type Actor, type Role } from "@/lib/auth/roles";
import { actorFromCookies, parseCookieHeader } from "@/lib/auth/session";
import { forbiddenError, unauthenticatedError } from "@/lib/errors";
import { authenticateApiToken } from "@/lib/tokens/data";

/** Route handlers: a bearer API token, or else the session cookie. */
export async function requireRequestRole(request: Request, role: Role): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  let actor: Actor | null;
  if (authorization) {
    const [scheme, secret] = authorization.split(" ");
    actor =
      scheme?.toLowerCase() === "bearer" && secret
        ? await authenticateApiToken(secret.trim())
        : null;
    if (!actor)
      throw unauthenticatedError("The API token is not valid, has expired or was revoked.");
  } else {
    actor = await actorFromCookies(parseCookieHeader(request.headers.get("cookie")));
    if (!actor) throw unauthenticatedError();
  }
  if (!hasRole(actor.role, role))
    throw forbiddenError(`This needs the ${role} role; you have ${actor.role}.`);
  return actor;
}
