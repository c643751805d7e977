import { describe, expect, it } from "vitest";
import { hasRole, roles } from "@/lib/auth/roles";

describe("role ordering", () => {
  it("lets each role do what the roles below it do, and nothing above", () => {
    expect(roles).toEqual(["viewer", "responder", "lead", "admin"]);
    expect(hasRole("admin", "viewer")).toBe(true);
    expect(hasRole("lead", "responder")).toBe(true);
    expect(hasRole("responder", "responder")).toBe(true);
    expect(hasRole("responder", "lead")).toBe(false);
    expect(hasRole("viewer", "responder")).toBe(false);
    expect(hasRole("lead", "admin")).toBe(false);
  });
});
