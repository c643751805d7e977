import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HoloMeshClient } from "@/lib/board/client";
import { parseAllowRule } from "@/lib/outbound/policy";
import {
  demoOwnerKey,
  demoTeamId,
  seedDemoTeam,
  startHoloMeshSimulator,
} from "@/dev/simulator/holomesh";

/** A scripted HoloMesh stand-in: each request takes the next answer, and is counted. */
type Answer = { status: number; body: string; contentType?: string };
let script: Answer[] = [];
let received: Array<{ method: string; path: string; body: string }> = [];
let server: http.Server;
let port: number;
const apiKey = "hm_client_test_key_9f8e7d6c5b4a";

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        path: request.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = script.shift() ?? { status: 500, body: '{"error":"script ran out"}' };
      response.writeHead(answer.status, {
        "content-type": answer.contentType ?? "application/json; charset=utf-8",
      });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  script = [];
  received = [];
});

function client(overrides: { baseUrl?: string; rules?: boolean } = {}) {
  return new HoloMeshClient({
    baseUrl: overrides.baseUrl ?? `http://127.0.0.1:${port}`,
    teamId: "team_x",
    apiKey,
    rules: overrides.rules === false ? [] : [parseAllowRule(`127.0.0.1:${port}`)],
    timeoutMs: 2_000,
    retryDelaysMs: [20, 20],
  });
}

const board = JSON.stringify({
  success: true,
  teamId: "team_x",
  tasks: [],
  done_count: 1,
  mode: "build",
  objective: "o",
  modeHistory: [],
});

describe("HoloMesh client", () => {
  it("sends the key as a bearer token to the team's board and validates the answer", async () => {
    script = [{ status: 200, body: board }];
    const answer = await client().getBoard();
    expect(answer).toMatchObject({ ok: true, data: { mode: "build", done_count: 1 } });
    expect(received).toEqual([
      { method: "GET", path: "/api/holomesh/team/team_x/board", body: "" },
    ]);
  });

  it("retries GET on 429 and 5xx, but never a POST or PATCH that reached the server", async () => {
    script = [
      { status: 429, body: '{"error":"slow down"}' },
      { status: 503, body: '{"error":"busy"}' },
      { status: 200, body: board },
    ];
    expect((await client().getBoard()).ok).toBe(true);
    expect(received).toHaveLength(3);

    received = [];
    script = [{ status: 503, body: '{"error":"busy"}' }];
    const posted = await client().postMode("build", "why");
    expect(posted).toMatchObject({ ok: false, kind: "server_error", httpStatus: 503 });
    script = [{ status: 502, body: "<html>bad gateway</html>", contentType: "text/html" }];
    expect(await client().patchObjective("x")).toMatchObject({ ok: false, httpStatus: 502 });
    expect(received.map((request) => request.method)).toEqual(["POST", "PATCH"]);
  });

  it("scrubs the key out of anything HoloMesh says back", async () => {
    script = [
      {
        status: 401,
        body: JSON.stringify({
          error: `Invalid API key ${apiKey}. Register at POST /api/holomesh/register.`,
        }),
      },
    ];
    const answer = await client().postMode("build", "why");
    expect(answer).toMatchObject({ ok: false, kind: "invalid_key" });
    expect(answer.ok ? "" : answer.message).toMatch(
      /^The HoloMesh API key is invalid or was rotated/,
    );
    expect(JSON.stringify(answer)).not.toContain(apiKey);
    expect(JSON.stringify(answer)).toContain("[redacted key]");
  });

  it("maps the contract's errors to plain messages", async () => {
    script = [
      { status: 403, body: '{"error":"Insufficient permissions (config:write required)"}' },
      { status: 404, body: '{"error":"Not Found"}' },
      { status: 401, body: '{"error":"signing-rejected","detail":"unsigned"}' },
      { status: 200, body: '{"success":true,"tasks":"not a list","modeHistory":[],"mode":5}' },
      { status: 200, body: "<!doctype html><p>hi</p>", contentType: "text/html" },
    ];
    expect(await client().patchObjective("x")).toMatchObject({ kind: "needs_config_write" });
    expect(await client().postMode("build", "why")).toMatchObject({
      kind: "no_route",
      message: expect.stringContaining("check the base URL"),
    });
    expect(await client().postMessage("hello")).toMatchObject({
      kind: "signing_rejected",
      message: expect.stringContaining("not permitted"),
    });
    expect(await client().postMode("build", "why")).toMatchObject({
      kind: "bad_answer",
      message: expect.stringContaining("JSON Vigil does not recognise"),
    });
    expect(await client().postMode("build", "why")).toMatchObject({
      kind: "bad_answer",
      message: "HoloMesh answered HTTP 200 with an HTML page, not JSON.",
    });
  });

  it("goes nowhere the outbound policy forbids, and says when nothing is listening", async () => {
    expect(await client({ rules: false }).getBoard()).toMatchObject({ ok: false, kind: "policy" });
    expect(received).toHaveLength(0);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await new HoloMeshClient({
      baseUrl: `http://127.0.0.1:${closedPort}`,
      teamId: "t",
      apiKey,
      rules: [parseAllowRule(`127.0.0.1:${closedPort}`)],
      retryDelaysMs: [10],
    }).postMode("build", "why");
    expect(refused).toMatchObject({
      ok: false,
      kind: "refused",
      message: expect.stringMatching(/^HoloMesh is unreachable/),
    });
  });
});

describe("HoloMesh client by host name", () => {
  it("reads and changes the board at http://localhost:<port>, the simulator listening on 127.0.0.1 and ::1", async () => {
    const holoMesh = await startHoloMeshSimulator();
    try {
      seedDemoTeam(holoMesh);
      const simulatorPort = Number(new URL(holoMesh.url).port);
      const byName = (rules: string[]) =>
        new HoloMeshClient({
          baseUrl: `http://localhost:${simulatorPort}`,
          teamId: demoTeamId,
          apiKey: demoOwnerKey,
          rules: rules.map(parseAllowRule),
          timeoutMs: 2_000,
          retryDelaysMs: [20],
        });
      const loopbackRules = [`127.0.0.1:${simulatorPort}`, `[::1]:${simulatorPort}`];

      const refused = await byName([]).getBoard();
      expect(refused).toMatchObject({ ok: false, kind: "policy" });
      expect(refused.ok ? "" : refused.message).toMatch(/localhost resolves to .*127\.0\.0\.1/);
      expect(holoMesh.requests()).toHaveLength(0);

      const read = await byName(loopbackRules).getBoard();
      expect(read.ok ? read.data.teamId : read.message).toBe(demoTeamId);
      const changed = await byName(loopbackRules).postMode("research", "checking a lead by name");
      expect(changed.ok ? changed.httpStatus : changed.message).toBe(200);
      expect(holoMesh.team(demoTeamId).mode).toBe("research");
    } finally {
      await holoMesh.stop();
    }
  });
});
