import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as stream } from "@/app/api/v1/stream/route";
import { endSession } from "@/lib/auth/session";
import { makeUser } from "@/test/fixtures";
import { serveRouteHandler, sessionCookieFor } from "@/test/route-server";
import { setUserDisabled, setUserRole } from "@/lib/users/data";

const admin = { id: null, label: "vitest" };

let server: Awaited<ReturnType<typeof serveRouteHandler>>;
beforeAll(async () => {
  server = await serveRouteHandler(stream);
});
afterAll(() => server.close());

type OpenStream = { status: number; text: () => string; ended: Promise<number>; abort: () => void };

/** Opens the live stream over real HTTP; `ended` resolves with the time the server closed it. */
function openStream(cookie: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    let received = "";
    const outgoing = httpRequest(
      `${server.url}/api/v1/stream`,
      { headers: { cookie, accept: "text/event-stream" } },
      (response) => {
        const ended = new Promise<number>((settle) => response.on("end", () => settle(Date.now())));
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (received += chunk));
        resolve({
          status: response.statusCode ?? 0,
          text: () => received,
          ended,
          abort: () => outgoing.destroy(),
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const endsWithinMs = 6_000;

describe("the live stream ends within seconds when its session ends", () => {
  const cases: Array<[string, (user: { id: string }, sessionId: string) => Promise<unknown>]> = [
    ["the user is disabled", (user) => setUserDisabled(admin, { userId: user.id, disabled: true })],
    ["the user is demoted", (user) => setUserRole(admin, { userId: user.id, role: "viewer" })],
    ["the user signs out", (_user, sessionId) => endSession(sessionId)],
  ];
  for (const [what, endIt] of cases) {
    it(`when ${what}`, async () => {
      const user = await makeUser("responder");
      const { cookie, sessionId } = await sessionCookieFor(user);
      const open = await openStream(cookie);
      expect(open.status).toBe(200);
      await waitFor(() => open.text().includes("event: health"), 5_000);
      let endedEarly = false;
      void open.ended.then(() => (endedEarly = true));
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect(endedEarly, "the stream stays open while the session is good").toBe(false);

      const endedAt = Date.now();
      await endIt(user, sessionId);
      const closedAt = await Promise.race([
        open.ended,
        new Promise<number>((resolve) =>
          setTimeout(() => resolve(Number.NaN), endsWithinMs + 2_000),
        ),
      ]);
      open.abort();
      expect(closedAt - endedAt).toBeLessThan(endsWithinMs);
      expect(open.text()).toContain("event: session-ended");

      const again = await openStream(cookie);
      expect(again.status).toBe(401);
      again.abort();
    }, 20_000);
  }
});
