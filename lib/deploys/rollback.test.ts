import { describe, expect, it } from "vitest";
import { railwayTargetFor, rollbackSteps } from "@/lib/deploys/rollback";

describe("rollback guidance from the runbook (sections 5 and 10)", () => {
  it.each([
    ["MCP", "http", "mcp-server"],
    ["HoloScript MCP (prod)", "generic_json", "mcp-server"],
    ["mcp-server", "http", "mcp-server"],
    ["Studio", "http", "studio"],
    ["Absorb", "http", "absorb-service"],
    ["absorb-service", "generic_json", "absorb-service"],
    ["Marketplace API", "http", "marketplace-api"],
    ["Export API", "http", "export-api"],
    ["LLM Service", "http", "llm-service"],
    ["Mesh gateway", "holoscript_mcp", "mcp-server"],
    ["Editor", "studio", "studio"],
    ["Indexer", "absorb", "absorb-service"],
  ] as const)("maps %s (%s profile) to the Railway service %s", (name, profile, railwayService) => {
    expect(railwayTargetFor({ name, profile })?.railwayService).toBe(railwayService);
  });

  it("finds no Railway service for a service the table does not name", () => {
    expect(railwayTargetFor({ name: "Orchestrator", profile: "generic_json" })).toBeNull();
    expect(railwayTargetFor({ name: "Exporter of things", profile: "http" })).toBeNull();
  });

  it("takes the Railway service from the service's own links before guessing from its name", () => {
    expect(
      railwayTargetFor({ name: "Gateway", profile: "http", railway: "llm-service" })
        ?.railwayService,
    ).toBe("llm-service");
    expect(
      railwayTargetFor({ name: "MCP", profile: "http", railway: "export-api" })?.railwayService,
    ).toBe("export-api");
    // A link the table does not know (e.g. a dashboard URL) leaves the guess as it was.
    expect(
      railwayTargetFor({ name: "MCP", profile: "http", railway: "https://railway.app/project/x" })
        ?.railwayService,
    ).toBe("mcp-server");
  });

  it("names the last green deployment and the path filter for a known service", () => {
    const guidance = rollbackSteps({
      service: { name: "MCP", profile: "holoscript_mcp" },
      failedCommit: "abc1234def",
      lastGreenLabel: "v1.2.2",
    });
    expect(guidance.railwayService).toBe("mcp-server");
    expect(guidance.steps[0]).toBe(
      "Redeploy the last green deployment in Railway: service `mcp-server` → Deployments → v1.2.2 → ⋯ → Redeploy",
    );
    expect(guidance.steps[1]).toBe(
      "Or `git revert abc1234def --no-edit` and push to main; deploy-railway.yml redeploys the service (path filter packages/mcp-server/**)",
    );
    expect(guidance.steps[2]).toMatch(/invalidate the CDN/);
  });

  it("maps Studio and Absorb to their rows, with placeholders when there is no green deploy or commit", () => {
    const studio = rollbackSteps({
      service: { name: "Studio", profile: "studio" },
      failedCommit: null,
      lastGreenLabel: null,
    });
    expect(studio.railwayService).toBe("studio");
    expect(studio.steps[0]).toContain(
      "service `studio` → Deployments → the last green deployment → ⋯ → Redeploy",
    );
    expect(studio.steps[1]).toContain("`git revert <bad-commit-sha> --no-edit`");
    expect(studio.steps[1]).toContain("path filter packages/studio/**");
    const absorb = rollbackSteps({
      service: { name: "Absorb", profile: "absorb" },
      failedCommit: "0123456",
      lastGreenLabel: "v3",
    });
    expect(absorb.railwayService).toBe("absorb-service");
    expect(absorb.steps[1]).toContain("path filter packages/absorb-service/**");
  });

  it("falls back to generic wording for an unknown service", () => {
    const guidance = rollbackSteps({
      service: { name: "Orchestrator", profile: "generic_json" },
      failedCommit: "fedcba9",
      lastGreenLabel: "v9",
    });
    expect(guidance.railwayService).toBeNull();
    expect(guidance.steps[0]).toBe(
      "Redeploy the last green deployment of Orchestrator (v9), or its previous container digest, from your platform's deployments list.",
    );
    expect(guidance.steps[1]).toBe(
      "Or `git revert fedcba9 --no-edit` and push to main so CI redeploys the service.",
    );
    expect(guidance.steps.join(" ")).not.toMatch(/Railway|deploy-railway/);
  });
});
