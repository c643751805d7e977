import { describe, expect, it } from "vitest";
import { isRecord, parserOf } from "@/components/health/answer";
import { serviceInputFromForm } from "@/components/services/service-form-input";

describe("serviceInputFromForm", () => {
  it("nests links and the sample probe, splits tags and reads absent checkboxes as off", () => {
    const input = serviceInputFromForm({
      name: "MCP",
      baseUrl: "https://mcp.example",
      profile: "http",
      tags: " a, b ,,",
      "links.logs": "https://logs.example",
      "sampleProbe.path": "/health",
      "sampleProbe.method": "GET",
    });
    expect(input).toMatchObject({
      name: "MCP",
      tags: ["a", "b"],
      enabled: false,
      checkTlsExpiry: false,
      links: { logs: "https://logs.example" },
    });
    expect(input.sampleProbe).toEqual({ path: "/health", method: "GET" });
  });

  it("sends no sample probe when its path is blank", () => {
    expect(
      serviceInputFromForm({ name: "x", baseUrl: "", profile: "http", "sampleProbe.path": "  " })
        .sampleProbe,
    ).toBeNull();
  });
});

describe("answers read on the client", () => {
  const parseNamed = parserOf(
    "a name",
    (value): value is { name: string } => isRecord(value) && typeof value.name === "string",
  );

  it("passes an answer of the expected shape and refuses another one plainly", () => {
    expect(parseNamed({ name: "a" })).toEqual({ name: "a" });
    expect(() => parseNamed("<html>502</html>")).toThrow(
      "Vigil answered with something other than a name. Reload the page.",
    );
  });
});
