"""CSV export of companies, contacts and deals: the caller's filters, scope and masking apply."""

from __future__ import annotations

import csv
import io
import tempfile
from typing import IO, Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Company, Contact, Deal
from backend.app.permissions import Permission
from backend.app.repositories import crm_lists as list_repository
from backend.app.repositories.crm_lists import Sort
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services import deals as deal_service
from backend.app.services.actors import Actor

BATCH_ROWS = 1000
COLUMNS: dict[str, tuple[str, ...]] = {
    "company": (
        "id",
        "name",
        "domain",
        "industry",
        "size",
        "address",
        "tags",
        "owner_id",
        "team_id",
        "created_at",
        "updated_at",
    ),
    "contact": (
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "job_title",
        "company_id",
        "tags",
        "owner_id",
        "team_id",
        "created_at",
        "updated_at",
    ),
    "deal": (
        "id",
        "title",
        "company_id",
        "amount",
        "currency",
        "pipeline_id",
        "stage_id",
        "status",
        "expected_close_date",
        "probability",
        "owner_id",
        "team_id",
        "created_at",
        "updated_at",
    ),
}
_MODELS: dict[str, Any] = {
    "company": Company,
    "contact": Contact,
    "deal": Deal,
}


# Columns that hold every value of a list, separated by ';' (as the import reads them).
_LISTS: dict[str, dict[str, str]] = {"contact": {"email": "emails", "phone": "phones"}}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = ";".join(str(v) for v in value)
    else:
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    # A leading =, +, - or @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not text[1:2].isdigit() else text


async def _views(
    session: AsyncSession, entity_type: str, rows: list[Any], actor: Actor
) -> list[privacy.View]:
    if entity_type == "deal":
        return await deal_service.views(session, rows, actor)
    if entity_type == "company":
        return [privacy.company_view(r, actor) for r in rows]
    return [privacy.contact_view(r, actor) for r in rows]


async def export_csv(
    session: AsyncSession, *, actor: Actor, entity_type: str, filters: dict[str, Any]
) -> IO[bytes]:
    """Write the matching records to a spooled file (bounded memory) and audit the export."""
    model = _MODELS[entity_type]
    scoped = records.scope_filter(actor, **filters)
    columns = COLUMNS[entity_type]
    sources = [_LISTS.get(entity_type, {}).get(c, c) for c in columns]
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=1_048_576)  # noqa: SIM115
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns)
    count = 0
    after = None
    while True:
        sort = Sort(field="created_at", descending=False, after=after)
        rows = await list_repository.list_page(
            session, model, entity_type, filters=scoped, sort=sort, limit=BATCH_ROWS
        )
        for view in await _views(session, entity_type, rows, actor):
            writer.writerow([_cell(view.get(c)) for c in sources])
        count += len(rows)
        if len(rows) < BATCH_ROWS:
            break
        after = (rows[-1].created_at, rows[-1].id)
    text.detach()
    out.seek(0)
    await records.audit(
        session,
        actor=actor,
        action="exported",
        entity_type=entity_type,
        record_id=None,
        rows=count,
        filters=sorted(k for k, v in filters.items() if v not in (None, False)),
        masked=not actor.can(Permission.CRM_SEE_PERSONAL),
    )
    return out
