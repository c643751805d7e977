import type { Role } from "@/lib/auth/roles";
import { makeUser } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";

/** A new user of `role` with an API token: the `Authorization` header route-handler tests send. */
export async function tokenFor(role: Role, label?: string) {
  const owner = await makeUser(role, label ? `${label}-${role}` : role);
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: owner.email, name: `${role} token` },
  );
  return { owner, authorization: `Bearer ${secret}` };
}

export type ApiRequestInit = {
  authorization?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  idempotencyKey?: string;
};

/** A Request as a client sends it to a route handler: JSON body (or `rawBody` as is), token, idempotency key. */
export function apiRequest(method: string, path: string, init: ApiRequestInit = {}): Request {
  const headers = new Headers();
  if (init.authorization) headers.set("authorization", init.authorization);
  if (init.idempotencyKey) headers.set("idempotency-key", init.idempotencyKey);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers.set("content-type", init.contentType ?? "application/json");
  return new Request(`http://vigil.test${path}`, { method, headers, body });
}

/** The context a route handler without path parameters is called with. */
export const noParams = { params: Promise.resolve({}) } as never;

/** The context a route handler under `[id]` is called with. */
export const paramsOf = (id: string) => ({ params: Promise.resolve({ id }) });
