import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  clientAddress,
  forwardedForFromSocket,
  normalizeAddress,
  withSocketForwardedFor,
} from "@/lib/auth/client-address";
import { signInWithPassword } from "@/lib/auth/credentials";
import { loginLimits } from "@/lib/auth/throttle";
import { makeUser, uniqueEmail } from "@/test/fixtures";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function serve(listener: RequestListener, host: "127.0.0.1" | "::1"): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return host === "::1" ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;
}

function get(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const echoAddress: RequestListener = (request, response) =>
  response.end(String(clientAddress(request.headers)));
const forged = () => `203.0.113.${randomBytes(1)[0]}`;

describe("the client address the login throttle counts", () => {
  it("is the right-most X-Forwarded-For entry, normalised, and nothing that is not an address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.4" }))).toBe(
      "198.51.100.4",
    );
    expect(clientAddress({ "x-forwarded-for": "::ffff:127.0.0.1" })).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": ["203.0.113.9", "2001:DB8::1"] })).toBe(
      "2001:db8::1",
    );
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9, not-an-address" })).toBeNull();
    expect(clientAddress({ "x-real-ip": "203.0.113.9" })).toBeNull();
    expect(normalizeAddress("[::1]")).toBe("::1");
    expect(forwardedForFromSocket("203.0.113.9", "::ffff:10.0.0.2", false)).toBe("10.0.0.2");
    expect(forwardedForFromSocket("203.0.113.9, 10.0.0.1", "10.0.0.2", true)).toBe(
      "203.0.113.9, 10.0.0.1",
    );
    expect(forwardedForFromSocket(undefined, "10.0.0.2", true)).toBe("10.0.0.2");
  });

  for (const host of ["127.0.0.1", "::1"] as const) {
    it(`is the socket's address over ${host}, whatever X-Forwarded-For the client sends, unless a proxy is trusted`, async () => {
      const direct = await serve(withSocketForwardedFor(echoAddress, false), host);
      expect(await get(direct)).toBe(host);
      expect(await get(direct, { "x-forwarded-for": forged() })).toBe(host);
      expect(await get(direct, { "x-forwarded-for": `${forged()}, ${forged()}` })).toBe(host);

      const behindProxy = await serve(withSocketForwardedFor(echoAddress, true), host);
      expect(await get(behindProxy, { "x-forwarded-for": "203.0.113.50, 198.51.100.7" })).toBe(
        "198.51.100.7",
      );
      expect(await get(behindProxy)).toBe(host);
    });
  }
});

describe("sign-in attempts with a forged X-Forwarded-For over real HTTP", () => {
  const signInListener = (emailFor: (attempt: number) => string): RequestListener =>
    withSocketForwardedFor(async (request, response) => {
      const attempt = Number(new URL(request.url ?? "/", "http://x").searchParams.get("attempt"));
      const result = await signInWithPassword(
        { email: emailFor(attempt), password: "a guess that is wrong" },
        clientAddress(request.headers),
      );
      response.end(result.ok ? "ok" : result.reason);
    }, false);

  it("are throttled on one account from one IPv4 socket though every attempt names another address", async () => {
    const victim = await makeUser("responder", "forged-xff");
    const url = await serve(
      signInListener(() => victim.email),
      "127.0.0.1",
    );
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 30; attempt++)
      answers.push(await get(`${url}/?attempt=${attempt}`, { "x-forwarded-for": forged() }));
    expect(answers.filter((answer) => answer === "throttled")).toHaveLength(
      30 - loginLimits.accountFromAddress.attempts,
    );
  }, 90_000);

  it("are throttled across many accounts from one IPv6 socket though every attempt names another address", async () => {
    const emails = Array.from({ length: 30 }, () => uniqueEmail("forged-spray"));
    const url = await serve(
      signInListener((attempt) => emails[attempt - 1]!),
      "::1",
    );
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 30; attempt++)
      answers.push(await get(`${url}/?attempt=${attempt}`, { "x-forwarded-for": forged() }));
    expect(answers.filter((answer) => answer === "throttled")).toHaveLength(
      30 - loginLimits.address.attempts,
    );
  }, 90_000);
});
