import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptBaseline, listBaselines } from "@/lib/health/baselines";
import type { KeyFigures } from "@/lib/health/types";
import { makeUser, refusal } from "@/test/fixtures";

/** An MCP service of its own whose last check read these figures, with a baseline of 234 tools seen before. */
async function mcpService(figures: KeyFigures | null, baseline: number | null = 234) {
  const service = await db.service.create({
    data: {
      name: `baseline-${randomUUID().slice(0, 8)}`,
      environment: "vitest",
      baseUrl: "http://93.184.216.34",
      profile: "holoscript_mcp",
      state: { create: figures ? { lastFigures: figures, lastFiguresAt: new Date() } : {} },
      ...(baseline === null
        ? {}
        : {
            baselines: {
              create: {
                figure: "tools",
                value: baseline,
                source: "observed",
                setAt: new Date(Date.now() - 3_600_000),
              },
            },
          }),
    },
  });
  return service.id;
}

describe("key-figure baselines", () => {
  it("lists a baseline beside the figure seen now and marks a drop below half of it", async () => {
    const serviceId = await mcpService({ tools: 12, agents: 3 });
    expect(await listBaselines(serviceId)).toEqual([
      {
        figure: "tools",
        value: 234,
        source: "observed",
        setAt: expect.any(String),
        acceptedBy: null,
        reason: null,
        current: 12,
        dropped: true,
      },
    ]);
    const healthy = await mcpService({ tools: 230 });
    expect((await listBaselines(healthy))[0]).toMatchObject({ current: 230, dropped: false });
    expect((await refusal(listBaselines(randomUUID()))).code).toBe("not_found");
  });

  it("refuses a viewer and a responder: only a lead or an admin accepts a new baseline", async () => {
    const serviceId = await mcpService({ tools: 12 });
    for (const role of ["viewer", "responder"] as const) {
      const error = await refusal(
        acceptBaseline(await makeUser(role), serviceId, {
          figure: "tools",
          reason: "Removed the legacy tools",
        }),
      );
      expect(error.code).toBe("forbidden");
    }
    const row = await db.serviceBaseline.findUniqueOrThrow({
      where: { serviceId_figure: { serviceId, figure: "tools" } },
    });
    expect(row).toMatchObject({ value: 234, source: "observed", acceptedById: null });
  });

  it("needs a reason, a watched figure and a current value for it", async () => {
    const lead = await makeUser("lead");
    const serviceId = await mcpService({ tools: 12, agents: 3 });
    expect(
      (await refusal(acceptBaseline(lead, serviceId, { figure: "tools", reason: " " }))).fields,
    ).toMatchObject({ reason: [expect.stringMatching(/Say why/)] });
    expect(
      (
        await refusal(
          acceptBaseline(lead, serviceId, { figure: "agents", reason: "Fewer agents now" }),
        )
      ).fields,
    ).toMatchObject({
      figure: [
        expect.stringMatching(/agents is not a figure Vigil compares with a baseline .*: tools/),
      ],
    });

    const unread = await mcpService({ version: "6.1.0" });
    const error = await refusal(
      acceptBaseline(lead, unread, { figure: "tools", reason: "Removed the legacy tools" }),
    );
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toMatchObject({
      figure: [expect.stringMatching(/no current value for tools/)],
    });
    const never = await mcpService(null);
    expect(
      (
        await refusal(
          acceptBaseline(lead, never, { figure: "tools", reason: "Removed the legacy tools" }),
        )
      ).code,
    ).toBe("validation_failed");
    expect(
      (
        await refusal(
          acceptBaseline(lead, randomUUID(), {
            figure: "tools",
            reason: "Removed the legacy tools",
          }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      await db.serviceBaseline.findUniqueOrThrow({
        where: { serviceId_figure: { serviceId: unread, figure: "tools" } },
      }),
    ).toMatchObject({ value: 234, source: "observed" });
  });

  it("makes the figure seen now the baseline, with who and why, and writes the audit row with it", async () => {
    const lead = await makeUser("lead", "baseline-lead");
    const serviceId = await mcpService({ tools: 12 });
    const before = Date.now();
    const view = await acceptBaseline(lead, serviceId, {
      figure: "tools",
      reason: "  Removed the legacy tools in 6.2  ",
    });
    expect(view).toMatchObject({
      figure: "tools",
      value: 12,
      source: "accepted",
      acceptedBy: lead.name,
      reason: "Removed the legacy tools in 6.2",
      current: 12,
      dropped: false,
    });

    const row = await db.serviceBaseline.findUniqueOrThrow({
      where: { serviceId_figure: { serviceId, figure: "tools" } },
    });
    expect(row).toMatchObject({
      value: 12,
      source: "accepted",
      acceptedById: lead.id,
      acceptedByLabel: lead.name,
      reason: "Removed the legacy tools in 6.2",
    });
    expect(row.setAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await listBaselines(serviceId)).toEqual([view]);

    const audit = await db.auditLog.findMany({
      where: { action: "service.baseline_accept", targetId: serviceId },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: lead.id,
      actorLabel: lead.email,
      targetType: "service",
    });
    expect(audit[0]?.details).toMatchObject({
      figure: "tools",
      value: 12,
      previous: 234,
      reason: "Removed the legacy tools in 6.2",
    });
  });

  it("accepts a figure with no baseline yet when the profile watches it, and an admin may too", async () => {
    const admin = await makeUser("admin");
    const serviceId = await mcpService({ tools: 40 }, null);
    expect(await listBaselines(serviceId)).toEqual([]);
    await acceptBaseline(admin, serviceId, {
      figure: "tools",
      reason: "First deploy of the new tool set",
    });
    expect(await listBaselines(serviceId)).toMatchObject([
      { figure: "tools", value: 40, source: "accepted", acceptedBy: admin.name },
    ]);
  });
});
