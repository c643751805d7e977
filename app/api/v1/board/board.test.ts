import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getBoard } from "@/app/api/v1/board/route";
import { POST as changeMode } from "@/app/api/v1/board/mode/route";
import { presetObjective } from "@/lib/board/labels";
import { startBoardFixture, testKey, type BoardFixture } from "@/test/board";
import type { Actor } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/tokens/data";
import { noParams } from "@/test/api";

let fixture: BoardFixture;
let teamId: string;
let ownerKey: string;

async function bearerFor(owner: Actor): Promise<string> {
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: owner.email, name: `${owner.role} board token` },
  );
  return `Bearer ${secret}`;
}

function request(
  method: string,
  path: string,
  init: { authorization?: string; body?: unknown; idempotencyKey?: string } = {},
) {
  const headers = new Headers();
  if (init.authorization) headers.set("authorization", init.authorization);
  if (init.idempotencyKey) headers.set("idempotency-key", init.idempotencyKey);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://vigil.test${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

beforeAll(async () => {
  fixture = await startBoardFixture();
  teamId = `team_${randomUUID().slice(0, 8)}`;
  ownerKey = testKey("route-owner");
  fixture.simulator.addKey(ownerKey, "Founder");
  fixture.simulator.addTeam({
    id: teamId,
    name: "Route team",
    ownerKey,
    mode: "build",
    tasks: [{ id: "t1", title: "one", status: "open" }],
    doneCount: 3,
  });
  await fixture.connect(teamId, ownerKey);
});

afterAll(async () => {
  await fixture.close();
});

describe("/api/v1/board", () => {
  it("GET: 401 without a token; a viewer reads the stored board, ?refresh=1 fetches it now", async () => {
    expect((await getBoard(request("GET", "/api/v1/board"), noParams)).status).toBe(401);
    const authorization = await bearerFor(fixture.viewer);
    const stored = await getBoard(request("GET", "/api/v1/board", { authorization }), noParams);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({
      configured: true,
      teamId,
      board: null,
      fetchedAt: null,
    });
    const fresh = await getBoard(
      request("GET", "/api/v1/board?refresh=1", { authorization }),
      noParams,
    );
    expect(fresh.status).toBe(200);
    const body = await fresh.json();
    expect(body).toMatchObject({
      board: { mode: "build", objectiveState: "preset", counts: { open: 1, done: 3 } },
      error: null,
    });
    expect(JSON.stringify(body)).not.toContain(ownerKey);
    expect(
      (await getBoard(request("GET", "/api/v1/board?refresh=maybe", { authorization }), noParams))
        .status,
    ).toBe(422);
  });

  it("POST /mode: 403 for a viewer, 422 for a typo (nothing sent), 200 with the steps for a lead; the header's idempotency key wins", async () => {
    const viewer = await bearerFor(fixture.viewer);
    const lead = await bearerFor(fixture.lead);
    const before = fixture.simulator.requests().length;
    const refused = await changeMode(
      request("POST", "/api/v1/board/mode", {
        authorization: viewer,
        body: { mode: "stabilize", reason: "viewer try" },
      }),
      noParams,
    );
    expect(refused.status).toBe(403);
    const typo = await changeMode(
      request("POST", "/api/v1/board/mode", {
        authorization: lead,
        body: { mode: "stabilise", reason: "typo" },
      }),
      noParams,
    );
    expect(typo.status).toBe(422);
    expect((await typo.json()).error.fields.mode).toBeDefined();
    expect(fixture.simulator.requests().length).toBe(before);

    const key = `route-${randomUUID()}`;
    const send = (bodyKey: string) =>
      changeMode(
        request("POST", "/api/v1/board/mode", {
          authorization: lead,
          idempotencyKey: key,
          body: { mode: "stabilize", reason: "CI red", idempotencyKey: bodyKey },
        }),
        noParams,
      );
    const first = await send(`body-${randomUUID()}`);
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody.change).toMatchObject({
      outcome: "confirmed",
      toMode: "stabilize",
      objective: presetObjective.stabilize,
    });
    expect(firstBody.change.steps.map((step: { step: string }) => step.step)).toEqual([
      "post_mode",
      "confirm",
    ]);
    const second = await send(`other-${randomUUID()}`);
    expect((await second.json()).change.id).toBe(firstBody.change.id);
    expect(fixture.simulator.requests().filter((entry) => entry.method === "POST")).toHaveLength(1);
    expect(JSON.stringify(firstBody)).not.toContain(ownerKey);
  });

  it("while a change runs: GET shows its steps with their times, a second POST is a 409 in words at once; a partial verdict carries the completing action", async () => {
    const lead = await bearerFor(fixture.lead);
    const viewer = await bearerFor(fixture.viewer);
    fixture.simulator.setFault({ step: "post_mode", kind: "late", delayMs: 400, times: 1 });
    const running = changeMode(
      request("POST", "/api/v1/board/mode", {
        authorization: lead,
        body: { mode: "review", reason: "release check" },
      }),
      noParams,
    );
    let steps: {
      name: string;
      startedAt: string;
      finishedAt: string | null;
      elapsedMs: number;
      outcome: string | null;
    }[] = [];
    for (let tries = 0; tries < 100 && !steps.some((step) => step.name === "post_mode"); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      steps =
        (
          await (
            await getBoard(request("GET", "/api/v1/board", { authorization: viewer }), noParams)
          ).json()
        ).running?.steps ?? [];
    }
    expect(steps.map((step) => step.name)).toEqual(["read_board", "post_mode"]);
    expect(steps[0]).toMatchObject({ outcome: "HTTP 200" });
    expect(steps[1]).toMatchObject({ finishedAt: null, outcome: null });
    expect(typeof steps[1]?.elapsedMs).toBe("number");
    const started = Date.now();
    const second = await changeMode(
      request("POST", "/api/v1/board/mode", {
        authorization: lead,
        body: { mode: "docs", reason: "second one" },
      }),
      noParams,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(second.status).toBe(409);
    expect((await second.json()).error.message).toBe(
      "Another board change is still running: wait for its result, then try again.",
    );
    const done = await (await running).json();
    expect(done.change).toMatchObject({
      state: "confirmed",
      verdict: {
        state: "confirmed",
        modeOnBoard: "set",
        nextAction: null,
        reasonRecordedOn: "board_and_vigil",
      },
    });
    expect(
      (
        await (
          await getBoard(request("GET", "/api/v1/board", { authorization: viewer }), noParams)
        ).json()
      ).running,
    ).toBeNull();

    fixture.simulator.setFault({ step: "patch_room", kind: "reset_before", times: 1 });
    const partial = await (
      await changeMode(
        request("POST", "/api/v1/board/mode", {
          authorization: lead,
          body: { mode: "audit", objective: "Only payments", reason: "audit week" },
        }),
        noParams,
      )
    ).json();
    expect(partial.change.verdict).toMatchObject({
      state: "partial",
      summary:
        "Partial: mode set, objective not set. The board is in audit with its preset objective; your objective was not set.",
      nextAction: {
        kind: "set_objective",
        label: "Set it now",
        input: { mode: "audit", objective: "Only payments", reason: "audit week" },
      },
    });
    const missing = await changeMode(
      request("POST", "/api/v1/board/mode", { authorization: lead, body: { mode: "audit" } }),
      noParams,
    );
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields.reason).toEqual(["Say why the team changes mode."]);
  });
});
