"""Privacy classes of every CRM field, the one masking function, and the record views.

Every read and export path builds its output with ``view()``, so a role without the right to
see personal data never receives it, whichever front door it came through.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from backend.app.models import Activity, Company, Contact, Deal
from backend.app.permissions import Permission
from backend.app.services.actors import Actor

View = dict[str, Any]
MASK = "***"


class Privacy(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    PERSONAL = "personal"
    SENSITIVE = "sensitive"


_P = Privacy
_COMMON = {
    "id": _P.PUBLIC,
    "owner_id": _P.INTERNAL,
    "team_id": _P.INTERNAL,
    "tags": _P.INTERNAL,
    "version": _P.PUBLIC,
    "created_at": _P.PUBLIC,
    "updated_at": _P.PUBLIC,
    "archived_at": _P.PUBLIC,
}
FIELD_PRIVACY: dict[str, dict[str, Privacy]] = {
    "company": {
        **_COMMON,
        "name": _P.PUBLIC,
        "domain": _P.PUBLIC,
        "industry": _P.PUBLIC,
        "size": _P.PUBLIC,
        "address": _P.INTERNAL,
        "merged_into_id": _P.INTERNAL,
    },
    "contact": {
        **_COMMON,
        "first_name": _P.PERSONAL,
        "last_name": _P.PERSONAL,
        "email": _P.PERSONAL,
        "emails": _P.PERSONAL,
        "phone": _P.PERSONAL,
        "phones": _P.PERSONAL,
        "job_title": _P.INTERNAL,
        "company_id": _P.INTERNAL,
        "consents": _P.SENSITIVE,
        "merged_into_id": _P.INTERNAL,
        "erased_at": _P.INTERNAL,
    },
    "deal": {
        **_COMMON,
        "title": _P.INTERNAL,
        "description": _P.PERSONAL,
        "compliance": _P.INTERNAL,
        "company_id": _P.INTERNAL,
        "contact_ids": _P.INTERNAL,
        "amount": _P.INTERNAL,
        "currency": _P.INTERNAL,
        "pipeline_id": _P.INTERNAL,
        "stage_id": _P.INTERNAL,
        "expected_close_date": _P.INTERNAL,
        "probability": _P.INTERNAL,
        "status": _P.INTERNAL,
        "close_reason": _P.INTERNAL,
        "closed_at": _P.INTERNAL,
    },
    "activity": {
        **_COMMON,
        "type": _P.INTERNAL,
        "body": _P.PERSONAL,
        "details": _P.INTERNAL,
        "compliance": _P.INTERNAL,
        "due_at": _P.INTERNAL,
        "is_done": _P.INTERNAL,
        "company_id": _P.INTERNAL,
        "contact_id": _P.INTERNAL,
        "deal_id": _P.INTERNAL,
    },
}
_HIDDEN = frozenset({_P.PERSONAL, _P.SENSITIVE})


def _masked(field: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        # Each item masked as the field's single value would be (emails → each address).
        return [_masked(field.removesuffix("s"), item) for item in value]
    if field == "email" and isinstance(value, str) and "@" in value:
        # The domain says which company; the mailbox says who.
        return f"{MASK}@{value.rpartition('@')[2]}"
    if isinstance(value, dict):
        return {}
    return MASK


def mask(entity_type: str, data: View, actor: Actor) -> View:
    """Mask personal and sensitive fields for an actor without the right to see them."""
    if actor.can(Permission.CRM_SEE_PERSONAL):
        return data
    classes = FIELD_PRIVACY[entity_type]
    return {
        field: _masked(field, value) if classes.get(field, _P.PERSONAL) in _HIDDEN else value
        for field, value in data.items()
    }


def audit_changes(entity_type: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Which fields changed, with values only for fields that are not personal or sensitive."""
    classes = FIELD_PRIVACY[entity_type]
    values = {
        field: value
        for field, value in changes.items()
        if classes.get(field, _P.PERSONAL) not in _HIDDEN
    }
    return {"fields": sorted(changes), "values": values}


def _base(record: Company | Contact | Deal | Activity) -> View:
    return {
        "id": record.id,
        "owner_id": record.owner_id,
        "team_id": record.team_id,
        "version": record.version,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "archived_at": record.archived_at,
    }


def company_view(company: Company, actor: Actor) -> View:
    data = _base(company) | {
        "name": company.name,
        "domain": company.domain,
        "industry": company.industry,
        "size": company.size,
        "address": company.address,
        "tags": list(company.tags or []),
        "merged_into_id": company.merged_into_id,
    }
    return mask("company", data, actor)


def contact_view(contact: Contact, actor: Actor) -> View:
    data = _base(contact) | {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "emails": [row.email for row in contact.email_addresses],
        "phone": contact.phone,
        "phones": [row.phone for row in contact.phone_numbers],
        "job_title": contact.job_title,
        "company_id": contact.company_id,
        "consents": dict(contact.consents or {}),
        "tags": list(contact.tags or []),
        "merged_into_id": contact.merged_into_id,
        "erased_at": contact.erased_at,
    }
    return mask("contact", data, actor)


def deal_view(deal: Deal, actor: Actor, contact_ids: list[Any] | None = None) -> View:
    data = _base(deal) | {
        "title": deal.title,
        "description": deal.description,
        "compliance": dict(deal.compliance or {}),
        "company_id": deal.company_id,
        "contact_ids": contact_ids or [],
        "amount": deal.amount,
        "currency": deal.currency,
        "pipeline_id": deal.pipeline_id,
        "stage_id": deal.stage_id,
        "expected_close_date": deal.expected_close_date,
        "probability": deal.probability,
        "status": deal.status,
        "close_reason": deal.close_reason,
        "closed_at": deal.closed_at,
        "tags": list(deal.tags or []),
    }
    return mask("deal", data, actor)


def activity_view(activity: Activity, actor: Actor) -> View:
    data = _base(activity) | {
        "type": activity.type,
        "body": activity.body,
        "details": dict(activity.details or {}),
        "compliance": dict(activity.compliance or {}),
        "due_at": activity.due_at,
        "is_done": activity.is_done,
        "company_id": activity.company_id,
        "contact_id": activity.contact_id,
        "deal_id": activity.deal_id,
        "tags": [],
    }
    return mask("activity", data, actor)
