import { describe, expect, it } from "vitest";
import { runCli } from "@/lib/platform/cli/main";
import { db } from "@/lib/db";
import { declareIncident, updateIncident } from "@/lib/incidents/mutations";
import { captureCliOutput } from "@/test/cli-output";
import { makeUser } from "@/test/fixtures";
import { makePublicService } from "@/test/services";

const output = captureCliOutput();

describe("the vigil CLI", () => {
  it("creates a user and a token with the same rules as the UI, and says what is wrong with bad input", async () => {
    const email = `cli-${Date.now()}@vitest.test`;
    expect(
      await runCli(["user:create", "--email", email, "--name", "CLI", "--role", "responder"]),
    ).toBe(0);
    expect(output.join("\n")).toMatch(/Password \(shown once\): \S{20,}/);
    expect(await runCli(["token:create", "--email", email, "--name", "ci"])).toBe(0);
    expect(output.some((line) => /^vgl_\w{8}_/.test(line))).toBe(true);
    expect(
      await runCli(["user:create", "--email", "not-an-email", "--name", "x", "--role", "root"]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/email: .*\n.*role:|role: .*\n.*email:/);
    expect(await runCli(["user:create", "--email"])).toBe(2);
    expect(await runCli(["no-such-command"])).toBe(2);
  });

  it("adds a service, enforcing the 10 s minimum interval and the outbound policy", async () => {
    const name = `cli-svc-${Date.now()}`;
    const addHttpService = (url: string, ...flags: string[]) =>
      runCli(["service:add", "--name", name, "--url", url, "--profile", "http", ...flags]);
    expect(await addHttpService("http://93.184.216.34", "--interval", "5")).toBe(1);
    expect(output.join("\n")).toMatch(/intervalSeconds: Check at most every 10 seconds/);
    expect(await addHttpService("http://169.254.169.254")).toBe(1);
    expect(output.join("\n")).toMatch(/cloud metadata/);
    expect(await addHttpService("http://93.184.216.34", "--interval", "60", "--tags", "a,b")).toBe(
      0,
    );
    const service = await db.service.findFirstOrThrow({ where: { name } });
    expect(service).toMatchObject({ intervalSeconds: 60, tags: ["a", "b"], profile: "http" });
  });

  it("declares an incident, lists it and adds a note, as a responder named by email", async () => {
    const suffix = Date.now().toString(36);
    const declarer = await makeUser("responder", "cli-declarer");
    const commander = await makeUser("responder", "cli-commander");
    const api = await makePublicService(`cli-api-${suffix}`);
    const studio = await makePublicService(`cli-studio-${suffix}`);
    const edge = await makePublicService(`cli-edge-${suffix}`);
    const key = `cli-declare-${suffix}`;
    const declare = [
      "incident:declare",
      "--email",
      declarer.email,
      "--title",
      "Studio sign-in fails",
      "--severity",
      "SEV1",
      "--service",
      `CLI-API-${suffix}`,
      "--service",
      `${studio.id},cli-edge-${suffix}`,
      "--summary",
      "Sign-in returns 500",
      "--impact",
      "Nobody can sign in to Studio",
      "--eta",
      "30 min",
      "--commander",
      commander.email,
      "--idempotency-key",
      key,
    ];
    expect(await runCli(declare)).toBe(0);
    const incident = await db.incident.findUniqueOrThrow({
      where: { idempotencyKey: key },
      include: { services: true },
    });
    expect(incident).toMatchObject({
      title: "Studio sign-in fails",
      severity: "sev1",
      summary: "Sign-in returns 500",
      userImpact: "Nobody can sign in to Studio",
      eta: "30 min",
      commanderId: commander.id,
      declaredById: declarer.id,
    });
    expect(incident.services.map((link) => link.serviceId).sort()).toEqual(
      [api.id, studio.id, edge.id].sort(),
    );
    expect(output).toContain(
      `Declared #${incident.number} SEV1 "Studio sign-in fails", commander ${commander.email}.`,
    );
    expect(output).toContain(`/incidents/${incident.id}`);

    output.length = 0;
    expect(await runCli(declare)).toBe(0);
    expect(output[0]).toMatch(
      new RegExp(`^Already declared under that idempotency key: #${incident.number} `),
    );
    expect(await db.incident.count({ where: { idempotencyKey: key } })).toBe(1);

    output.length = 0;
    expect(await runCli(["incident:list", "--status", "open"])).toBe(0);
    expect(output.find((line) => line.startsWith(`#${incident.number}\t`))).toBe(
      `#${incident.number}\tSEV1\tinvestigating\t${incident.declaredAt.toISOString()}\t${commander.email}\tStudio sign-in fails\t/incidents/${incident.id}`,
    );
    output.length = 0;
    expect(await runCli(["incident:list", "--status", "resolved"])).toBe(0);
    expect(output.some((line) => line.startsWith(`#${incident.number}\t`))).toBe(false);

    output.length = 0;
    const addNote = (reference: string, text: string) =>
      runCli(["incident:note", "--email", declarer.email, "--incident", reference, "--text", text]);
    expect(await addNote(`#${incident.number}`, "Rolled back Studio to v2.3.0")).toBe(0);
    expect(output[0]).toMatch(new RegExp(`^Added note \\d+ to #${incident.number}\\.$`));
    expect(await addNote(incident.id, "Second note by id")).toBe(0);
    const notes = await db.timelineEntry.findMany({
      where: { incidentId: incident.id, kind: "note" },
      orderBy: { id: "asc" },
    });
    expect(notes.map((note) => [note.body, note.authorId])).toEqual([
      ["Rolled back Studio to v2.3.0", declarer.id],
      ["Second note by id", declarer.id],
    ]);
  });

  it("lists postmortems, overdue ones on their own, and refuses an unknown status", async () => {
    const responder = await makeUser("responder", "cli-postmortem");
    const resolveSev1 = async (title: string) => {
      const { incident } = await declareIncident(responder, { title, severity: "sev1" });
      return updateIncident(responder, incident.id, {
        version: incident.version,
        status: "resolved",
        rootCause: "a full disk",
      });
    };
    const late = await resolveSev1(`CLI late ${Date.now().toString(36)}`);
    const onTime = await resolveSev1(`CLI on time ${Date.now().toString(36)}`);
    const latePostmortem = await db.postmortem.update({
      where: { incidentId: late.id },
      data: { dueAt: new Date(Date.now() - 10 * 86_400_000) },
    });
    const onTimePostmortem = await db.postmortem.findUniqueOrThrow({
      where: { incidentId: onTime.id },
    });

    expect(await runCli(["postmortem:list", "--status", "draft"])).toBe(0);
    expect(output.find((line) => line.startsWith(`#${onTime.number}\t`))).toBe(
      `#${onTime.number}\tSEV1\tdraft\tdue in 5 business days\t${responder.email}\t${onTime.title}\t/postmortems/${onTimePostmortem.id}`,
    );
    expect(output.find((line) => line.startsWith(`#${late.number}\t`))).toMatch(
      new RegExp(`^#${late.number}\tSEV1\tdraft\toverdue by \\d+ business days?\t`),
    );

    output.length = 0;
    expect(await runCli(["postmortem:list", "--overdue"])).toBe(0);
    expect(output.some((line) => line.endsWith(`/postmortems/${latePostmortem.id}`))).toBe(true);
    expect(output.some((line) => line.endsWith(`/postmortems/${onTimePostmortem.id}`))).toBe(false);

    output.length = 0;
    expect(await runCli(["postmortem:list", "--status", "closed"])).toBe(1);
    expect(output.join("\n")).toMatch(/status: Use draft, in_review or published\./);
  });

  it("refuses bad incident input with a clear message: 2 for usage, 1 for refused input", async () => {
    const responder = await makeUser("responder", "cli-refused");
    const viewer = await makeUser("viewer", "cli-viewer");
    const before = await db.incident.count();
    const declareAs = (email: string, severity: string, ...flags: string[]) =>
      runCli([
        "incident:declare",
        "--email",
        email,
        "--title",
        "x",
        "--severity",
        severity,
        ...flags,
      ]);

    expect(
      await runCli(["incident:declare", "--email", responder.email, "--severity", "sev1"]),
    ).toBe(2);
    expect(output.join("\n")).toMatch(
      /--title is required\.\nUsage: npm run vigil -- incident:declare/,
    );

    output.length = 0;
    expect(await declareAs(responder.email, "sev5")).toBe(1);
    expect(output.join("\n")).toMatch(/severity: Choose SEV1, SEV2 or SEV3\./);

    output.length = 0;
    expect(await declareAs(viewer.email, "sev2")).toBe(1);
    expect(output.join("\n")).toMatch(/is a viewer; this needs the responder role or above/);

    output.length = 0;
    expect(await declareAs("nobody@vitest.test", "sev2")).toBe(1);
    expect(output.join("\n")).toMatch(/No user has the email nobody@vitest\.test/);

    output.length = 0;
    expect(await declareAs(responder.email, "sev2", "--service", "no-such-service-anywhere")).toBe(
      1,
    );
    expect(output.join("\n")).toMatch(/service: No service is called no-such-service-anywhere\./);

    output.length = 0;
    expect(await declareAs(responder.email, "sev2", "--commander", viewer.email)).toBe(1);
    expect(output.join("\n")).toMatch(
      /commanderId: Incident roles need the responder role or above\./,
    );

    expect(await runCli(["incident:list", "--status", "closed"])).toBe(1);
    expect(
      await runCli([
        "incident:note",
        "--email",
        responder.email,
        "--incident",
        "999999999",
        "--text",
        "x",
      ]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/Incident 999999999 was not found\./);
    expect(await runCli(["incident:note", "--email", responder.email, "--incident", "1"])).toBe(2);
    expect(await declareAs(responder.email, "sev2", "--colour", "red")).toBe(2);
    expect(await db.incident.count()).toBe(before);
  });

  it("records a deploy and moves it along by number, as the CLI or as a responder", async () => {
    const suffix = Date.now().toString(36);
    const service = await makePublicService(`cli-mcp-${suffix}`, "holoscript_mcp");
    const responder = await makeUser("responder", "cli-deployer");
    const viewer = await makeUser("viewer", "cli-deploy-viewer");
    const { incident } = await declareIncident(responder, {
      title: "MCP 502 after deploy",
      severity: "sev1",
      serviceIds: [service.id],
    });
    const key = `cli-deploy-${suffix}`;
    const record = [
      "deploy:record",
      "--service",
      `CLI-MCP-${suffix}`,
      "--version",
      "v1.2.3",
      "--commit",
      "abcdef1234",
      "--who",
      "ci-bot",
      "--link",
      "https://ci.example/run/42",
      "--ci-green",
      "--no-secrets",
      "--tagged",
      "--idempotency-key",
      key,
    ];
    expect(await runCli(record)).toBe(0);
    const deploy = await db.deploy.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(deploy).toMatchObject({
      serviceId: service.id,
      releaseVersion: "v1.2.3",
      commitSha: "abcdef1234",
      status: "started",
      deployedBy: "ci-bot",
      environment: "test",
      ciGreen: true,
      noSecretsInDiff: true,
      versionTagRecorded: true,
      createdById: null,
    });
    expect(output).toContain(
      `Recorded deploy #${deploy.number} of cli-mcp-${suffix} v1.2.3 (started, test) by ci-bot.`,
    );
    expect(output).toContain(`/deploys?service=${service.id}`);
    const entry = await db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "deploy" },
    });
    expect(entry.body).toBe(
      `Deploy #${deploy.number} of cli-mcp-${suffix} v1.2.3 started by ci-bot (checklist: CI green, no secrets, tag recorded) https://ci.example/run/42`,
    );
    expect(entry.authorLabel).toBe("cli");

    output.length = 0;
    expect(await runCli(record)).toBe(0);
    expect(output[0]).toMatch(/^Already recorded under that idempotency key: deploy #/);
    expect(await db.deploy.count({ where: { serviceId: service.id } })).toBe(1);

    output.length = 0;
    expect(
      await runCli([
        "deploy:update",
        "--id",
        `#${deploy.number}`,
        "--status",
        "failed",
        "--email",
        responder.email,
      ]),
    ).toBe(0);
    expect(output[0]).toBe(
      `Deploy #${deploy.number} of cli-mcp-${suffix} v1.2.3 (failed, test) by ci-bot.`,
    );
    expect(
      await db.auditLog.findFirst({ where: { action: "deploy.update", targetId: deploy.id } }),
    ).toMatchObject({ actorId: responder.id });

    output.length = 0;
    expect(
      await runCli(["deploy:update", "--id", String(deploy.number), "--status", "succeeded"]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/A failed deploy can only be rolled back\./);
    expect(
      await runCli([
        "deploy:update",
        "--id",
        deploy.id,
        "--status",
        "rolled_back",
        "--email",
        viewer.email,
      ]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/is a viewer; this needs the responder role or above/);
    expect(await runCli(["deploy:update", "--id", deploy.id, "--status", "rolled_back"])).toBe(0);
    expect((await db.deploy.findUniqueOrThrow({ where: { id: deploy.id } })).status).toBe(
      "rolled_back",
    );
    expect(
      await db.timelineEntry.count({ where: { incidentId: incident.id, kind: "rollback" } }),
    ).toBe(1);

    output.length = 0;
    expect(await runCli(["deploy:record", "--service", `cli-mcp-${suffix}`])).toBe(1);
    expect(output.join("\n")).toMatch(/version: Give the version or the commit\./);
    expect(await runCli(["deploy:record", "--version", "v1"])).toBe(2);
    expect(await runCli(["deploy:update", "--id", "999999999", "--status", "failed"])).toBe(1);
    expect(output.join("\n")).toMatch(/Deploy #999999999 was not found\./);
    expect(await db.deploy.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("lists a service's baselines and accepts the figure seen now as a lead named by email, with the reason", async () => {
    const suffix = Date.now().toString(36);
    const lead = await makeUser("lead", "cli-baseline-lead");
    const responder = await makeUser("responder", "cli-baseline-responder");
    const service = await makePublicService(`cli-tools-${suffix}`, "holoscript_mcp");
    await db.serviceState.update({
      where: { serviceId: service.id },
      data: { lastFigures: { tools: 12 } },
    });
    await db.serviceBaseline.create({
      data: {
        serviceId: service.id,
        figure: "tools",
        value: 234,
        source: "deploy",
        setAt: new Date(),
      },
    });

    expect(await runCli(["baseline:list", `CLI-TOOLS-${suffix}`])).toBe(0);
    expect(output).toContainEqual(
      expect.stringMatching(/^tools\t234\tnow 12 \(dropped\)\tdeploy\t\S+\tthe last green deploy$/),
    );

    output.length = 0;
    const accept = [
      "baseline:accept",
      `cli-tools-${suffix}`,
      "--figure",
      "tools",
      "--reason",
      "Legacy tools removed in 6.2",
    ];
    expect(await runCli([...accept, "--email", responder.email])).toBe(1);
    expect(output.join("\n")).toMatch(/is a responder; this needs the lead role or above/);
    expect(
      await runCli(["baseline:accept", service.id, "--figure", "tools", "--email", lead.email]),
    ).toBe(2);
    expect(await runCli([...accept, "extra", "--email", lead.email])).toBe(2);
    expect(output.join("\n")).toMatch(/Unexpected argument: extra/);
    expect(await runCli(["user:list", "stray"])).toBe(2);

    output.length = 0;
    expect(await runCli([...accept, "--email", lead.email])).toBe(0);
    expect(output[0]).toBe(
      `The tools baseline is now 12, accepted by ${lead.name}: Legacy tools removed in 6.2`,
    );
    expect(
      await db.serviceBaseline.findUniqueOrThrow({
        where: { serviceId_figure: { serviceId: service.id, figure: "tools" } },
      }),
    ).toMatchObject({
      value: 12,
      source: "accepted",
      acceptedById: lead.id,
      reason: "Legacy tools removed in 6.2",
    });
    output.length = 0;
    expect(await runCli(["baseline:list", "--service", service.id])).toBe(0);
    expect(output).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^tools\\t12\\tnow 12\\taccepted\\t\\S+\\t${lead.name}: Legacy tools removed in 6\\.2$`,
        ),
      ),
    );
  });

  it("prints what came from people and the database without its escape sequences or controls", async () => {
    const suffix = Date.now().toString(36);
    const declarer = await makeUser("responder", "cli-escapes");
    const { incident } = await declareIncident(declarer, {
      title: `plain title ${suffix}`,
      severity: "sev3",
    });
    // Written straight to the row, as anything that reached the database by another path would be.
    const hostile = `\x1b[2J\x1b[Hcheckout \x1b[31mdown\x1b[0m \x1b]8;;https://evil.example\x1b\\see runbook\x1b]8;;\x1b\\ \x1b]0;owned\x07\r\x9b1m\u202Etxt.exe ${suffix}`;
    await db.incident.update({ where: { id: incident.id }, data: { title: hostile } });
    const service = await makePublicService(`cli-esc-${suffix}`);
    await db.service.update({
      where: { id: service.id },
      data: { name: `cli-esc-${suffix}\x1b[8m hidden\x1b[0m` },
    });

    expect(await runCli(["incident:list", "--status", "investigating"])).toBe(0);
    expect(await runCli(["service:list"])).toBe(0);
    const printed = output.join("\n");
    expect(printed).toContain(`checkout down see runbook ⟨U+202E⟩txt.exe ${suffix}`);
    expect(printed).toContain(`cli-esc-${suffix} hidden`);
    expect(printed).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202E]/);
  });

  it("lists open alerts with level, rule, service and reason; --all adds ended ones", async () => {
    const suffix = Date.now().toString(36);
    const service = await makePublicService(`cli-alerts-${suffix}`);
    const now = new Date();
    await db.alert.create({
      data: {
        serviceId: service.id,
        rule: "certificate",
        level: "page",
        reason: `certificate expires in 2 days ${suffix}`,
        startedAt: now,
      },
    });
    await db.alert.create({
      data: {
        serviceId: service.id,
        rule: "degraded",
        level: "warning",
        reason: `degraded for 5 min ${suffix}`,
        startedAt: now,
        endedAt: now,
        endReason: "healthy again",
      },
    });
    expect(await runCli(["alert:list"])).toBe(0);
    const open = output.filter((line) => line.includes(suffix));
    expect(open).toEqual([
      expect.stringMatching(
        new RegExp(
          `^page\tcertificate\tcli-alerts-${suffix}\t.*\topen\tcertificate expires in 2 days ${suffix}$`,
        ),
      ),
    ]);
    output.length = 0;
    expect(await runCli(["alert:list", "--all"])).toBe(0);
    expect(output.filter((line) => line.includes(suffix))).toHaveLength(2);
  });
});
