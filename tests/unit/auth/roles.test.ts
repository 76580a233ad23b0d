import { describe, expect, it } from "vitest";
import { hasRole, isRole, ROLES, type Role } from "@/lib/roles";

describe("hasRole", () => {
  it("orders viewer < auditor < engineer < admin, each including the ones below", () => {
    const expected: Record<Role, Role[]> = {
      viewer: ["viewer"],
      auditor: ["viewer", "auditor"],
      engineer: ["viewer", "auditor", "engineer"],
      admin: ["viewer", "auditor", "engineer", "admin"],
    };
    for (const held of ROLES) {
      for (const required of ROLES) {
        expect(hasRole({ role: held }, required), `${held} for ${required}`).toBe(expected[held].includes(required));
      }
    }
  });

  it("grants nothing without a principal", () => {
    expect(hasRole(null, "viewer")).toBe(false);
    expect(hasRole(undefined, "viewer")).toBe(false);
  });
});

describe("isRole", () => {
  it("accepts the four roles only", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ["Admin", "root", "", null, 3, undefined]) expect(isRole(value)).toBe(false);
  });
});
