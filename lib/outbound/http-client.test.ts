import { lookup } from "node:dns/promises";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  policyLookup,
  probe,
  setExtraTrustedCertificatesForTests,
  type HostResolver,
} from "@/lib/outbound/http-client";
import { parseAllowRule } from "@/lib/outbound/policy";
import { startSimulator } from "@/dev/simulator/fleet";
import { listenOnHost, type LoopbackListener } from "@/dev/simulator/loopback";
import { makeSelfSignedCertificate } from "@/test/certificate";

// Every test here reaches its servers by a host name: the bug this guards against (issue 12) only showed with names.

type Recorder = { port: number; seen: string[]; close(): Promise<void> };

/** An HTTP server on the given host ("localhost" = both 127.0.0.1 and ::1) that records the local address of each connection. */
async function startServer(
  host: string,
  handler: http.RequestListener = (_request, response) => response.end("ok"),
): Promise<Recorder> {
  const server = http.createServer(handler);
  const seen: string[] = [];
  server.on("connection", (socket: net.Socket) => seen.push(socket.localAddress ?? "?"));
  const listener: LoopbackListener = await listenOnHost(server, 0, host);
  return {
    port: listener.port,
    seen,
    close: () => {
      server.closeAllConnections();
      return listener.close();
    },
  };
}

/** A hosts table of the test's own: the name "dual.vigil.test" resolves to both loopback addresses, in the given order. */
function hostsTable(addresses: string[]): HostResolver {
  return async (hostname) => {
    if (hostname !== "dual.vigil.test")
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: net.isIP(address) }));
  };
}

let both: Recorder;
let localhostAddresses: string[];

beforeAll(async () => {
  both = await startServer("localhost");
  localhostAddresses = (await lookup("localhost", { all: true })).map((entry) => entry.address);
});
afterAll(() => both.close());

const loopbackRules = (port: number) => [
  parseAllowRule(`127.0.0.1:${port}`),
  parseAllowRule(`[::1]:${port}`),
];

describe("probe by host name", () => {
  it("checks http://localhost:<port> against a server on both families", async () => {
    const result = await probe({
      url: `http://localhost:${both.port}/health`,
      timeoutMs: 3_000,
      rules: loopbackRules(both.port),
    });
    expect(result.ok ? `${result.status} ${result.body.toString()}` : result.message).toBe(
      "200 ok",
    );
    expect(result.timings.dnsMs).toBeTypeOf("number");
  });

  it("connects only to the allowed address when a name resolves to an allowed and a refused one", async () => {
    const before = both.seen.length;
    for (const [allowed, order] of [
      ["127.0.0.1", ["::1", "127.0.0.1"]],
      ["::1", ["127.0.0.1", "::1"]],
    ] as const) {
      for (let round = 0; round < 3; round++) {
        const rule = parseAllowRule(
          allowed.includes(":") ? `[${allowed}]:${both.port}` : `${allowed}:${both.port}`,
        );
        const result = await probe({
          url: `http://dual.vigil.test:${both.port}/`,
          timeoutMs: 3_000,
          rules: [rule],
          resolveHost: hostsTable([...order]),
        });
        expect(result.ok ? result.status : result.message).toBe(200);
      }
    }
    expect(both.seen.slice(before)).toEqual([
      "127.0.0.1",
      "127.0.0.1",
      "127.0.0.1",
      "::1",
      "::1",
      "::1",
    ]);
  });

  it("never connects to the refused address, even when only it is listening", async () => {
    for (const [listening, allowed] of [
      ["::1", "127.0.0.1"],
      ["127.0.0.1", "::1"],
    ] as const) {
      const only = await startServer(listening);
      try {
        const rule = parseAllowRule(
          allowed.includes(":") ? `[${allowed}]:${only.port}` : `${allowed}:${only.port}`,
        );
        const result = await probe({
          url: `http://dual.vigil.test:${only.port}/`,
          timeoutMs: 3_000,
          rules: [rule],
          resolveHost: hostsTable([listening, allowed]),
        });
        expect(
          result.ok ? result.status : result.kind,
          `listening on ${listening}, allowed ${allowed}`,
        ).toBe("refused");
        expect(only.seen).toEqual([]);
      } finally {
        await only.close();
      }
    }
  });

  it("fails as policy, naming every address and the fix, when no rule allows any address of the name", async () => {
    const before = both.seen.length;
    const dual = await probe({
      url: `http://dual.vigil.test:${both.port}/`,
      timeoutMs: 3_000,
      rules: [],
      resolveHost: hostsTable(["127.0.0.1", "::1"]),
    });
    expect(dual.ok ? dual.status : dual.kind).toBe("policy");
    expect(dual.ok ? "" : dual.message).toContain("dual.vigil.test resolves to 127.0.0.1, ::1");
    expect(dual.ok ? "" : dual.message).toContain("Settings → Outbound allow-list");

    const real = await probe({
      url: `http://localhost:${both.port}/`,
      timeoutMs: 3_000,
      rules: [parseAllowRule(`127.0.0.1:${both.port + 1}`)],
    });
    expect(real.ok ? real.status : real.kind).toBe("policy");
    for (const address of localhostAddresses)
      expect(real.ok ? "" : real.message).toContain(address);
    expect(both.seen.length).toBe(before);
  });

  it("follows redirects from an IP to a name and from a name to a name, each judged again", async () => {
    const origin = await startServer("localhost", (request, response) => {
      const next: Record<string, string> = {
        "/from-ip": `http://localhost:${both.port}/landed-by-name`,
        "/from-name": `http://localhost:${origin.port}/hop`,
        "/hop": `http://localhost:${both.port}/landed-again`,
        "/to-unallowed": `http://localhost:${both.port + 1}/nowhere`,
      };
      const location = next[request.url ?? ""];
      response.writeHead(location ? 302 : 404, location ? { location } : {}).end();
    });
    try {
      const rules = [...loopbackRules(origin.port), ...loopbackRules(both.port)];
      const fromIp = await probe({
        url: `http://127.0.0.1:${origin.port}/from-ip`,
        timeoutMs: 3_000,
        rules,
      });
      expect(
        fromIp.ok ? [fromIp.status, fromIp.redirects, fromIp.finalUrl] : fromIp.message,
      ).toEqual([200, 1, `http://localhost:${both.port}/landed-by-name`]);
      const fromName = await probe({
        url: `http://localhost:${origin.port}/from-name`,
        timeoutMs: 3_000,
        rules,
      });
      expect(
        fromName.ok ? [fromName.status, fromName.redirects, fromName.finalUrl] : fromName.message,
      ).toEqual([200, 2, `http://localhost:${both.port}/landed-again`]);
      const refused = await probe({
        url: `http://localhost:${origin.port}/to-unallowed`,
        timeoutMs: 3_000,
        rules,
      });
      expect(refused.ok ? refused.status : [refused.kind, refused.finalUrl]).toEqual([
        "policy",
        `http://localhost:${both.port + 1}/nowhere`,
      ]);
    } finally {
      await origin.close();
    }
  });

  it("answers Node's connection code whether it asks for one address or for all of them", async () => {
    const lookupFn = policyLookup(both.port, loopbackRules(both.port));
    for (const autoSelectFamily of [true, false]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({
          host: "localhost",
          port: both.port,
          lookup: lookupFn,
          autoSelectFamily,
        });
        socket.once("connect", () => {
          socket.destroy();
          resolve("connected");
        });
        socket.once("error", (error) => resolve(error.message));
      });
      expect(outcome, `autoSelectFamily ${autoSelectFamily}`).toBe("connected");
    }
    const one = await new Promise<unknown[]>((resolve) =>
      lookupFn("localhost", { all: false }, (...args) => resolve(args)),
    );
    expect(one[0]).toBeNull();
    expect(localhostAddresses).toContain(one[1]);
    const all = await new Promise<unknown[]>((resolve) =>
      lookupFn("localhost", { all: true }, (...args) => resolve(args)),
    );
    expect(all[0]).toBeNull();
    expect((all[1] as Array<{ address: string }>).map((entry) => entry.address).sort()).toEqual(
      [...localhostAddresses].sort(),
    );
  });
});

describe("https probes and the test-only trust hook", () => {
  it("trusts a simulator target's self-signed certificate only while the hook holds it, and reads its expiry", async () => {
    const sim = await startSimulator({
      targets: [{ id: "tls-mcp", kind: "mcp", tls: { expiresInDays: 2 } }],
    });
    try {
      const target = sim.getTarget("tls-mcp");
      const { certificate, notAfter } = sim.certificateOf("tls-mcp");
      const rules = loopbackRules(target.port);
      const url = `https://localhost:${target.port}/health`;

      const untrusted = await probe({ url, timeoutMs: 3_000, rules });
      expect(untrusted.ok ? untrusted.status : untrusted.kind).toBe("tls");

      setExtraTrustedCertificatesForTests([certificate]);
      const trusted = await probe({ url, timeoutMs: 3_000, rules });
      if (!trusted.ok) throw new Error(trusted.message);
      expect(trusted.status).toBe(200);
      expect(JSON.parse(trusted.body.toString())).toMatchObject({ service: "holoscript-mcp" });
      expect(trusted.certificateValidTo?.toISOString()).toBe(notAfter);
      expect(trusted.timings.tlsMs).toBeTypeOf("number");
      expect(Date.parse(notAfter) - Date.now()).toBeGreaterThan(2 * 24 * 3600_000 - 60_000);
      expect(Date.parse(notAfter) - Date.now()).toBeLessThanOrEqual(2 * 24 * 3600_000);

      // Still verified: a name the certificate does not carry, and a plain http probe beside it, are unaffected.
      const wrongName = await probe({
        url: `https://dual.vigil.test:${target.port}/health`,
        timeoutMs: 3_000,
        rules,
        resolveHost: hostsTable(["127.0.0.1"]),
      });
      expect(wrongName.ok ? wrongName.status : [wrongName.kind, wrongName.message]).toEqual([
        "tls",
        expect.stringMatching(/altnames|does not match/i),
      ]);
      const plain = await probe({
        url: `http://localhost:${both.port}/`,
        timeoutMs: 3_000,
        rules: loopbackRules(both.port),
      });
      expect(plain.ok ? plain.status : plain.message).toBe(200);

      setExtraTrustedCertificatesForTests(null);
      const again = await probe({ url, timeoutMs: 3_000, rules });
      expect(again.ok ? again.status : again.kind).toBe("tls");
    } finally {
      setExtraTrustedCertificatesForTests(null);
      await sim.stop();
    }
  });

  it("keeps rejecting a certificate that is trusted but expired, or that is not the trusted one", async () => {
    const sim = await startSimulator({
      targets: [
        { id: "expired", kind: "absorb", tls: { expiresInDays: -1 } },
        { id: "current", kind: "absorb", tls: {} },
      ],
    });
    const stranger = makeSelfSignedCertificate({
      altNames: { dns: ["localhost"] },
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    try {
      setExtraTrustedCertificatesForTests([
        sim.certificateOf("expired").certificate,
        stranger.cert,
      ]);
      for (const id of ["expired", "current"]) {
        const { port } = sim.getTarget(id);
        const result = await probe({
          url: `https://localhost:${port}/health`,
          timeoutMs: 3_000,
          rules: loopbackRules(port),
        });
        expect(result.ok ? result.status : result.kind, id).toBe("tls");
        expect(result.ok ? "" : result.message, id).toMatch(
          id === "expired" ? /expired/i : /self[- ]signed/i,
        );
      }
    } finally {
      setExtraTrustedCertificatesForTests(null);
      await sim.stop();
    }
  });
});
