import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runCli } from "@/lib/platform/cli/main";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import { captureCliOutput } from "@/test/cli-output";
import { makeUser } from "@/test/fixtures";

const output = captureCliOutput();

describe("maintenance commands", () => {
  it("creates a window for 30m as a responder, lists it, ends it (audited), and says what is wrong with bad input", async () => {
    const responder = await makeUser("responder", "cli-maintenance");
    const viewer = await makeUser("viewer", "cli-maintenance-viewer");
    const name = `cli-mw-${randomUUID().slice(0, 8)}`;
    const service = await createService(
      { id: null, label: "vitest" },
      { name, baseUrl: "http://93.184.216.34", profile: "http", environment: "test" },
    );

    expect(
      await runCli([
        "maintenance:create",
        "--service",
        name,
        "--for",
        "30m",
        "--reason",
        "disk swap",
        "--email",
        responder.email,
      ]),
    ).toBe(0);
    const opened = output
      .join("\n")
      .match(/Opened maintenance window #(\d+) for (\S+): (\S+) until (\S+)\./);
    expect(opened?.[2]).toBe(name);
    expect(Date.parse(opened?.[4] ?? "") - Date.parse(opened?.[3] ?? "")).toBe(30 * 60_000);
    const window = await db.maintenanceWindow.findUniqueOrThrow({
      where: { number: Number(opened?.[1]) },
      include: { services: true },
    });
    expect(window.services.map((link) => link.serviceId)).toEqual([service.id]);
    expect(window.createdById).toBe(responder.id);

    output.length = 0;
    expect(await runCli(["service:list"])).toBe(0);
    expect(output.find((line) => line.startsWith(service.id))).toMatch(
      new RegExp(`\tin maintenance until ${window.endsAt.toISOString()}\t`),
    );

    output.length = 0;
    expect(await runCli(["maintenance:list", "--service", name])).toBe(0);
    expect(output.join("\n")).toMatch(
      new RegExp(
        `#${window.number}\\tactive\\tuntil \\S+\\t${name}\\tdisk swap\\tby ${responder.name}`,
      ),
    );

    output.length = 0;
    expect(
      await runCli(["maintenance:end", "--id", String(window.number), "--email", viewer.email]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/needs the responder role/);
    expect(
      await runCli(["maintenance:end", "--id", String(window.number), "--email", responder.email]),
    ).toBe(0);
    expect(output.join("\n")).toMatch(
      new RegExp(`Ended maintenance window #${window.number} \\(${name}\\)`),
    );
    expect(
      (await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).endedAt,
    ).not.toBeNull();
    expect(await runCli(["maintenance:end", "--id", String(window.number)])).toBe(1);
    expect(output.join("\n")).toMatch(/already ended/);
    const audit = await db.auditLog.findMany({
      where: { targetId: window.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual(["maintenance.create", "maintenance.end"]);

    output.length = 0;
    expect(await runCli(["maintenance:create", "--service", name, "--reason", "x"])).toBe(2);
    expect(
      await runCli(["maintenance:create", "--service", name, "--for", "soon", "--reason", "x"]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(
      /durationMinutes: Use a number of minutes, or a duration such as 30m/,
    );
    expect(
      await runCli([
        "maintenance:create",
        "--service",
        "nothing-by-this-name",
        "--until",
        new Date(Date.now() + 3_600_000).toISOString(),
        "--reason",
        "x",
      ]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/services: No service is called nothing-by-this-name/);
    expect(await runCli(["maintenance:end", "--id", "999999999"])).toBe(1);
    expect(output.join("\n")).toMatch(/was not found/);
  });

  it("deploy:record --maintenance opens a window for the deploy's service", async () => {
    const name = `cli-mwd-${randomUUID().slice(0, 8)}`;
    const service = await createService(
      { id: null, label: "vitest" },
      { name, baseUrl: "http://93.184.216.34", profile: "http", environment: "test" },
    );
    expect(
      await runCli([
        "deploy:record",
        "--service",
        name,
        "--version",
        "v9",
        "--maintenance",
        "--maintenance-minutes",
        "20",
      ]),
    ).toBe(0);
    const deploy = await db.deploy.findFirstOrThrow({ where: { serviceId: service.id } });
    const window = await db.maintenanceWindow.findUniqueOrThrow({ where: { deployId: deploy.id } });
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(20 * 60_000);
    expect(
      await runCli(["deploy:update", "--id", String(deploy.number), "--status", "failed"]),
    ).toBe(0);
    expect(
      (await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).endedAt,
    ).not.toBeNull();
  });
});
