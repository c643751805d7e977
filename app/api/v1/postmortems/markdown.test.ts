import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchIncident } from "@/app/api/v1/incidents/[id]/route";
import { POST as declareRoute } from "@/app/api/v1/incidents/route";
import { GET as getMarkdown } from "@/app/api/v1/postmortems/[id]/markdown/route";
import type { IncidentView } from "@/lib/incidents/types";
import { postmortemSectionLabels, postmortemSections } from "@/lib/postmortems/labels";
import { apiRequest, noParams, paramsOf, tokenFor } from "@/test/api";

let responder: string;
let viewer: string;

beforeAll(async () => {
  responder = (await tokenFor("responder")).authorization;
  viewer = (await tokenFor("viewer")).authorization;
});

async function resolvedSev1(): Promise<IncidentView> {
  const declared = await declareRoute(
    apiRequest("POST", "/api/v1/incidents", {
      authorization: responder,
      body: { title: `Markdown export ${randomUUID().slice(0, 6)}`, severity: "sev1" },
    }),
    noParams,
  );
  expect(declared.status).toBe(201);
  const { incident } = (await declared.json()) as { incident: IncidentView };
  const resolved = await patchIncident(
    apiRequest("PATCH", `/api/v1/incidents/${incident.id}`, {
      authorization: responder,
      body: { version: incident.version, status: "resolved", rootCause: "an expired certificate" },
    }),
    paramsOf(incident.id),
  );
  expect(resolved.status).toBe(200);
  return ((await resolved.json()) as { incident: IncidentView }).incident;
}

const markdownOf = (id: string, authorization?: string) =>
  getMarkdown(
    apiRequest("GET", `/api/v1/postmortems/${id}/markdown`, { authorization }),
    paramsOf(id),
  );

describe("GET /api/v1/postmortems/:id/markdown", () => {
  it("serves a resolved SEV1's postmortem to a viewer as a Markdown attachment holding every section", async () => {
    const incident = await resolvedSev1();
    const postmortemId = incident.postmortem?.id;
    expect(postmortemId).toEqual(expect.any(String));
    const response = await markdownOf(postmortemId!, viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="INC-${incident.number}-postmortem.md"`,
    );
    const markdown = await response.text();
    expect(markdown.startsWith(`# INC-${incident.number} postmortem: ${incident.title}\n`)).toBe(
      true,
    );
    expect(markdown).toContain("## Summary");
    for (const section of postmortemSections)
      expect(markdown).toContain(`\n## ${postmortemSectionLabels[section]}\n`);
    expect(markdown).toContain("\n## Timeline\n");
    expect(markdown).toContain("\n## Action items\n");
    expect(markdown).toContain("- **Status:** Draft (required)");
    expect(markdown).toMatch(/^- \d\d:\d\d UTC — .+$/m);
    expect(markdown).toContain(`/postmortems/${postmortemId}`);
  });

  it("answers 404 for unknown and malformed ids, and 401 to anonymous callers", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      const missing = await markdownOf(id, viewer);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    const incident = await resolvedSev1();
    const anonymous = await markdownOf(incident.postmortem!.id);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: "unauthenticated", message: expect.any(String) },
    });
  });
});
