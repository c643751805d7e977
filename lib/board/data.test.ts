import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { decryptSecret } from "@/lib/board/crypto";
import { getBoardView, getHoloMeshConnectionView, loadHoloMeshConnection } from "@/lib/board/data";
import { saveHoloMeshConnection } from "@/lib/board/mutations";
import { testKey } from "@/test/board";
import { db } from "@/lib/db";
import type { AppError } from "@/lib/errors";
import { makeUser } from "@/test/fixtures";

let admin: Actor;
let lead: Actor;
const savedEnv = { key: process.env.HOLOMESH_API_KEY, secret: process.env.VIGIL_SECRET_KEY };

beforeAll(async () => {
  admin = await makeUser("admin", "holomesh-admin");
  lead = await makeUser("lead", "holomesh-lead");
});

afterEach(() => {
  delete process.env.HOLOMESH_API_KEY;
  delete process.env.VIGIL_SECRET_KEY;
});

afterAll(() => {
  if (savedEnv.key !== undefined) process.env.HOLOMESH_API_KEY = savedEnv.key;
  if (savedEnv.secret !== undefined) process.env.VIGIL_SECRET_KEY = savedEnv.secret;
});

async function save(input: Record<string, unknown>) {
  const { version } = await getHoloMeshConnectionView();
  return saveHoloMeshConnection(admin, {
    version,
    baseUrl: "https://mcp.holoscript.net",
    teamId: "team_data_test",
    ...input,
  });
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

describe("the HoloMesh connection", () => {
  it("refuses to store a key without VIGIL_SECRET_KEY, telling the admin what to set", async () => {
    delete process.env.VIGIL_SECRET_KEY;
    const key = testKey("nosecret");
    const error = await failureOf(save({ apiKey: key }));
    expect(error?.code).toBe("validation_failed");
    expect(error?.fields?.apiKey?.[0]).toMatch(/VIGIL_SECRET_KEY.*HOLOMESH_API_KEY/);
    expect(JSON.stringify(error?.fields)).not.toContain(key);
    expect((await getHoloMeshConnectionView()).canStoreKey).toBe(false);
  });

  it("stores the key encrypted, shows only its last four characters, and audits without it", async () => {
    const secretKey = randomBytes(32);
    process.env.VIGIL_SECRET_KEY = secretKey.toString("base64");
    const key = testKey("stored");
    const view = await save({ apiKey: key });
    expect(view).toEqual({
      baseUrl: "https://mcp.holoscript.net",
      teamId: "team_data_test",
      keySource: "stored",
      keyHint: `…${key.slice(-4)}`,
      canStoreKey: true,
      version: view.version,
    });
    const row = await db.holoMeshConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.apiKeyCiphertext).not.toContain(key);
    expect(decryptSecret(row.apiKeyCiphertext ?? "", secretKey)).toBe(key);
    expect((await loadHoloMeshConnection()).apiKey).toBe(key);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "holomesh.connection_save" },
      orderBy: { id: "desc" },
    });
    expect(audit.details).toMatchObject({ apiKey: "replaced", apiKeyHint: `…${key.slice(-4)}` });
    expect(JSON.stringify(audit.details)).not.toContain(key);
    expect(JSON.stringify(await getBoardView())).not.toContain(key);

    // Blank keeps the stored key; without the secret key it can no longer be read, and the panel says so.
    await save({ apiKey: "" });
    expect((await loadHoloMeshConnection()).apiKey).toBe(key);
    delete process.env.VIGIL_SECRET_KEY;
    expect((await getBoardView()).error).toMatch(/VIGIL_SECRET_KEY is not set/);
    process.env.VIGIL_SECRET_KEY = secretKey.toString("hex");
    const cleared = await save({ clearApiKey: true });
    expect(cleared).toMatchObject({ keySource: null, keyHint: null });
  });

  it("prefers HOLOMESH_API_KEY from the environment", async () => {
    const key = testKey("env");
    process.env.HOLOMESH_API_KEY = key;
    const view = await getHoloMeshConnectionView();
    expect(view).toMatchObject({ keySource: "env", keyHint: `…${key.slice(-4)}` });
    expect(JSON.stringify(view)).not.toContain(key);
  });

  it("checks the base URL against the outbound policy, the version, and the role", async () => {
    const blocked = await failureOf(save({ baseUrl: "http://169.254.169.254" }));
    expect(blocked?.fields?.baseUrl).toBeDefined();
    const benchmarking = await failureOf(save({ baseUrl: "http://198.18.0.1:9" }));
    expect(benchmarking?.fields?.baseUrl).toBeDefined();
    const { version } = await getHoloMeshConnectionView();
    const stale = await failureOf(
      saveHoloMeshConnection(admin, {
        version: version + 5,
        baseUrl: "https://mcp.holoscript.net",
        teamId: "team_x",
      }),
    );
    expect(stale?.code).toBe("conflict");
    const notAdmin = await failureOf(
      saveHoloMeshConnection(lead, {
        version,
        baseUrl: "https://mcp.holoscript.net",
        teamId: "team_x",
      }),
    );
    expect(notAdmin?.code).toBe("forbidden");
    const invalid = await failureOf(
      saveHoloMeshConnection(admin, { version, baseUrl: "ftp://x", teamId: "bad team!" }),
    );
    expect(Object.keys(invalid?.fields ?? {}).sort()).toEqual(["baseUrl", "teamId"]);
  });
});
