import { describe, expect, it } from "vitest";
import {
  deployFilterFromSearchParams,
  deploysHref,
} from "@/components/deploys/deploy-filters-params";

describe("deployFilterFromSearchParams", () => {
  it("takes the service, status, in-flight flag and page from the URL", () => {
    const serviceId = "0b5c5a0e-3f55-4a86-9d4e-0a4b7f0c2d11";
    const { filter, values, ignored } = deployFilterFromSearchParams({
      service: serviceId,
      status: "failed",
      inFlight: "true",
      before: "42",
    });
    expect(filter).toEqual({
      limit: 50,
      service: serviceId,
      status: "failed",
      inFlight: true,
      before: 42,
    });
    expect(values).toEqual({
      service: serviceId,
      status: "failed",
      inFlight: "true",
      before: "42",
    });
    expect(ignored).toEqual([]);
  });

  it("drops and names values it does not understand instead of failing the page", () => {
    const { filter, values, ignored } = deployFilterFromSearchParams({
      status: "exploded",
      before: "-3",
      service: ["mcp-server", "studio"],
    });
    expect(filter).toEqual({ limit: 50, service: "mcp-server" });
    expect(values.status).toBe("");
    expect(ignored).toEqual(["status", "before"]);
  });

  it("treats an unticked in-flight box as no filter", () => {
    const { filter, values } = deployFilterFromSearchParams({ inFlight: "false" });
    expect(filter).toEqual({ limit: 50 });
    expect(values.inFlight).toBe("");
  });
});

describe("deploysHref", () => {
  it("keeps only the values that are set", () => {
    expect(deploysHref({ service: "a b", status: "", inFlight: "true", before: "7" })).toBe(
      "/deploys?service=a+b&inFlight=true&before=7",
    );
    expect(deploysHref({})).toBe("/deploys");
  });
});
