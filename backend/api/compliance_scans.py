"""POST /compliance/scan: scan a text as any source, with the hub's policies and alerts."""

from __future__ import annotations

from fastapi import APIRouter

from backend.api.deps import CurrentActor, SessionDep, ToolkitDep
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_compliance import FindingRead, ScanRequest, ScanResponse
from backend.app.services import compliance_scans as scan_service
from backend.app.services.compliance_scans import ScanContext

router = APIRouter(prefix="/compliance", tags=["compliance"], responses=PROBLEM_RESPONSES)


def findings_read(findings: object) -> list[FindingRead]:
    return [
        FindingRead(
            detector=f.detector_id,
            category=f.category,
            type=f.entity_type,
            subtype=f.subtype,
            start=f.start,
            end=f.end,
            score=f.score,
            severity=f.severity,
            explanation=f.explanation,
        )
        for f in findings  # type: ignore[attr-defined]
    ]


@router.post("/scan", response_model=ScanResponse)
async def scan_text(
    scan_in: ScanRequest, actor: CurrentActor, session: SessionDep, toolkit: ToolkitDep
) -> ScanResponse:
    """Scan a text; the same message (ids in context) twice never raises a second alert."""
    outcome = await scan_service.scan(
        session,
        actor=actor,
        toolkit=toolkit,
        source=scan_in.source.value,
        text=scan_in.text,
        context=ScanContext(**scan_in.context.model_dump()),
    )
    verdict = outcome.verdict
    return ScanResponse(
        scan_id=outcome.scan_id,
        decision="allow" if outcome.suppressed else verdict.decision,
        categories=[] if outcome.suppressed else list(verdict.categories),
        findings=[] if outcome.suppressed else findings_read(verdict.findings),
        redacted_text=verdict.redacted_text,
        truncated=verdict.truncated,
        alert_id=outcome.alert_id,
        duplicate=outcome.duplicate,
        suppressed=outcome.suppressed,
        policy=outcome.policy_name,
        policy_version=outcome.policy_version,
    )
