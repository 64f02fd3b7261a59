"""Demo data for the run command: one user per role (later issues add CRM and alerts)."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.permissions import Role
from backend.app.repositories import users as user_repository
from backend.app.services import compliance_demo, crm_demo
from backend.app.services import users as user_service
from backend.app.services.actors import SYSTEM
from backend.app.services.compliance_toolkit import ComplianceToolkit

log = logging.getLogger("nova.demo")

DEMO_PASSWORD = "novacrm-demo-password"
DEMO_USERS = (
    ("officer@example.com", "Camille Laurent", Role.COMPLIANCE_OFFICER, None),
    ("officer2@example.com", "Noah Becker", Role.COMPLIANCE_OFFICER, None),
    ("sales@example.com", "Inès Moreau", Role.SALES, "Enterprise EMEA"),
    ("sales2@example.com", "Liam Carter", Role.SALES, "Mid-Market US"),
    ("viewer@example.com", "Jonas Weber", Role.VIEWER, None),
)


async def seed(session: AsyncSession, *, toolkit: ComplianceToolkit | None = None) -> int:
    """Create the demo data that does not exist yet; return how many users were added."""
    added = 0
    for email, name, role, team in DEMO_USERS:
        if await user_repository.get_by_email(session, email) is not None:
            continue
        await user_service.create(
            session,
            actor=SYSTEM,
            email=email,
            password=DEMO_PASSWORD,
            full_name=name,
            role=role,
            team=team,
        )
        added += 1
    if added:
        log.info("demo users created", extra={"count": added})
    if toolkit is not None:
        await compliance_demo.seed_alerts(session, toolkit=toolkit)
        await crm_demo.seed(session, adapter=toolkit.adapter)
    return added
