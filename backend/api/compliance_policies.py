"""Compliance policies: CRUD with versions (If-Match), and dry runs."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Response, status

from backend.api.compliance_scans import findings_read
from backend.api.deps import CurrentActor, SessionDep, ToolkitDep, etag, parse_if_match
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_compliance import (
    DryRunIn,
    DryRunItem,
    DryRunOut,
    PolicyCreate,
    PolicyRead,
    PolicyUpdate,
    PolicyVersionRead,
)
from backend.app.errors import InvalidInput
from backend.app.services import compliance_policies as policy_service

router = APIRouter(
    prefix="/compliance/policies", tags=["compliance policies"], responses=PROBLEM_RESPONSES
)


@router.get("", response_model=list[PolicyRead])
async def list_policies(actor: CurrentActor, session: SessionDep) -> list[PolicyRead]:
    """Every policy, by priority (the lowest number that covers a message applies)."""
    return [
        PolicyRead.model_validate(p)
        for p in await policy_service.list_policies(session, actor=actor)
    ]


@router.post("", response_model=PolicyRead, status_code=status.HTTP_201_CREATED)
async def create_policy(
    policy_in: PolicyCreate,
    actor: CurrentActor,
    session: SessionDep,
    toolkit: ToolkitDep,
    response: Response,
) -> PolicyRead:
    """Create a policy; an empty document starts from the engine's default."""
    values = policy_in.model_dump()
    if not values["document"]:
        values["document"] = toolkit.adapter.default_policy_document()
    policy = await policy_service.create(session, actor=actor, toolkit=toolkit, values=values)
    response.headers["ETag"] = etag(policy.version)
    return PolicyRead.model_validate(policy)


@router.get("/{policy_id}", response_model=PolicyRead)
async def read_policy(
    policy_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> PolicyRead:
    policy = await policy_service.get(session, actor=actor, policy_id=policy_id)
    response.headers["ETag"] = etag(policy.version)
    return PolicyRead.model_validate(policy)


@router.patch("/{policy_id}", response_model=PolicyRead)
async def update_policy(
    policy_id: uuid.UUID,
    policy_in: PolicyUpdate,
    actor: CurrentActor,
    session: SessionDep,
    toolkit: ToolkitDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> PolicyRead:
    """Change a policy; each change is a new version, and a stale If-Match is a 409."""
    policy = await policy_service.update(
        session,
        actor=actor,
        toolkit=toolkit,
        policy_id=policy_id,
        changes=policy_in.model_dump(exclude_unset=True),
        expected_version=parse_if_match(if_match),
    )
    response.headers["ETag"] = etag(policy.version)
    return PolicyRead.model_validate(policy)


@router.get("/{policy_id}/versions", response_model=list[PolicyVersionRead])
async def list_policy_versions(
    policy_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> list[PolicyVersionRead]:
    versions = await policy_service.versions(session, actor=actor, policy_id=policy_id)
    return [PolicyVersionRead.model_validate(v) for v in versions]


@router.post("/dry-run", response_model=DryRunOut)
async def dry_run(
    dry_run_in: DryRunIn, actor: CurrentActor, session: SessionDep, toolkit: ToolkitDep
) -> DryRunOut:
    """What would this policy flag: in a pasted ``text``, or in the flagged messages of ``days``."""
    if (dry_run_in.text is None) == (dry_run_in.days is None):
        raise InvalidInput("give either text or days")
    verdicts: list[tuple[uuid.UUID | None, Any]]
    if dry_run_in.text is not None:
        verdicts = [
            (
                None,
                await policy_service.dry_run_text(
                    session,
                    actor=actor,
                    toolkit=toolkit,
                    document=dry_run_in.document,
                    text=dry_run_in.text,
                ),
            )
        ]
    else:
        hits = await policy_service.dry_run_history(
            session,
            actor=actor,
            toolkit=toolkit,
            document=dry_run_in.document,
            days=dry_run_in.days or 1,
        )
        verdicts = [(hit.scan_id, hit.verdict) for hit in hits]
    return DryRunOut(
        items=[
            DryRunItem(
                scan_id=scan_id,
                decision=v.decision,
                categories=list(v.categories),
                findings=findings_read(v.findings),
                redacted_text=v.redacted_text,
            )
            for scan_id, v in verdicts
        ]
    )
