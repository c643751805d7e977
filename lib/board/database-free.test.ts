import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getBoard } from "@/app/api/v1/board/route";
import { changeBoardMode } from "@/lib/board/mutations";
import { startBoardFixture, testKey, type BoardFixture } from "@/test/board";
import { db, disconnectDb, runWithDbDeadline } from "@/lib/db";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/platform/embedded-postgres";
import { applyMigrations } from "@/lib/platform/migrations/migrations";
import { apiRequest, tokenFor, noParams } from "@/test/api";

// Issue 15, seen in `npm run demo`: a change whose POST answered 9 s late held a database transaction across the
// HoloMesh calls, and the embedded database (one Postgres session) answered nobody else meanwhile: the panel's
// polls got 503 "database unreachable" and the poller lost its lock. This file runs on that embedded database.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let embedded: EmbeddedPostgres;
let fixture: BoardFixture;
let savedUrl: string | undefined;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
  await applyMigrations(embedded.url);
  await disconnectDb();
  savedUrl = process.env.DATABASE_URL;
  // The database clients are created on first use, so from here on every query goes to the embedded database.
  process.env.DATABASE_URL = embedded.url;
  fixture = await startBoardFixture();
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await disconnectDb();
  process.env.DATABASE_URL = savedUrl;
  await embedded?.stop();
});

type Sample = {
  status: number;
  ms: number;
  running: { steps: { name: string; finishedAt: string | null }[] } | null;
};

describe("a slow HoloMesh leaves Vigil's database free (embedded database, one session)", () => {
  it("while a POST answers 3 s late, the panel's reads answer at once with the running steps, and the change ends confirmed", async () => {
    const teamId = `team_${randomUUID().slice(0, 8)}`;
    const ownerKey = testKey("free-owner");
    fixture.simulator.addKey(ownerKey, "Founder");
    fixture.simulator.addTeam({
      id: teamId,
      name: "Free team",
      ownerKey,
      mode: "build",
      tasks: [{ id: "t1", title: "one", status: "open" }],
      doneCount: 1,
    });
    await fixture.connect(teamId, ownerKey);
    const { authorization } = await tokenFor("viewer", "free");
    fixture.simulator.setFault({ step: "post_mode", kind: "late", delayMs: 3_000, times: 1 });

    let finished = false;
    const change = changeBoardMode(
      fixture.lead,
      { mode: "audit", reason: "slow HoloMesh, free database" },
      { timeoutMs: 6_000 },
    ).finally(() => {
      finished = true;
    });
    const samples: Sample[] = [];
    while (!finished) {
      const started = Date.now();
      // As the Next.js server does: a request's database calls give up after the request deadline (503).
      const response = await runWithDbDeadline("request", () =>
        getBoard(apiRequest("GET", "/api/v1/board", { authorization }), noParams),
      );
      const body = (await response.json()) as { running?: Sample["running"] };
      samples.push({
        status: response.status,
        ms: Date.now() - started,
        running: body.running ?? null,
      });
      await sleep(200);
    }
    const result = await change;

    expect(result.change).toMatchObject({ outcome: "confirmed", toMode: "audit" });
    expect(samples.length).toBeGreaterThan(5);
    expect(
      samples
        .filter((sample) => sample.status !== 200 || sample.ms > 1_000)
        .map(({ status, ms }) => ({ status, ms })),
    ).toEqual([]);
    // The POST shows as running (no finish yet) in the panel's reads while HoloMesh has not answered.
    expect(
      samples.some((sample) =>
        sample.running?.steps.some((step) => step.name === "post_mode" && step.finishedAt === null),
      ),
    ).toBe(true);
    // Once the change is recorded nothing is left running, and the next change may start.
    expect(await db.boardChangeLease.count()).toBe(0);
  }, 30_000);
});
