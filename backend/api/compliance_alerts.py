"""The officers' alert queue: list, read, act (with If-Match), reveal evidence, export."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import StreamingResponse

from backend.api.deps import CurrentActor, SessionDep, ToolkitDep, etag, parse_if_match
from backend.api.schemas_common import PROBLEM_RESPONSES, Page
from backend.api.schemas_compliance import (
    AlertActionIn,
    AlertDetailRead,
    AlertEventRead,
    AlertRead,
    FindingRead,
    RevealDecisionIn,
    RevealIn,
    RevealRequestRead,
    RevealResponse,
)
from backend.app.models import Alert
from backend.app.services import compliance_alerts as alert_service
from backend.app.services import compliance_evidence as evidence_service
from backend.app.services import compliance_stats as stats_service
from backend.app.services.compliance_alerts import AlertFilters

router = APIRouter(prefix="/compliance", tags=["compliance alerts"], responses=PROBLEM_RESPONSES)


def _seconds(start: datetime, end: datetime | None) -> float | None:
    return round((end - start).total_seconds(), 1) if end else None


def alert_read(alert: Alert) -> AlertRead:
    return AlertRead(
        id=alert.id,
        status=alert.status,
        severity=alert.severity,
        category=alert.category,
        categories=list(alert.categories.get("items", [])),
        detectors=list(alert.detectors.get("items", [])),
        source=alert.source,
        policy_id=alert.policy_id,
        policy_name=alert.policy_name,
        policy_version=alert.policy_version,
        author_pseudonym=alert.author_pseudonym,
        occurrences=alert.occurrences,
        redacted_excerpt=alert.redacted_excerpt,
        link=alert.link,
        assignee_id=alert.assignee_id,
        tags=list(alert.tags.get("items", [])),
        created_at=alert.created_at,
        updated_at=alert.updated_at,
        first_seen_at=alert.first_seen_at,
        last_seen_at=alert.last_seen_at,
        acknowledged_at=alert.acknowledged_at,
        closed_at=alert.closed_at,
        resolution_reason=alert.resolution_reason,
        seconds_to_acknowledge=_seconds(alert.created_at, alert.acknowledged_at),
        seconds_to_resolve=_seconds(alert.created_at, alert.closed_at),
        version=alert.version,
    )


def detail_read(detail: alert_service.AlertDetail, four_eyes: bool) -> AlertDetailRead:
    findings = [FindingRead(**f) for f in detail.alert.findings.get("items", [])]
    return AlertDetailRead(
        **alert_read(detail.alert).model_dump(),
        findings=findings,
        assignee=detail.assignee_label,
        history=[AlertEventRead.model_validate(e) for e in detail.events],
        reveal_requests=[RevealRequestRead.model_validate(r) for r in detail.reveal_requests],
        four_eyes=four_eyes,
    )


def _filters(
    status: list[str] | None,
    severity: list[str] | None,
    category: list[str] | None,
    source: list[str] | None,
    assignee_id: uuid.UUID | None,
    author: str | None,
    since: datetime | None,
    until: datetime | None,
) -> AlertFilters:
    return AlertFilters(
        statuses=status or (),
        severities=severity or (),
        categories=category or (),
        sources=source or (),
        assignee_id=assignee_id,
        author_pseudonym=author,
        since=since,
        until=until,
    )


ListParam = Annotated[list[str] | None, Query()]


@router.get("/alerts", response_model=Page[AlertRead])
async def list_alerts(
    actor: CurrentActor,
    session: SessionDep,
    status: ListParam = None,
    severity: ListParam = None,
    category: ListParam = None,
    source: ListParam = None,
    assignee_id: uuid.UUID | None = None,
    author: Annotated[str | None, Query(description="author pseudonym")] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> Page[AlertRead]:
    """Alerts newest first; filters combine; repeat a list filter (?status=new&status=escalated)."""
    filters = _filters(status, severity, category, source, assignee_id, author, since, until)
    page = await alert_service.list_alerts(
        session, actor=actor, filters=filters, limit=limit, cursor=cursor
    )
    return Page(items=[alert_read(a) for a in page.items], next_cursor=page.next_cursor)


@router.get("/alerts/export")
async def export_alerts(
    actor: CurrentActor,
    session: SessionDep,
    since: datetime,
    until: datetime,
    format: Annotated[Literal["csv", "json"], Query()] = "csv",
    status: ListParam = None,
    category: ListParam = None,
) -> StreamingResponse:
    """Alerts created in [since, until) for eDiscovery: redacted excerpts, pseudonymised authors."""
    filters = _filters(status, None, category, None, None, None, since, until)
    lines = await stats_service.export_alerts(session, actor=actor, filters=filters, fmt=format)
    media = "application/x-ndjson" if format == "json" else "text/csv; charset=utf-8"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    headers = {"Content-Disposition": f'attachment; filename="alerts-{stamp}.{format}"'}
    return StreamingResponse(lines, media_type=media, headers=headers)


@router.get("/alerts/{alert_id}", response_model=AlertDetailRead)
async def read_alert(
    alert_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> AlertDetailRead:
    """One alert with its findings (positions and explanations, never raw values) and history."""
    detail = await alert_service.get(session, actor=actor, alert_id=alert_id)
    response.headers["ETag"] = etag(detail.alert.version)
    return detail_read(detail, await evidence_service.needs_four_eyes(session, detail.alert))


@router.post("/alerts/{alert_id}/actions", response_model=AlertDetailRead)
async def act_on_alert(
    alert_id: uuid.UUID,
    action_in: AlertActionIn,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> AlertDetailRead:
    """acknowledge | assign | escalate | resolve | dismiss | reopen | comment | tag."""
    assignee = actor.user_id if action_in.assignee_id == "me" else action_in.assignee_id
    action = alert_service.AlertAction(
        action=action_in.action,
        comment=action_in.comment,
        reason=action_in.reason,
        assignee_id=assignee if isinstance(assignee, uuid.UUID) else None,
        tags=tuple(action_in.tags),
        remove_tags=tuple(action_in.remove_tags),
    )
    detail = await alert_service.act(
        session,
        actor=actor,
        alert_id=alert_id,
        action=action,
        expected_version=parse_if_match(if_match),
    )
    response.headers["ETag"] = etag(detail.alert.version)
    return detail_read(detail, await evidence_service.needs_four_eyes(session, detail.alert))


def _reveal_response(result: evidence_service.RevealResult) -> RevealResponse:
    return RevealResponse(
        request=RevealRequestRead.model_validate(result.request), content=result.content
    )


@router.post("/alerts/{alert_id}/reveal", response_model=RevealResponse)
async def reveal(
    alert_id: uuid.UUID,
    reveal_in: RevealIn,
    actor: CurrentActor,
    session: SessionDep,
    toolkit: ToolkitDep,
    response: Response,
) -> RevealResponse:
    """Reveal raw evidence or the author's identity with a written reason (audited).

    When the alert's policy asks for four eyes, this opens a pending request (202) instead.
    """
    result = await evidence_service.request_reveal(
        session,
        actor=actor,
        toolkit=toolkit,
        alert_id=alert_id,
        target=reveal_in.target,
        reason=reveal_in.reason,
    )
    if result.content is None:
        response.status_code = 202
    return _reveal_response(result)


@router.post("/reveal-requests/{request_id}/decision", response_model=RevealRequestRead)
async def decide_reveal(
    request_id: uuid.UUID, decision_in: RevealDecisionIn, actor: CurrentActor, session: SessionDep
) -> Any:
    """A second officer approves or rejects a pending reveal."""
    request = await evidence_service.decide(
        session,
        actor=actor,
        request_id=request_id,
        approve=decision_in.approve,
        comment=decision_in.comment,
    )
    return RevealRequestRead.model_validate(request)


@router.post("/reveal-requests/{request_id}/open", response_model=RevealResponse)
async def open_reveal(
    request_id: uuid.UUID, actor: CurrentActor, session: SessionDep, toolkit: ToolkitDep
) -> RevealResponse:
    """The requester opens an approved reveal (once)."""
    result = await evidence_service.use_approved(
        session, actor=actor, toolkit=toolkit, request_id=request_id
    )
    return _reveal_response(result)
