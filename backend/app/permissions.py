"""Roles, permissions and API-key scopes: the one permission matrix of the product."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COMPLIANCE_OFFICER = "compliance_officer"
    SALES = "sales"
    VIEWER = "viewer"


class Permission(StrEnum):
    USERS_MANAGE = "users:manage"
    API_KEYS_MANAGE = "api_keys:manage"
    AUDIT_READ = "audit:read"
    CRM_READ = "crm:read"
    CRM_WRITE = "crm:write"
    CRM_READ_ALL_TEAMS = "crm:read_all_teams"
    CRM_WRITE_ALL_TEAMS = "crm:write_all_teams"
    CRM_SEE_PERSONAL = "crm:see_personal"
    CRM_IMPORT_EXPORT = "crm:import_export"
    CRM_ERASE = "crm:erase"
    CRM_CONFIGURE = "crm:configure"
    COMPLIANCE_SCAN = "compliance:scan"
    COMPLIANCE_REVIEW = "compliance:review"
    COMPLIANCE_REVEAL = "compliance:reveal"
    COMPLIANCE_POLICIES = "compliance:policies"
    AI_GATEWAY = "ai:gateway"
    OPERATIONS_READ = "operations:read"
    OPERATIONS_MANAGE = "operations:manage"


_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COMPLIANCE_OFFICER: frozenset(
        {
            _P.AUDIT_READ,
            _P.CRM_READ,
            _P.CRM_READ_ALL_TEAMS,
            _P.CRM_SEE_PERSONAL,
            _P.CRM_ERASE,
            _P.COMPLIANCE_SCAN,
            _P.COMPLIANCE_REVIEW,
            _P.COMPLIANCE_REVEAL,
            _P.COMPLIANCE_POLICIES,
            _P.AI_GATEWAY,
            _P.OPERATIONS_READ,
        }
    ),
    Role.SALES: frozenset(
        {
            _P.CRM_READ,
            _P.CRM_WRITE,
            _P.CRM_SEE_PERSONAL,
            _P.CRM_IMPORT_EXPORT,
            _P.COMPLIANCE_SCAN,
            _P.AI_GATEWAY,
        }
    ),
    Role.VIEWER: frozenset({_P.CRM_READ, _P.CRM_READ_ALL_TEAMS}),
}

# What a machine client's API key may be granted; each scope is exactly one permission.
API_KEY_SCOPES: dict[str, Permission] = {
    "ai:gateway": _P.AI_GATEWAY,
    "compliance:scan": _P.COMPLIANCE_SCAN,
    "crm:read": _P.CRM_READ,
    "audit:read": _P.AUDIT_READ,
}


def permissions_for_role(role: Role | str) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[Role(role)]


def permissions_for_scopes(scopes: list[str]) -> frozenset[Permission]:
    return frozenset(API_KEY_SCOPES[s] for s in scopes if s in API_KEY_SCOPES)
