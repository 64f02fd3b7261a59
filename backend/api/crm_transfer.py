"""CSV import and export routes, one pair per CRM list (companies, contacts; deals export)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from backend.api.crm_http import Force, ListParamsDep, csv_download, upload_chunks
from backend.api.deps import CurrentActor, SessionDep, SettingsDep
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_crm import ImportReport
from backend.app.services import crm_exports as export_service
from backend.app.services import crm_imports as import_service

router = APIRouter(tags=["crm: import and export"], responses=PROBLEM_RESPONSES)
_PLURAL = {"company": "companies", "contact": "contacts", "deal": "deals"}
# The email and phone cells of contacts hold every value, in import and export alike.
_SEVERAL = {"contact": " Several emails or phones share a cell, separated by ';', primary first."}
DryRun = Annotated[bool, Query(description="Only report each row; change nothing")]
_UPLOAD_DOC = {
    "requestBody": {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        }
    }
}


def _import_route(entity_type: str) -> None:
    async def import_csv(
        request: Request,
        actor: CurrentActor,
        session: SessionDep,
        settings: SettingsDep,
        dry_run: DryRun = True,
        force: Force = False,
    ) -> ImportReport:
        report = await import_service.import_csv(
            session,
            actor=actor,
            entity_type=entity_type,
            chunks=upload_chunks(request),
            dry_run=dry_run,
            max_bytes=settings.import_max_bytes,
            force=force,
        )
        return ImportReport.model_validate(report)

    columns = ", ".join(import_service.SPECS[entity_type].columns)
    router.add_api_route(
        f"/{_PLURAL[entity_type]}/import",
        import_csv,
        methods=["POST"],
        response_model=ImportReport,
        summary=f"Import {_PLURAL[entity_type]} from CSV",
        description=(
            f"UTF-8 CSV with a header row ({columns}); `tags` are separated by ';'. "
            "The dry run (default) reports every row as valid, invalid (with the reason) or "
            "duplicate; `dry_run=false` inserts the valid rows in one transaction. Files over "
            f"NOVA_IMPORT_MAX_BYTES get 413.{_SEVERAL.get(entity_type, '')}"
        ),
        openapi_extra=_UPLOAD_DOC,
    )


def _export_route(entity_type: str) -> None:
    async def export_csv(
        actor: CurrentActor, session: SessionDep, params: ListParamsDep
    ) -> StreamingResponse:
        spooled = await export_service.export_csv(
            session, actor=actor, entity_type=entity_type, filters=params.filters()
        )
        return csv_download(spooled, f"{_PLURAL[entity_type]}.csv")

    router.add_api_route(
        f"/{_PLURAL[entity_type]}/export.csv",
        export_csv,
        methods=["GET"],
        response_class=StreamingResponse,
        summary=f"Export {_PLURAL[entity_type]} as CSV",
        description="The list's filters apply; personal fields are masked for roles without "
        f"the right to see them.{_SEVERAL.get(entity_type, '')}",
    )


for _entity in ("company", "contact"):
    _import_route(_entity)
for _entity in ("company", "contact", "deal"):
    _export_route(_entity)
