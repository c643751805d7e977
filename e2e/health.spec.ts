import { expect, test } from "@playwright/test";
import { brokenDbBaseUrl } from "./support";

test("GET /api/health reports the database up, with no secrets", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toEqual({
    status: "ok",
    db: "up",
    version: expect.any(String),
    uptimeSeconds: expect.any(Number),
  });
});

test("with the database unreachable, /api/health answers 503 within 5 s and the API 503 with the error shape", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: brokenDbBaseUrl });
  const started = Date.now();
  const response = await request.get("/api/health", { failOnStatusCode: false, timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(response.status()).toBe(503);
  expect(await response.json()).toMatchObject({ status: "degraded", db: "down" });

  const api = await request.get("/api/v1/me", {
    failOnStatusCode: false,
    timeout: 10_000,
    headers: { authorization: "Bearer vgl_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
  });
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe("unavailable");
  await request.dispose();
});
