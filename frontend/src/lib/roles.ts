// What each role may see in the navigation; mirrors backend/app/permissions.py (the server still decides).
import type { Schemas } from "./api";

export type Role = Schemas["Role"];
export type Capability =
  | "crm:read"
  | "crm:write"
  | "crm:import_export"
  | "compliance:review"
  | "compliance:policies"
  | "audit:read"
  | "users:manage"
  | "api_keys:manage"
  | "operations:read";

const ALL: Capability[] = [
  "crm:read",
  "crm:write",
  "crm:import_export",
  "compliance:review",
  "compliance:policies",
  "audit:read",
  "users:manage",
  "api_keys:manage",
  "operations:read",
];

export const ROLE_CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  admin: new Set(ALL),
  compliance_officer: new Set<Capability>([
    "crm:read",
    "compliance:review",
    "compliance:policies",
    "audit:read",
    "operations:read",
  ]),
  sales: new Set<Capability>(["crm:read", "crm:write", "crm:import_export"]),
  viewer: new Set<Capability>(["crm:read"]),
};

export function can(role: Role | undefined, capability: Capability): boolean {
  return role ? ROLE_CAPABILITIES[role].has(capability) : false;
}

/** Where a user lands after signing in. */
export function homeFor(role: Role): string {
  return can(role, "compliance:review") ? "/compliance" : "/contacts";
}
