import { expect, test, type APIRequestContext } from "@playwright/test";
import { hasRole, roles, type Role } from "@/lib/auth/roles";
import { routeInventory, type RouteEntry } from "./route-inventory";
import { storageStateFor } from "./support";

function pathOf(entry: RouteEntry): string {
  return entry.samplePath ?? entry.route;
}

async function call(request: APIRequestContext, entry: RouteEntry) {
  const options = { maxRedirects: 0, failOnStatusCode: false } as const;
  if (entry.kind === "page") return request.get(pathOf(entry), options);
  return request.fetch(pathOf(entry), {
    ...options,
    method: entry.method,
    ...(entry.body ? { data: entry.body } : {}),
  });
}

const guarded = routeInventory.filter((entry) => entry.minRole !== "public");

test.describe("every route refuses anonymous callers", () => {
  for (const entry of guarded) {
    test(`${entry.kind === "page" ? "PAGE" : entry.method} ${pathOf(entry)}`, async ({
      playwright,
      baseURL,
    }) => {
      const request = await playwright.request.newContext({ baseURL });
      const response = await call(request, entry);
      if (entry.kind === "page") {
        expect(response.status()).toBe(307);
        expect(response.headers().location).toContain("/signin");
      } else {
        expect(response.status()).toBe(401);
        expect((await response.json()).error.code).toBe("unauthenticated");
      }
      await request.dispose();
    });
  }
});

for (const role of roles) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });
    for (const entry of guarded) {
      const allowed = hasRole(role, entry.minRole as Role);
      test(`${allowed ? "allows" : "refuses"} ${entry.kind === "page" ? "PAGE" : entry.method} ${pathOf(entry)}`, async ({
        page,
      }) => {
        const response = await call(page.request, entry);
        if (entry.kind === "page") {
          const html = await response.text();
          // Next renders the forbidden UI in the browser; the server's 403 document carries this marker.
          if (allowed) {
            // A sample path may name a record that does not exist: 404 is an answer, not a refusal.
            expect([200, 404]).toContain(response.status());
            expect(html).not.toContain("NEXT_HTTP_ERROR_FALLBACK;403");
          } else {
            expect(response.status()).toBe(403);
            expect(html).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
          }
        } else if (allowed) {
          expect([401, 403]).not.toContain(response.status());
          expect(response.status()).toBeLessThan(500);
        } else {
          expect(response.status()).toBe(403);
          expect((await response.json()).error.code).toBe("forbidden");
        }
      });
    }
  });
}
