import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ackRoute } from "@/app/api/v1/pages/[id]/ack/route";
import { POST as declareRoute } from "@/app/api/v1/pages/[id]/incident/route";
import { GET as getPageRoute } from "@/app/api/v1/pages/[id]/route";
import { GET as listPagesRoute } from "@/app/api/v1/pages/route";
import type { Role } from "@/lib/auth/roles";
import { runCli } from "@/lib/platform/cli/main";
import { db } from "@/lib/db";
import type { PageView } from "@/lib/paging/types";
import { captureCliOutput } from "@/test/cli-output";
import { apiRequest, tokenFor, noParams, paramsOf } from "@/test/api";

const bearerFor = (role: Role) => tokenFor(role, "pages");
const request = apiRequest;

let responder: Awaited<ReturnType<typeof bearerFor>>;
let viewer: Awaited<ReturnType<typeof bearerFor>>;
let serviceId: string;
const pageIds: string[] = [];

beforeAll(async () => {
  responder = await bearerFor("responder");
  viewer = await bearerFor("viewer");
  serviceId = (
    await db.service.create({
      data: {
        name: `Pages API ${randomUUID().slice(0, 8)}`,
        baseUrl: "http://127.0.0.1:9",
        profile: "http",
        enabled: false,
      },
    })
  ).id;
});

afterAll(async () => {
  await db.page.deleteMany({ where: { id: { in: pageIds } } });
  await db.service.deleteMany({ where: { id: serviceId } });
});

async function insertPage(state: "triggered" | "resolved" = "triggered") {
  const page = await db.page.create({
    data: {
      kind: "service",
      level: "page",
      serviceId,
      title: "Studio is down",
      reason: "HTTP 503",
      state,
      ...(state === "resolved" ? { resolvedAt: new Date() } : {}),
    },
  });
  pageIds.push(page.id);
  await db.pageNotification.create({
    data: {
      pageId: page.id,
      step: "level:1:0",
      userId: responder.owner.id,
      recipient: responder.owner.name,
      recipientKey: "m1",
      channel: "email",
      target: "p***@vitest.test",
      status: "delivered",
    },
  });
  return page;
}

describe("/api/v1/pages", () => {
  it("lists and shows pages to viewers; 401 without a token, 404 for an unknown page, 422 for a bad filter", async () => {
    const page = await insertPage();
    const list = await listPagesRoute(
      request("GET", "/api/v1/pages?state=open&limit=200", { authorization: viewer.authorization }),
      noParams,
    );
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { pages: PageView[] };
    expect(listed.pages.find((item) => item.id === page.id)).toMatchObject({
      state: "triggered",
      notifications: [{ channel: "email", status: "delivered" }],
    });

    const one = await getPageRoute(
      request("GET", `/api/v1/pages/${page.number}`, { authorization: viewer.authorization }),
      paramsOf(String(page.number)),
    );
    expect(one.status).toBe(200);
    expect(((await one.json()) as { page: PageView }).page.id).toBe(page.id);

    const anonymous = await getPageRoute(
      request("GET", `/api/v1/pages/${page.id}`),
      paramsOf(page.id),
    );
    expect(anonymous.status).toBe(401);
    const missing = await getPageRoute(
      request("GET", "/api/v1/pages/x", { authorization: viewer.authorization }),
      paramsOf(randomUUID()),
    );
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const bad = await listPagesRoute(
      request("GET", "/api/v1/pages?state=sideways&limit=0", {
        authorization: viewer.authorization,
      }),
      noParams,
    );
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["limit", "state"]);
  });

  it("acknowledges with or without a body; 403 for viewers, 409 when resolved or stale, 422 for a bad version", async () => {
    const page = await insertPage();
    const refused = await ackRoute(
      request("POST", `/api/v1/pages/${page.id}/ack`, { authorization: viewer.authorization }),
      paramsOf(page.id),
    );
    expect(refused.status).toBe(403);
    const stale = await ackRoute(
      request("POST", `/api/v1/pages/${page.id}/ack`, {
        authorization: responder.authorization,
        body: { version: 7 },
      }),
      paramsOf(page.id),
    );
    expect(stale.status).toBe(409);
    const invalid = await ackRoute(
      request("POST", `/api/v1/pages/${page.id}/ack`, {
        authorization: responder.authorization,
        body: { version: "seven" },
      }),
      paramsOf(page.id),
    );
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields.version).toBeDefined();

    const ok = await ackRoute(
      request("POST", `/api/v1/pages/${page.id}/ack`, { authorization: responder.authorization }),
      paramsOf(page.id),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      changed: true,
      page: {
        state: "acknowledged",
        acknowledgedVia: "api",
        acknowledgedBy: { id: responder.owner.id },
      },
    });
    const again = await ackRoute(
      request("POST", `/api/v1/pages/${page.id}/ack`, {
        authorization: responder.authorization,
        body: {},
      }),
      paramsOf(page.id),
    );
    expect(again.status).toBe(200);
    expect((await again.json()).changed).toBe(false);

    const resolved = await insertPage("resolved");
    const late = await ackRoute(
      request("POST", `/api/v1/pages/${resolved.id}/ack`, {
        authorization: responder.authorization,
      }),
      paramsOf(resolved.id),
    );
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toContain("already resolved");
  });

  it("declares an incident from a page once: 201 then 200 with the same incident; 422 for a bad severity", async () => {
    const page = await insertPage();
    const path = `/api/v1/pages/${page.id}/incident`;
    const bad = await declareRoute(
      request("POST", path, { authorization: responder.authorization, body: { severity: "sev7" } }),
      paramsOf(page.id),
    );
    expect(bad.status).toBe(422);
    const first = await declareRoute(
      request("POST", path, { authorization: responder.authorization, body: { severity: "sev1" } }),
      paramsOf(page.id),
    );
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created.incident).toMatchObject({ severity: "sev1", title: "Studio is down" });
    expect(created.page.incident.id).toBe(created.incident.id);
    const second = await declareRoute(
      request("POST", path, { authorization: responder.authorization }),
      paramsOf(page.id),
    );
    expect(second.status).toBe(200);
    expect((await second.json()).incident.id).toBe(created.incident.id);
    const viewerTry = await declareRoute(
      request("POST", path, { authorization: viewer.authorization }),
      paramsOf(page.id),
    );
    expect(viewerTry.status).toBe(403);
  });
});

describe("CLI page:list and page:ack", () => {
  const output = captureCliOutput();

  it("lists open pages with who was notified, and acknowledges by number as a responder named by email", async () => {
    const page = await insertPage();
    expect(await runCli(["page:list"])).toBe(0);
    const line = output.find((item) => item.startsWith(`#${page.number}\t`));
    expect(line).toContain("triggered");
    expect(line).toContain(`${responder.owner.name} `);
    expect(line).toContain("(email)");

    output.length = 0;
    expect(
      await runCli(["page:ack", "--id", String(page.number), "--as", viewer.owner.email]),
    ).toBe(1);
    expect(output.join("\n")).toMatch(/needs the responder role/);
    expect(await runCli(["page:ack", "--id", String(page.number)])).toBe(2);
    expect(await runCli(["page:ack", "--id", "999999999", "--as", responder.owner.email])).toBe(1);
    expect(output.join("\n")).toMatch(/The page was not found/);

    output.length = 0;
    expect(
      await runCli(["page:ack", "--id", `#${page.number}`, "--as", responder.owner.email]),
    ).toBe(0);
    expect(output[0]).toBe(`Acknowledged page #${page.number} "Studio is down".`);
    expect(output[1]).toBe(`/pages/${page.id}`);
    const row = await db.page.findUniqueOrThrow({ where: { id: page.id } });
    expect(row).toMatchObject({
      state: "acknowledged",
      acknowledgedById: responder.owner.id,
      acknowledgedVia: "cli",
    });

    output.length = 0;
    expect(await runCli(["page:ack", "--id", page.id, "--as", responder.owner.email])).toBe(0);
    expect(output[0]).toMatch(/^Already acknowledged by you/);
  });
});
