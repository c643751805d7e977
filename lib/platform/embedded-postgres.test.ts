import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  resolveDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "@/lib/platform/embedded-postgres";

describe("embedded Postgres under concurrent pooled queries", () => {
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    pool = new pg.Pool({ connectionString: embedded.url, max: 16 });
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await embedded?.stop();
  });

  it("answers parameterised queries from many connections at once, each with its own parameters", async () => {
    // Different parameter counts: a Bind meeting another connection's unnamed statement fails loudly (08P01).
    const queries = Array.from({ length: 2_000 }, (_, index) => {
      const params = Array.from(
        { length: (index % 4) + 1 },
        (_, position) => index * 10 + position,
      );
      const sql = `SELECT ${params.map((_, position) => `$${position + 1}::int`).join(" + ")} AS total`;
      return pool.query<{ total: number }>(sql, params).then((result) => ({
        expected: params.reduce((sum, value) => sum + value, 0),
        got: result.rows[0]?.total,
      }));
    });
    const results = await Promise.allSettled(queries);
    expect(
      results
        .filter((result) => result.status === "rejected")
        .map((result) => String((result as PromiseRejectedResult).reason)),
    ).toEqual([]);
    for (const result of results)
      if (result.status === "fulfilled") expect(result.value.got).toBe(result.value.expected);
  }, 60_000);

  it("keeps a statement parsed just before another connection's transaction: transactions and plain queries at once", async () => {
    await pool.query(
      "CREATE TABLE IF NOT EXISTS embedded_probe (id int PRIMARY KEY, a int, b int, c int, d int, e int)",
    );
    let nextId = 0;
    const writer = async () => {
      for (let round = 0; round < 40; round++) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const id = nextId++;
          await client.query(
            "INSERT INTO embedded_probe (id, a, b, c, d, e) VALUES ($1, $2, $3, $4, $5, $6)",
            [id, 1, 2, 3, 4, 5],
          );
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }
    };
    const reader = async (offset: number) => {
      for (let round = 0; round < 60; round++) {
        const result = await pool.query<{ total: number }>("SELECT $1::int + $2::int AS total", [
          offset,
          round,
        ]);
        expect(result.rows[0]?.total).toBe(offset + round);
      }
    };
    const settled = await Promise.allSettled([
      writer(),
      writer(),
      writer(),
      ...Array.from({ length: 10 }, (_, index) => reader(index * 1_000)),
    ]);
    expect(
      settled
        .filter((result) => result.status === "rejected")
        .map((result) => String((result as PromiseRejectedResult).reason)),
    ).toEqual([]);
    expect(
      (await pool.query<{ n: string }>("SELECT count(*) AS n FROM embedded_probe")).rows[0]?.n,
    ).toBe("120");
  }, 60_000);
});

describe("the embedded database of a data folder while Vigil runs on it", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-embedded-"));
    // The test runner's parent stands in for the running server: a live process other than this one.
    await writeFile(
      path.join(dataDir, "embedded-postgres.json"),
      JSON.stringify({ url: "postgresql://postgres@127.0.0.1:5999/postgres", pid: process.ppid }),
    );
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is shared with the CLI through the published socket", async () => {
    const database = await resolveDatabase({ dataDir });
    expect(database).toEqual({
      url: "postgresql://postgres@127.0.0.1:5999/postgres",
      embedded: null,
      source: "embedded (shared with the running app)",
    });
  });

  it("is refused to a second server, which would open the same files", async () => {
    await expect(resolveDatabase({ dataDir, exclusive: true })).rejects.toThrow(
      /already running on the embedded database .* \(process \d+\)/,
    );
  });

  it("is the caller's once the databaseUrl is given", async () => {
    const database = await resolveDatabase({
      databaseUrl: "postgresql://elsewhere/vigil",
      dataDir,
      exclusive: true,
    });
    expect(database.source).toBe("DATABASE_URL");
  });
});
