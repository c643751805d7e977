import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { startHoloMeshSimulator, type HoloMeshSimulator } from "@/dev/simulator/holomesh";
import { fetchFailure, fetchText } from "@/dev/simulator/http-test-helpers";
import { listenOnHost } from "@/dev/simulator/loopback";

let fleet: Simulator;
let holoMesh: HoloMeshSimulator;

beforeAll(async () => {
  fleet = await startSimulator({ targets: [{ id: "mcp", kind: "mcp" }] });
  holoMesh = await startHoloMeshSimulator();
});

afterAll(async () => {
  await fleet?.stop();
  await holoMesh?.stop();
});

const portOf = (url: string) => new URL(url).port;

/** A fresh TCP connection (fetch would reuse a kept-alive one): "connected" or the error code. */
function connectOutcome(host: string, port: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
const onEachLoopback = (port: string, path: string) => [
  `http://127.0.0.1:${port}${path}`,
  `http://[::1]:${port}${path}`,
  `http://localhost:${port}${path}`,
];

describe("simulators on both loopback families", () => {
  it("answers a target on 127.0.0.1, ::1 and localhost, and refuses on both while it is down", async () => {
    const port = portOf(fleet.urlOf("mcp"));
    for (const url of onEachLoopback(port, "/health"))
      expect((await fetchText(url)).status, url).toBe(200);
    await fleet.setBehaviour("mcp", { mode: "down" });
    for (const host of ["127.0.0.1", "::1", "localhost"])
      expect(await connectOutcome(host, port), host).toBe("ECONNREFUSED");
    await fleet.setBehaviour("mcp", { mode: "healthy" });
    for (const url of onEachLoopback(port, "/health"))
      expect((await fetchText(url)).status, url).toBe(200);
    expect(fleet.requestCount("mcp", "/health")).toBe(6);
  });

  it("serves the control API and the HoloMesh simulator on both families", async () => {
    for (const url of onEachLoopback(portOf(fleet.controlUrl), "/targets"))
      expect((await fetchText(url)).status, url).toBe(200);
    const holoMeshPort = portOf(holoMesh.url);
    for (const url of onEachLoopback(holoMeshPort, "/api/holomesh/team/none/board"))
      expect(await fetchFailure(url), url).toBe("answered");
    expect(holoMesh.requests().length).toBeGreaterThanOrEqual(3);
  });

  it("closes both listeners", async () => {
    const server = http.createServer((_request, response) => response.end("ok"));
    const listener = await listenOnHost(server, 0, "localhost");
    expect((await fetchText(`http://[::1]:${listener.port}/`)).text).toBe("ok");
    await listener.close();
    for (const host of ["127.0.0.1", "::1"])
      expect(await connectOutcome(host, String(listener.port)), host).toBe("ECONNREFUSED");
  });
});
