import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { fetchFailure, fetchText, fetchTls } from "@/dev/simulator/http-test-helpers";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    targets: [
      { id: "mcp", kind: "mcp" },
      { id: "absorb", kind: "absorb" },
    ],
  });
});

afterAll(async () => {
  await sim.stop();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
) {
  const response = await fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": contentType },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
  };
}

describe("control API", () => {
  it("binds 127.0.0.1", () => {
    expect(new URL(sim.controlUrl).hostname).toBe("127.0.0.1");
  });

  it("lists targets", async () => {
    const { status, headers, body } = await call("GET", "/targets");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(body).toMatchObject({
      targets: [
        { id: "mcp", kind: "mcp", up: true },
        { id: "absorb", kind: "absorb" },
      ],
    });
  });

  it("adds a target, then refuses the same id", async () => {
    const created = await call("POST", "/targets", { id: "extra", kind: "generic" });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/targets/extra");
    expect(created.body).toMatchObject({
      id: "extra",
      kind: "generic",
      up: true,
      behaviour: { mode: "healthy" },
    });
    expect((await fetchText(`${sim.urlOf("extra")}/health`)).status).toBe(200);
    const duplicate = await call("POST", "/targets", { id: "extra", kind: "generic" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { code: "conflict" } });
  });

  it("answers 422 with field errors for a bad target spec", async () => {
    const { status, body } = await call("POST", "/targets", {
      id: "has space",
      kind: "database",
      port: -1,
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      error: {
        code: "validation_failed",
        message: expect.any(String),
        fields: { id: expect.any(Array), kind: expect.any(Array), port: expect.any(Array) },
      },
    });
  });

  it("changes a behaviour, which takes effect for the next request", async () => {
    const { status, body } = await call("PUT", "/targets/mcp/behaviour", {
      mode: "degraded",
      variant: "team-store-memory",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: "mcp",
      behaviour: { mode: "degraded", variant: "team-store-memory" },
    });
    const health = JSON.parse((await fetchText(`${sim.urlOf("mcp")}/health`)).text) as {
      storage: { teamStore: string };
    };
    expect(health.storage.teamStore).toBe("memory");
  });

  it("fills a behaviour's defaults", async () => {
    const { body } = await call("PUT", "/targets/mcp/behaviour", { mode: "cold-start" });
    expect(body).toMatchObject({
      behaviour: { mode: "cold-start", delayMs: 14_000, idleMs: 300_000 },
    });
    await call("PUT", "/targets/mcp/behaviour", { mode: "healthy" });
  });

  it("takes a target down and up through the API", async () => {
    expect((await call("PUT", "/targets/absorb/behaviour", { mode: "down" })).body).toMatchObject({
      up: false,
    });
    expect(await fetchFailure(`${sim.urlOf("absorb")}/health`)).toBe("ECONNREFUSED");
    expect(
      (await call("PUT", "/targets/absorb/behaviour", { mode: "healthy" })).body,
    ).toMatchObject({ up: true });
  });

  it("answers 422 for bad behaviours, invalid JSON and variants of another kind", async () => {
    for (const input of [
      { mode: "sideways" },
      { mode: "slow" },
      { mode: "slow", delayMs: -5 },
      { mode: "healthy", extra: 1 },
    ]) {
      const { status, body } = await call("PUT", "/targets/mcp/behaviour", input);
      expect(status).toBe(422);
      expect(body).toMatchObject({
        error: { code: "validation_failed", fields: expect.any(Object) },
      });
    }
    const invalid = await call("PUT", "/targets/mcp/behaviour", "{not json");
    expect(invalid.status).toBe(422);
    const otherKind = await call("PUT", "/targets/absorb/behaviour", {
      mode: "degraded",
      variant: "studio-degraded",
    });
    expect(otherKind.status).toBe(422);
    expect(otherKind.body).toMatchObject({
      error: { fields: { variant: [expect.stringContaining("absorb")] } },
    });
  });

  it("answers 415 without a JSON content type", async () => {
    const { status, body } = await call(
      "PUT",
      "/targets/mcp/behaviour",
      "mode=down",
      "application/x-www-form-urlencoded",
    );
    expect(status).toBe(415);
    expect(body).toMatchObject({ error: { code: "unsupported_media_type" } });
  });

  it("answers 413 for a body over 64 KiB", async () => {
    const { status } = await call("POST", "/targets", {
      id: "big",
      kind: "generic",
      padding: "x".repeat(70_000),
    });
    expect(status).toBe(413);
  });

  it("answers 404 for unknown targets and paths", async () => {
    for (const [method, path, body] of [
      ["PUT", "/targets/ghost/behaviour", { mode: "healthy" }],
      ["DELETE", "/targets/ghost", undefined],
      ["GET", "/targets/ghost/requests", undefined],
      ["GET", "/elsewhere", undefined],
      ["GET", "/targets/mcp/unknown", undefined],
    ] as const) {
      const answer = await call(method, path, body);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("answers 405 for a wrong method", async () => {
    const { status, headers } = await call("POST", "/targets/mcp/behaviour", { mode: "healthy" });
    expect(status).toBe(405);
    expect(headers.get("allow")).toBe("PUT");
  });

  it("reports request counts by path", async () => {
    await call("POST", "/targets", { id: "counted", kind: "generic" });
    await fetchText(`${sim.urlOf("counted")}/health`);
    await fetchText(`${sim.urlOf("counted")}/health`);
    await fetchText(`${sim.urlOf("counted")}/missing`);
    const { status, body } = await call("GET", "/targets/counted/requests");
    expect(status).toBe(200);
    expect(body).toEqual({ count: 3, inFlight: 0, byPath: { "/health": 2, "/missing": 1 } });
  });

  it("deletes a target", async () => {
    await call("POST", "/targets", { id: "doomed", kind: "generic" });
    const url = sim.urlOf("doomed");
    const { status, body } = await call("DELETE", "/targets/doomed");
    expect(status).toBe(204);
    expect(body).toBeUndefined();
    expect(await fetchFailure(`${url}/health`)).toBe("ECONNREFUSED");
    expect((await call("GET", "/targets/doomed")).status).toBe(404);
  });

  it("adds an HTTPS target and hands out its certificate to trust", async () => {
    const created = await call("POST", "/targets", {
      id: "secure",
      kind: "mcp",
      tls: { expiresInDays: 2 },
    });
    expect(created.status).toBe(201);
    const info = created.body as { url: string; tls: { notAfter: string } };
    expect(info.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { status, headers, body } = await call("GET", "/targets/secure/certificate");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    const { certificate, notAfter } = body as { certificate: string; notAfter: string };
    expect(certificate).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/,
    );
    expect(notAfter).toBe(info.tls.notAfter);
    const port = new URL(info.url).port;
    const answer = await fetchTls(`https://localhost:${port}/health`, certificate);
    expect("validTo" in answer && answer.validTo.toISOString()).toBe(notAfter);
  });

  it("replaces a certificate with PUT, and answers 404 for a plain target's certificate", async () => {
    await call("POST", "/targets", { id: "renewed", kind: "absorb", tls: { expiresInDays: 1 } });
    const { status, body } = await call("PUT", "/targets/renewed/certificate", {
      notAfter: "2030-01-02T03:04:05Z",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      notAfter: "2030-01-02T03:04:05.000Z",
      certificate: expect.stringContaining("BEGIN CERTIFICATE"),
    });
    expect((await call("GET", "/targets/renewed")).body).toMatchObject({
      tls: { notAfter: "2030-01-02T03:04:05.000Z" },
    });
    expect(
      await call("PUT", "/targets/renewed/certificate", {
        expiresInDays: 1,
        notAfter: "2030-01-02T03:04:05Z",
      }),
    ).toMatchObject({
      status: 422,
      body: { error: { code: "validation_failed", fields: { notAfter: expect.any(Array) } } },
    });
    for (const method of ["GET", "PUT"]) {
      const plain = await call(
        method,
        "/targets/mcp/certificate",
        method === "PUT" ? { expiresInDays: 1 } : undefined,
      );
      expect(plain.status).toBe(404);
      expect(plain.body).toMatchObject({
        error: { code: "not_found", message: expect.stringContaining("plain HTTP") },
      });
    }
    expect((await call("GET", "/targets/ghost/certificate")).status).toBe(404);
    const wrongMethod = await call("DELETE", "/targets/renewed/certificate");
    expect([wrongMethod.status, wrongMethod.headers.get("allow")]).toEqual([405, "GET, PUT"]);
    expect(
      (
        await call("POST", "/targets", {
          id: "bad-tls",
          kind: "mcp",
          tls: { expiresInDays: "soon" },
        })
      ).body,
    ).toMatchObject({
      error: { fields: { "tls.expiresInDays": expect.any(Array) } },
    });
  });

  it("accepts the identity and region behaviours, validated per kind", async () => {
    const asAbsorb = await call("PUT", "/targets/mcp/behaviour", {
      mode: "answers-as",
      kind: "absorb",
    });
    expect(asAbsorb).toMatchObject({
      status: 200,
      body: { behaviour: { mode: "answers-as", kind: "absorb" } },
    });
    expect(JSON.parse((await fetchText(`${sim.urlOf("mcp")}/health`)).text)).toMatchObject({
      service: "absorb-service",
    });
    const regions = await call("PUT", "/targets/mcp/behaviour", {
      mode: "ops-regions",
      regions: [
        { id: "us-west", status: "critical" },
        { id: "eu-west", status: "critical" },
      ],
    });
    expect(regions).toMatchObject({
      status: 200,
      body: { behaviour: { mode: "ops-regions", status: "healthy", openBreakers: [] } },
    });
    expect(
      (
        await call("PUT", "/targets/absorb/behaviour", {
          mode: "ops-regions",
          regions: [{ id: "x", status: "critical" }],
        })
      ).status,
    ).toBe(422);
    expect(
      (await call("PUT", "/targets/absorb/behaviour", { mode: "answers-as", kind: "absorb" }))
        .status,
    ).toBe(422);
    await call("PUT", "/targets/mcp/behaviour", { mode: "healthy" });
  });
});
