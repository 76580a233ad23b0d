// Roles, in increasing order of power; each includes everything the previous can do.
export const ROLES = ["viewer", "auditor", "engineer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  type: "user" | "token" | "system";
  id: string;
  name: string;
  email?: string;
  role: Role;
}

export function hasRole(principal: Pick<Principal, "role"> | null | undefined, required: Role): boolean {
  if (!principal) return false;
  return ROLES.indexOf(principal.role) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
