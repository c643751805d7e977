import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { buildAuthOptions } from "@/lib/auth/options";
import { parseCookieHeader } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { makeUser, testPassword } from "@/test/fixtures";

// next-auth's own handler (the same AuthHandler core the App Router glue calls) with Vigil's options, on a real
// loopback server: sign-in, the session callbacks and the sign-out event run for real.
let server: Server;
let base = "";

async function readForm(incoming: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

beforeAll(async () => {
  server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", base);
    const pagesStyleRequest = Object.assign(incoming, {
      query: {
        ...Object.fromEntries(url.searchParams),
        nextauth: url.pathname.replace(/^\/api\/auth\//, "").split("/"),
      },
      body: incoming.method === "POST" ? await readForm(incoming) : undefined,
      cookies: Object.fromEntries(parseCookieHeader(incoming.headers.cookie ?? null)),
    });
    type PagesStyleResponse = ServerResponse & {
      status(code: number): PagesStyleResponse;
      send(body: unknown): void;
      json(body: unknown): void;
    };
    const pagesStyleResponse: PagesStyleResponse = Object.assign(outgoing, {
      status(code: number) {
        outgoing.statusCode = code;
        return pagesStyleResponse;
      },
      send(body: unknown) {
        if (typeof body === "string" || body === undefined) {
          outgoing.end(body);
          return;
        }
        outgoing.setHeader("content-type", "application/json");
        outgoing.end(JSON.stringify(body));
      },
      json(body: unknown) {
        outgoing.setHeader("content-type", "application/json");
        outgoing.end(JSON.stringify(body));
      },
    });
    await NextAuth(pagesStyleRequest as never, pagesStyleResponse as never, buildAuthOptions());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A browser's cookie jar, enough for next-auth's CSRF and session cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const separator = pair!.indexOf("=");
      const name = pair!.slice(0, separator);
      const value = pair!.slice(separator + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  sessionCookie(): string | undefined {
    const token = this.cookies.get("next-auth.session-token");
    return token ? `next-auth.session-token=${token}` : undefined;
  }
}

async function authCall(
  jar: CookieJar,
  path: string,
  form?: Record<string, string>,
): Promise<Response> {
  const response = await fetch(`${base}/api/auth/${path}`, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      ...(form ? { "content-type": "application/x-www-form-urlencoded", origin: base } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
  jar.take(response);
  return response;
}

async function csrfToken(jar: CookieJar): Promise<string> {
  return ((await (await authCall(jar, "csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function meWith(cookie: string): Promise<number> {
  const response = await getMe(
    new Request("http://vigil.test/api/v1/me", { headers: { cookie } }),
    { params: Promise.resolve({}) } as never,
  );
  return response.status;
}

describe("signing out", () => {
  it("ends the session on the server: a copy of the cookie kept from before answers 401", async () => {
    const user = await makeUser("responder", "signout");
    const jar = new CookieJar();
    const signedIn = await authCall(jar, "callback/credentials", {
      csrfToken: await csrfToken(jar),
      email: user.email,
      password: testPassword,
      json: "true",
    });
    expect(signedIn.status).toBe(200);
    const copied = jar.sessionCookie();
    expect(copied, "next-auth set a session cookie").toBeDefined();
    expect(await meWith(copied!)).toBe(200);
    expect(await db.userSession.count({ where: { userId: user.id, endedAt: null } })).toBe(1);

    const signedOut = await authCall(jar, "signout", {
      csrfToken: await csrfToken(jar),
      callbackUrl: "/signin",
      json: "true",
    });
    expect(signedOut.status).toBe(200);
    expect(jar.sessionCookie(), "the browser's cookie is cleared").toBeUndefined();
    expect(await meWith(copied!)).toBe(401);
    expect(await db.userSession.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
  });

  it("of one browser leaves the user's other signed-in browser alone", async () => {
    const user = await makeUser("viewer", "two-browsers");
    const [laptop, phone] = [new CookieJar(), new CookieJar()];
    for (const jar of [laptop, phone]) {
      await authCall(jar, "callback/credentials", {
        csrfToken: await csrfToken(jar),
        email: user.email,
        password: testPassword,
        json: "true",
      });
    }
    const phoneCookie = phone.sessionCookie()!;
    await authCall(laptop, "signout", {
      csrfToken: await csrfToken(laptop),
      callbackUrl: "/signin",
      json: "true",
    });
    expect(await meWith(phoneCookie)).toBe(200);
  });
});
