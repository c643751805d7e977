import { describe, expect, it } from "vitest";
import { differences, editedFields, editValuesOf, type ValueLabels } from "@/lib/incidents/changes";
import type { IncidentView } from "@/lib/incidents/types";

const labels: ValueLabels = {
  severity: { sev1: "SEV1", sev2: "SEV2", sev3: "SEV3" },
  status: {
    investigating: "Investigating",
    identified: "Identified",
    mitigated: "Mitigated (monitoring)",
    resolved: "Resolved",
  },
};
const ada = { id: "00000000-0000-4000-8000-00000000000a", name: "Ada", email: "ada@vigil.test" };
const bob = { id: "00000000-0000-4000-8000-00000000000b", name: "Bob", email: "bob@vigil.test" };
const mcp = {
  id: "00000000-0000-4000-8000-0000000000c1",
  name: "MCP server",
  environment: "production",
};
const absorb = {
  id: "00000000-0000-4000-8000-0000000000c2",
  name: "Absorb",
  environment: "production",
};

const seen: IncidentView = {
  id: "00000000-0000-4000-8000-000000000001",
  number: 7,
  title: "MCP 502s",
  severity: "sev2",
  status: "investigating",
  summary: "",
  userImpact: "Tools fail",
  workaround: "",
  eta: "",
  commander: ada,
  commsLead: null,
  scribe: null,
  declaredBy: "Ada",
  declaredAt: "2026-11-28T03:00:00.000Z",
  identifiedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  rootCause: null,
  followUps: [],
  services: [mcp],
  version: 3,
  updatedAt: "2026-11-28T03:00:00.000Z",
  postmortem: null,
};

describe("differences", () => {
  it("lists every field someone else changed, as people read it", () => {
    const current: IncidentView = {
      ...seen,
      severity: "sev1",
      status: "mitigated",
      commander: bob,
      scribe: ada,
      services: [absorb, mcp],
      version: 5,
    };
    expect(differences(seen, current, labels)).toEqual([
      { field: "severity", label: "Severity", seen: "SEV2", now: "SEV1" },
      { field: "status", label: "Status", seen: "Investigating", now: "Mitigated (monitoring)" },
      {
        field: "commander",
        label: "Incident commander",
        seen: "Ada (ada@vigil.test)",
        now: "Bob (bob@vigil.test)",
      },
      { field: "scribe", label: "Scribe", seen: "nobody", now: "Ada (ada@vigil.test)" },
      {
        field: "services",
        label: "Affected services",
        seen: "MCP server",
        now: "Absorb, MCP server",
      },
    ]);
  });
  it("is empty when only the version moved", () => {
    expect(differences(seen, { ...seen, version: 4 }, labels)).toEqual([]);
  });
});

describe("editedFields", () => {
  it("keeps only what the editor changed, services in any order", () => {
    const values = {
      ...editValuesOf(seen),
      title: " MCP 502s on /mcp ",
      serviceIds: `${mcp.id}`,
      scribeId: bob.id,
    };
    expect(editedFields(seen, values)).toEqual({ title: "MCP 502s on /mcp", scribeId: bob.id });
    const reordered = { ...editValuesOf({ ...seen, services: [mcp, absorb] }) };
    expect(
      editedFields(
        { ...seen, services: [absorb, mcp] },
        { ...reordered, serviceIds: `${mcp.id},${absorb.id}` },
      ),
    ).toEqual({});
  });
  it("an unassigned role and a cleared field are changes too", () => {
    const withScribe = { ...seen, scribe: bob, eta: "04:00 UTC" };
    expect(
      editedFields(withScribe, { ...editValuesOf(withScribe), scribeId: "", eta: "" }),
    ).toEqual({ scribeId: "", eta: "" });
  });
});
