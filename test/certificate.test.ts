import { X509Certificate } from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { describe, expect, it } from "vitest";
import { makeSelfSignedCertificate } from "@/test/certificate";

const day = 24 * 60 * 60 * 1000;

type Answer = { status: number; body: string; validTo: string } | { error: string };

function get(url: string, ca: string | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    const request = https.get(url, { ca, agent: false, timeout: 5_000 }, (response) => {
      const validTo = (response.socket as TLSSocket).getPeerCertificate().valid_to;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, validTo }));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
  });
}

async function withServer<T>(
  key: string,
  cert: string,
  run: (port: number) => Promise<T>,
): Promise<T> {
  const server = https.createServer({ key, cert }, (_request, response) =>
    response.end("hello over tls"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("makeSelfSignedCertificate", () => {
  it("writes the names, the validity and the CA flag that X509Certificate reads back", () => {
    const notBefore = new Date("2026-05-01T08:00:00Z");
    const notAfter = new Date("2026-05-23T14:05:09.750Z");
    const { cert, key } = makeSelfSignedCertificate({
      commonName: "sim.vigil.test",
      altNames: { dns: ["localhost", "sim.vigil.test"], ip: ["127.0.0.1", "::1", "2001:db8::a:1"] },
      notBefore,
      notAfter,
    });
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe("CN=sim.vigil.test");
    expect(x509.issuer).toBe("CN=sim.vigil.test");
    expect(x509.validFrom).toBe("May  1 08:00:00 2026 GMT");
    expect(x509.validTo).toBe("May 23 14:05:09 2026 GMT");
    expect(x509.subjectAltName).toBe(
      "DNS:localhost, DNS:sim.vigil.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:2001:DB8:0:0:0:0:A:1",
    );
    expect(x509.ca).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkIP("::1")).toBe("::1");
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.checkHost("elsewhere.test")).toBeUndefined();
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("uses GeneralizedTime from 2050, as RFC 5280 asks", () => {
    const { cert } = makeSelfSignedCertificate({
      notBefore: new Date("2049-12-31T23:59:59Z"),
      notAfter: new Date("2050-01-01T00:00:01Z"),
    });
    const x509 = new X509Certificate(cert);
    expect(x509.validFrom).toBe("Dec 31 23:59:59 2049 GMT");
    expect(x509.validTo).toBe("Jan  1 00:00:01 2050 GMT");
    expect(x509.subject).toBe("CN=vigil-test");
  });

  it("refuses a validity that ends before it starts", () => {
    const now = new Date();
    expect(() => makeSelfSignedCertificate({ notBefore: now, notAfter: now })).toThrow(
      /after notBefore/,
    );
  });

  it("serves HTTPS that a client trusting only this certificate accepts by name, with notAfter as the peer's valid_to", async () => {
    const notAfter = new Date(Math.floor((Date.now() + 2 * day) / 1000) * 1000 + 345);
    const { key, cert } = makeSelfSignedCertificate({
      altNames: { dns: ["localhost"], ip: ["127.0.0.1", "::1"] },
      notBefore: new Date(Date.now() - day),
      notAfter,
    });
    await withServer(key, cert, async (port) => {
      const trusted = await get(`https://localhost:${port}/`, cert);
      if ("error" in trusted) throw new Error(trusted.error);
      expect(trusted.status).toBe(200);
      expect(trusted.body).toBe("hello over tls");
      expect(new Date(trusted.validTo).getTime()).toBe(
        Math.floor(notAfter.getTime() / 1000) * 1000,
      );

      expect(await get(`https://127.0.0.1:${port}/`, cert)).toMatchObject({ status: 200 });
      expect(await get(`https://localhost:${port}/`, undefined)).toEqual({
        error: "DEPTH_ZERO_SELF_SIGNED_CERT",
      });
    });
  });

  it("is refused for a name it does not carry", async () => {
    const { key, cert } = makeSelfSignedCertificate({
      altNames: { dns: ["elsewhere.test"] },
      notBefore: new Date(Date.now() - day),
      notAfter: new Date(Date.now() + day),
    });
    await withServer(key, cert, async (port) => {
      expect(await get(`https://localhost:${port}/`, cert)).toEqual({
        error: "ERR_TLS_CERT_ALTNAME_INVALID",
      });
    });
  });

  it("is refused once expired", async () => {
    const { key, cert } = makeSelfSignedCertificate({
      altNames: { dns: ["localhost"] },
      notBefore: new Date(Date.now() - 3 * day),
      notAfter: new Date(Date.now() - day),
    });
    await withServer(key, cert, async (port) => {
      expect(await get(`https://localhost:${port}/`, cert)).toEqual({ error: "CERT_HAS_EXPIRED" });
    });
  });
});
