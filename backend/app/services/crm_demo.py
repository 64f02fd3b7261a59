"""A believable demo CRM for the run command: companies, contacts, deals across stages, notes."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.compliance_adapter import ComplianceAdapter
from backend.app.repositories import companies as company_repository
from backend.app.repositories import pipelines as pipeline_repository
from backend.app.repositories import users as user_repository
from backend.app.services import activities as activity_service
from backend.app.services import companies as company_service
from backend.app.services import contacts as contact_service
from backend.app.services import deals as deal_service
from backend.app.services import pipelines as pipeline_service
from backend.app.services.actors import Actor, user_actor
from backend.app.services.crm_text import CrmTextScreener

log = logging.getLogger("nova.demo")

# (owner email, company, domain, industry, size, city, contacts, deals)
# contacts: (first, last, title, email local part, phone)
# deals: (title, amount, currency, stage index, status, note)
DEMO_COMPANIES: tuple[tuple[Any, ...], ...] = (
    (
        "sales@example.com",
        "Helvetia Logistics",
        "helvetia-logistics.ch",
        "Logistics",
        "201-500",
        "Zürich",
        (
            ("Lea", "Brunner", "Head of Operations", "lea.brunner", "+41 44 668 18 00"),
            ("Marco", "Keller", "CFO", "marco.keller", "+41 44 668 18 12"),
        ),
        (
            (
                "Fleet tracking rollout",
                "84000.00",
                "CHF",
                3,
                "open",
                "Pilot with 40 trucks went well; legal reviewing the DPA.",
            ),
        ),
    ),
    (
        "sales@example.com",
        "Nordlicht Energie",
        "nordlicht-energie.de",
        "Energy",
        "1001-5000",
        "Hamburg",
        (("Sophie", "Wagner", "Procurement Lead", "s.wagner", "+49 40 3005 1234"),),
        (
            (
                "Grid analytics platform",
                "250000.00",
                "EUR",
                1,
                "open",
                "Discovery call: they need SCADA export and an on-prem option.",
            ),
            ("Support renewal 2027", "36000.00", "EUR", 4, "won", None),
        ),
    ),
    (
        "sales@example.com",
        "Atelier Moreau",
        "ateliermoreau.fr",
        "Retail",
        "51-200",
        "Lyon",
        (("Claire", "Dubois", "E-commerce Director", "claire.dubois", "+33 4 72 10 30 30"),),
        (("Omnichannel CRM", "42000.00", "EUR", 2, "lost", "Chose an in-house build"),),
    ),
    (
        "sales2@example.com",
        "Bluebird Health",
        "bluebirdhealth.com",
        "Healthcare",
        "501-1000",
        "Boston",
        (
            ("Emily", "Chen", "VP Patient Experience", "emily.chen", "+1 617 555 0142"),
            ("James", "O'Connor", "IT Security Manager", "j.oconnor", "+1 617 555 0177"),
        ),
        (
            (
                "Patient outreach suite",
                "120000.00",
                "USD",
                2,
                "open",
                "Security questionnaire sent; HIPAA BAA required before signature.",
            ),
        ),
    ),
    (
        "sales2@example.com",
        "Lone Star Components",
        "lonestarcomponents.com",
        "Manufacturing",
        "201-500",
        "Austin",
        (("Carlos", "Ramirez", "Plant Manager", "carlos.ramirez", "+1 512 555 0190"),),
        (
            (
                "MES integration",
                "58000.00",
                "USD",
                0,
                "open",
                "Inbound lead from the webinar; wants a demo next week.",
            ),
        ),
    ),
)
NOTES = (
    ("call", "Intro call: current tool is spreadsheets, pain is forecasting accuracy."),
    ("meeting", "On-site workshop with the operations team; agreed on success criteria."),
)


async def _actor(session: AsyncSession, email: str) -> Actor | None:
    user = await user_repository.get_by_email(session, email)
    if user is None:
        return None
    return user_actor(user_id=user.id, email=user.email, role=user.role, team_id=user.team_id)


async def _seed_company(
    session: AsyncSession, actor: Actor, screener: CrmTextScreener, spec: tuple[Any, ...]
) -> None:
    _, name, domain, industry, size, city, contacts, deals = spec
    company = await company_service.create(
        session,
        actor=actor,
        company_in={
            "name": name,
            "domain": domain,
            "industry": industry,
            "size": size,
            "address": city,
            "tags": [industry.lower()],
        },
    )
    contact_ids = []
    for first, last, title, local, phone in contacts:
        contact = await contact_service.create(
            session,
            actor=actor,
            contact_in={
                "first_name": first,
                "last_name": last,
                "job_title": title,
                "email": f"{local}@{domain}",
                "phone": phone,
                "company_id": company["id"],
                "consents": {"marketing": {"granted": True, "source": "webinar"}},
            },
        )
        contact_ids.append(contact["id"])
    pipeline = await pipeline_service.ensure_default(session)
    stages = await pipeline_repository.stages(session, [pipeline.id])
    for title, amount, currency, stage, status, note in deals:
        await _seed_deal(
            session,
            actor,
            screener,
            company["id"],
            contact_ids,
            stages,
            (title, amount, currency, stage, status, note),
        )
    for kind, body in NOTES:
        await activity_service.create(
            session,
            actor=actor,
            screener=screener,
            activity_in={
                "type": kind,
                "body": body,
                "company_id": company["id"],
                "contact_id": contact_ids[0],
            },
        )


async def _seed_deal(
    session: AsyncSession,
    actor: Actor,
    screener: CrmTextScreener,
    company_id: Any,
    contact_ids: list[Any],
    stages: list[Any],
    spec: tuple[Any, ...],
) -> None:
    title, amount, currency, stage, status, note = spec
    close = date.today() + timedelta(days=30 + 15 * stage)
    deal = await deal_service.create(
        session,
        actor=actor,
        screener=screener,
        deal_in={
            "title": title,
            "amount": amount,
            "currency": currency,
            "company_id": company_id,
            "contact_ids": contact_ids[:1],
            "expected_close_date": close,
        },
    )
    for index in range(1, stage + 1):
        await deal_service.update(
            session,
            actor=actor,
            screener=screener,
            deal_id=deal["id"],
            changes={"stage_id": stages[index].id},
        )
    if status != "open":
        await deal_service.update(
            session,
            actor=actor,
            screener=screener,
            deal_id=deal["id"],
            changes={"status": status, "close_reason": note if status == "lost" else "Signed"},
        )
    elif note:
        await activity_service.create(
            session,
            actor=actor,
            screener=screener,
            activity_in={"type": "note", "body": note, "deal_id": deal["id"]},
        )
    await activity_service.create(
        session,
        actor=actor,
        screener=screener,
        activity_in={
            "type": "task",
            "body": f"Follow up on {title}",
            "deal_id": deal["id"],
            "due_at": datetime.now(UTC) + timedelta(days=3),
        },
    )


async def seed(session: AsyncSession, *, adapter: ComplianceAdapter) -> int:
    """Seed the demo CRM once (when no company exists); return how many companies were added."""
    if await company_repository.count(session):
        return 0
    screener = CrmTextScreener(adapter)
    added = 0
    for spec in DEMO_COMPANIES:
        actor = await _actor(session, spec[0])
        if actor is None:
            continue
        await _seed_company(session, actor, screener, spec)
        added += 1
    if added:
        log.info("demo CRM created", extra={"companies": added})
    return added
