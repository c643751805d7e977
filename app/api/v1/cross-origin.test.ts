import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as authRoute } from "@/app/api/auth/[...nextauth]/route";
import { POST as ackRoute } from "@/app/api/v1/handoffs/[id]/ack/route";
import { POST as createHandoffRoute } from "@/app/api/v1/handoffs/route";
import { POST as checkNowRoute } from "@/app/api/v1/services/[id]/check/route";
import { apiOperations } from "@/lib/api/operations/all";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { makeUser } from "@/test/fixtures";
import { sessionCookieFor } from "@/test/route-server";
import { createApiToken } from "@/lib/tokens/data";
import { paramsOf } from "@/test/api";

const vigil = "http://vigil.test";
const foreign = "https://evil.example";
const missingId = "00000000-0000-4000-8000-000000000000";

type Credentials = {
  cookie?: string;
  authorization?: string;
  origin?: string;
  fetchSite?: string;
  body?: unknown;
};
function request(method: string, route: string, credentials: Credentials): Request {
  const headers = new Headers({ host: "vigil.test" });
  if (credentials.cookie) headers.set("cookie", credentials.cookie);
  if (credentials.authorization) headers.set("authorization", credentials.authorization);
  if (credentials.origin) headers.set("origin", credentials.origin);
  if (credentials.fetchSite) headers.set("sec-fetch-site", credentials.fetchSite);
  const body = credentials.body === undefined ? undefined : JSON.stringify(credentials.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${vigil}${route}`, { method, headers, body });
}

async function expectCrossSiteRefusal(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe("forbidden");
  expect(error.message).toContain("another site");
}

let outgoing: Actor;
let incoming: Actor & { sessionVersion: number };
let incomingCookie: string;
let incomingToken: string;

beforeAll(async () => {
  outgoing = await makeUser("responder", "xorigin-outgoing");
  incoming = await makeUser("responder", "xorigin-incoming");
  incomingCookie = (await sessionCookieFor(incoming)).cookie;
  incomingToken = `Bearer ${(await createApiToken({ id: null, label: "vitest" }, { ownerEmail: incoming.email, name: "xorigin" })).secret}`;
});

async function createHandoff(): Promise<string> {
  const start = Date.now() + 30 * 86_400_000 + Math.floor(Math.random() * 86_400_000);
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: outgoing.email, name: "xorigin outgoing" },
  );
  const response = await createHandoffRoute(
    request("POST", "/api/v1/handoffs", {
      authorization: `Bearer ${secret}`,
      body: {
        windowStart: new Date(start).toISOString(),
        windowEnd: new Date(start + 86_400_000).toISOString(),
        outgoingId: outgoing.id,
        incomingId: incoming.id,
        knownRisks: [],
        escalation: [{ name: "Ada Lovelace", contact: "+44 20 7946 0000" }],
        postToFeed: false,
      },
    }),
    { params: Promise.resolve({}) } as never,
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { handoff: { id: string } }).handoff.id;
}

const acknowledgedAt = async (id: string) =>
  (await db.handoff.findUniqueOrThrow({ where: { id } })).acknowledgedAt;

describe("cookie-authenticated writes from another site", () => {
  it("a bodyless acknowledge from a foreign Origin or a cross-site fetch is refused and acknowledges nothing", async () => {
    const handoffId = await createHandoff();
    const attempts = [
      { origin: foreign },
      { origin: "null" },
      { origin: "http://vigil.test.evil.example" },
      { fetchSite: "cross-site" },
      { fetchSite: "same-site", origin: "https://other.vigil.test" },
    ];
    for (const attempt of attempts) {
      await expectCrossSiteRefusal(
        await ackRoute(
          request("POST", `/api/v1/handoffs/${handoffId}/ack`, {
            cookie: incomingCookie,
            ...attempt,
          }),
          paramsOf(handoffId),
        ),
      );
    }
    expect(await acknowledgedAt(handoffId)).toBeNull();

    const fromVigil = await ackRoute(
      request("POST", `/api/v1/handoffs/${handoffId}/ack`, {
        cookie: incomingCookie,
        origin: vigil,
        fetchSite: "same-origin",
      }),
      paramsOf(handoffId),
    );
    expect(fromVigil.status).toBe(200);
    expect(await acknowledgedAt(handoffId)).not.toBeNull();
  });

  it("a script holding the cookie (no Origin, no Sec-Fetch-Site) and a bearer token from anywhere still act", async () => {
    const scripted = await createHandoff();
    const byScript = await ackRoute(
      request("POST", `/api/v1/handoffs/${scripted}/ack`, { cookie: incomingCookie }),
      paramsOf(scripted),
    );
    expect(byScript.status).toBe(200);
    const tokened = await createHandoff();
    const byToken = await ackRoute(
      request("POST", `/api/v1/handoffs/${tokened}/ack`, {
        authorization: incomingToken,
        origin: foreign,
        fetchSite: "cross-site",
      }),
      paramsOf(tokened),
    );
    expect(byToken.status).toBe(200);
    expect(await acknowledgedAt(tokened)).not.toBeNull();
  });

  it("check now from a foreign Origin is refused before it looks at the service", async () => {
    await expectCrossSiteRefusal(
      await checkNowRoute(
        request("POST", `/api/v1/services/${missingId}/check`, {
          cookie: incomingCookie,
          origin: foreign,
        }),
        paramsOf(missingId),
      ),
    );
    const fromVigil = await checkNowRoute(
      request("POST", `/api/v1/services/${missingId}/check`, {
        cookie: incomingCookie,
        origin: vigil,
      }),
      paramsOf(missingId),
    );
    expect(fromVigil.status).toBe(404);
  });

  it("sign-in and sign-out posts from a foreign Origin are refused before next-auth sees them", async () => {
    for (const action of ["signout", "callback/credentials"]) {
      const response = await authRoute(
        request("POST", `/api/auth/${action}`, { cookie: incomingCookie, origin: foreign }),
        {
          params: Promise.resolve({ nextauth: action.split("/") }),
        },
      );
      await expectCrossSiteRefusal(response);
    }
  });

  it("every write route in the API refuses a foreign Origin with the session cookie, even an admin's", async () => {
    const admin = await makeUser("admin", "xorigin-admin");
    const { cookie } = await sessionCookieFor(admin);
    const writes = apiOperations.filter((operation) => operation.method !== "GET");
    expect(writes.length).toBeGreaterThan(20);
    for (const operation of writes) {
      const folder = operation.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]");
      const routeModule = (await import(
        path.join(process.cwd(), "app", folder, "route.ts")
      )) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
      const handler = routeModule[operation.method];
      expect(handler, `${operation.method} ${operation.path}`).toBeTypeOf("function");
      const samplePath = operation.path.replace(/\{\w+\}/g, missingId);
      const params = {
        params: Promise.resolve(
          Object.fromEntries(
            [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => [match[1], missingId]),
          ),
        ),
      };
      const response = await handler!(
        request(operation.method, samplePath, { cookie, origin: foreign, body: {} }),
        params,
      );
      expect(response.status, `${operation.method} ${operation.path}`).toBe(403);
      await expectCrossSiteRefusal(response);
    }
  });
});
