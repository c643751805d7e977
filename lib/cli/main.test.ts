import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "@/lib/cli/main";
import { db } from "@/lib/db";

let output: string[] = [];

beforeEach(() => {
  output = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void output.push(args.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void output.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

describe("the vigil CLI", () => {
  it("creates a user and a token with the same rules as the UI, and says what is wrong with bad input", async () => {
    const email = `cli-${Date.now()}@vitest.test`;
    expect(await runCli(["user:create", "--email", email, "--name", "CLI", "--role", "responder"])).toBe(0);
    expect(output.join("\n")).toMatch(/Password \(shown once\): \S{20,}/);
    expect(await runCli(["token:create", "--email", email, "--name", "ci"])).toBe(0);
    expect(output.some((line) => /^vgl_\w{8}_/.test(line))).toBe(true);
    expect(await runCli(["user:create", "--email", "not-an-email", "--name", "x", "--role", "root"])).toBe(1);
    expect(output.join("\n")).toMatch(/email: .*\n.*role:|role: .*\n.*email:/);
    expect(await runCli(["user:create", "--email"])).toBe(2);
    expect(await runCli(["no-such-command"])).toBe(2);
  });

  it("adds a service, enforcing the 10 s minimum interval (H7) and the outbound policy", async () => {
    const name = `cli-svc-${Date.now()}`;
    expect(await runCli(["service:add", "--name", name, "--url", "http://93.184.216.34", "--profile", "http", "--interval", "5"])).toBe(1);
    expect(output.join("\n")).toMatch(/intervalSeconds: Check at most every 10 seconds/);
    expect(await runCli(["service:add", "--name", name, "--url", "http://169.254.169.254", "--profile", "http"])).toBe(1);
    expect(output.join("\n")).toMatch(/cloud metadata/);
    expect(await runCli(["service:add", "--name", name, "--url", "http://93.184.216.34", "--profile", "http", "--interval", "60", "--tags", "a,b"])).toBe(0);
    const service = await db.service.findFirstOrThrow({ where: { name } });
    expect(service).toMatchObject({ intervalSeconds: 60, tags: ["a", "b"], profile: "http" });
  });
});
