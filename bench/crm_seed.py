"""Seed a PostgreSQL database with a large CRM (COPY through asyncpg), for bench-crm.

100k contacts, 20k companies, 50k deals and 500k activities by default, spread over four
sales teams, with update times over the past year so that lists and cursors look real.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import asyncpg

from backend.app.security import hash_password

FIRST = (
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Marie",
    "Nikola",
    "Emmy",
    "Hedy",
    "Kurt",
    "Lise",
    "Claude",
    "Barbara",
    "Edsger",
    "Frances",
    "John",
    "Katherine",
    "Margaret",
    "Niklaus",
    "Radia",
    "Tim",
    "Sophie",
    "Lucas",
    "Emma",
    "Noah",
    "Léa",
    "Jonas",
    "Chloé",
    "Mateo",
)
LAST = (
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Curie",
    "Tesla",
    "Noether",
    "Lamarr",
    "Gödel",
    "Meitner",
    "Shannon",
    "Liskov",
    "Dijkstra",
    "Allen",
    "Backus",
    "Johnson",
    "Hamilton",
    "Wirth",
    "Perlman",
    "Berners-Lee",
    "Martin",
    "Bernard",
    "Dubois",
    "Weber",
    "Schmidt",
    "Rossi",
    "García",
    "Novak",
    "Keller",
    "Moreau",
    "Fischer",
    "Laurent",
)
WORDS = (
    "Nordic",
    "Blue",
    "Summit",
    "Quantum",
    "Atlas",
    "Vertex",
    "Harbor",
    "Pioneer",
    "Iron",
    "Cedar",
    "Lumen",
    "Orbit",
    "Granite",
    "Silver",
    "Delta",
    "Apex",
    "Crescent",
    "Falcon",
)
KINDS = (
    "Logistics",
    "Health",
    "Energy",
    "Systems",
    "Foods",
    "Capital",
    "Labs",
    "Retail",
    "Robotics",
    "Media",
    "Textiles",
    "Components",
)
TITLES = (
    "CEO",
    "CFO",
    "CTO",
    "Head of Sales",
    "Procurement Lead",
    "IT Manager",
    "Operations Director",
    "Office Manager",
    "Data Protection Officer",
    "Buyer",
)
NOTES = (
    "Intro call, interested in the analytics module.",
    "Sent the proposal and the security questionnaire.",
    "Meeting with procurement; they want a volume discount.",
    "Follow up after the webinar.",
    "Contract with legal for review.",
)
TEAMS = ("Enterprise EMEA", "Mid-Market US", "Public Sector", "APAC")
PASSWORD = "bench-sales-password"


@dataclass
class Seeded:
    """What the load generator needs to know about the seeded data."""

    sales_emails: list[str]
    team_ids: list[uuid.UUID]
    company_ids: list[uuid.UUID] = field(default_factory=list)
    contact_ids: list[uuid.UUID] = field(default_factory=list)
    deal_ids: list[uuid.UUID] = field(default_factory=list)
    stage_ids: list[uuid.UUID] = field(default_factory=list)
    owner_team: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    record_team: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)


def _moment(rng: random.Random, now: datetime) -> datetime:
    return now - timedelta(seconds=rng.randrange(365 * 24 * 3600))


async def _users(connection: asyncpg.Connection, now: datetime, seeded: Seeded) -> list[uuid.UUID]:
    password_hash = hash_password(PASSWORD)
    teams = [(uuid.uuid4(), name, now, now) for name in TEAMS]
    await connection.copy_records_to_table(
        "team", records=teams, columns=["id", "name", "created_at", "updated_at"]
    )
    users, owners = [], []
    for index, (team_id, _, _, _) in enumerate(teams * 2):
        user_id = uuid.uuid4()
        email = f"bench-sales-{index}@example.com"
        users.append(
            (user_id, email, f"Sales {index}", password_hash, "sales", team_id, True, now, now)
        )
        owners.append(user_id)
        seeded.owner_team[user_id] = team_id
        seeded.sales_emails.append(email)
    await connection.copy_records_to_table(
        "user_account",
        records=users,
        columns=[
            "id",
            "email",
            "full_name",
            "password_hash",
            "role",
            "team_id",
            "is_active",
            "created_at",
            "updated_at",
        ],
    )
    seeded.team_ids = [t[0] for t in teams]
    return owners


async def _pipeline(connection: asyncpg.Connection, now: datetime, seeded: Seeded) -> uuid.UUID:
    pipeline_id = uuid.uuid4()
    await connection.execute(
        "INSERT INTO pipeline (id, name, is_default, version, created_at, updated_at) "
        "VALUES ($1, 'Sales', true, 1, $2, $2)",
        pipeline_id,
        now,
    )
    stages = [
        (uuid.uuid4(), pipeline_id, name, i, p)
        for i, (name, p) in enumerate(
            (
                ("Lead", 10),
                ("Qualified", 25),
                ("Proposal", 50),
                ("Negotiation", 75),
                ("Closing", 90),
            )
        )
    ]
    await connection.copy_records_to_table(
        "pipeline_stage",
        records=stages,
        columns=["id", "pipeline_id", "name", "position", "probability"],
    )
    seeded.stage_ids = [s[0] for s in stages]
    return pipeline_id


def _owned(rng: random.Random, owners: list[uuid.UUID], seeded: Seeded, now: datetime) -> tuple:
    owner = rng.choice(owners)
    moment = _moment(rng, now)
    return owner, seeded.owner_team[owner], 1, moment, moment


async def _companies(connection, rng, owners, seeded, now, count: int) -> list[tuple]:
    rows = []
    for i in range(count):
        name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i}"
        domain = f"{name.lower().replace(' ', '-')}.example.com"
        owner, team, version, created, updated = _owned(rng, owners, seeded, now)
        rows.append(
            (
                uuid.uuid4(),
                name,
                domain,
                rng.choice(KINDS),
                "51-200",
                "Main Street 1",
                "[]",
                f"{name.lower()} {domain}",
                owner,
                team,
                version,
                created,
                updated,
            )
        )
        seeded.record_team[rows[-1][0]] = team
    await connection.copy_records_to_table(
        "company",
        records=rows,
        columns=[
            "id",
            "name",
            "domain",
            "industry",
            "size",
            "address",
            "tags",
            "search_text",
            "owner_id",
            "team_id",
            "version",
            "created_at",
            "updated_at",
        ],
    )
    seeded.company_ids = [r[0] for r in rows]
    return rows


async def _contacts(connection, rng, owners, seeded, now, companies, count: int) -> None:
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = rng.choice(companies)
        email = f"{first.lower()}.{last.lower()}.{i}@{company[2]}"
        phone = f"+4420{7_000_000 + i:07d}"
        owner, team, version, created, updated = _owned(rng, owners, seeded, now)
        rows.append(
            (
                uuid.uuid4(),
                first,
                last,
                email,
                email.lower(),
                phone,
                rng.choice(TITLES),
                company[0],
                "{}",
                "[]",
                f"{first} {last} {email} {phone}".lower(),
                owner,
                team,
                version,
                created,
                updated,
            )
        )
    await connection.copy_records_to_table(
        "contact",
        records=rows,
        columns=[
            "id",
            "first_name",
            "last_name",
            "email",
            "email_key",
            "phone",
            "job_title",
            "company_id",
            "consents",
            "tags",
            "search_text",
            "owner_id",
            "team_id",
            "version",
            "created_at",
            "updated_at",
        ],
    )
    # Every address and number also lives in the child tables duplicates and search read.
    await connection.copy_records_to_table(
        "contact_email",
        records=[(row[0], row[4], row[3], 0) for row in rows],
        columns=["contact_id", "email_key", "email", "position"],
    )
    await connection.copy_records_to_table(
        "contact_phone",
        records=[(row[0], row[5], 0) for row in rows],
        columns=["contact_id", "phone", "position"],
    )
    seeded.contact_ids = [r[0] for r in rows]
    for row in rows:
        seeded.record_team[row[0]] = row[12]


async def _deals(connection, rng, owners, seeded, now, pipeline_id, companies, count) -> None:
    rows, links = [], []
    for i in range(count):
        company = rng.choice(companies)
        stage = rng.randrange(len(seeded.stage_ids))
        status = rng.choice(("open", "open", "open", "won", "lost"))
        title = f"{company[1]} – deal {i}"
        owner, team, version, created, updated = _owned(rng, owners, seeded, now)
        deal_id = uuid.uuid4()
        rows.append(
            (
                deal_id,
                title,
                "{}",
                company[0],
                Decimal(rng.randrange(1000, 500_000)),
                rng.choice(("EUR", "USD", "GBP")),
                pipeline_id,
                seeded.stage_ids[stage],
                date.today() + timedelta(days=rng.randrange(180)),
                10 + 20 * stage,
                status,
                "No budget" if status == "lost" else None,
                updated if status != "open" else None,
                "[]",
                title.lower(),
                owner,
                team,
                version,
                created,
                updated,
            )
        )
        links.append((deal_id, rng.choice(seeded.contact_ids)))
    await connection.copy_records_to_table(
        "deal",
        records=rows,
        columns=[
            "id",
            "title",
            "compliance",
            "company_id",
            "amount",
            "currency",
            "pipeline_id",
            "stage_id",
            "expected_close_date",
            "probability",
            "status",
            "close_reason",
            "closed_at",
            "tags",
            "search_text",
            "owner_id",
            "team_id",
            "version",
            "created_at",
            "updated_at",
        ],
    )
    await connection.copy_records_to_table(
        "deal_contact", records=links, columns=["deal_id", "contact_id"]
    )
    seeded.deal_ids = [r[0] for r in rows]
    for row in rows:
        seeded.record_team[row[0]] = row[16]


async def _activities(connection, rng, owners, seeded, now, count: int) -> None:
    batch: list[tuple] = []
    columns = [
        "id",
        "type",
        "body",
        "details",
        "compliance",
        "is_done",
        "company_id",
        "contact_id",
        "deal_id",
        "owner_id",
        "team_id",
        "version",
        "created_at",
        "updated_at",
    ]
    for _ in range(count):
        contact = rng.choice(seeded.contact_ids)
        deal = rng.choice(seeded.deal_ids) if rng.random() < 0.4 else None
        company = rng.choice(seeded.company_ids)
        owner, _, version, created, updated = _owned(rng, owners, seeded, now)
        batch.append(
            (
                uuid.uuid4(),
                rng.choice(("note", "call", "meeting", "task")),
                rng.choice(NOTES),
                "{}",
                "{}",
                rng.random() < 0.5,
                company,
                contact,
                deal,
                owner,
                seeded.record_team[contact],
                version,
                created,
                updated,
            )
        )
        if len(batch) >= 50_000:
            await connection.copy_records_to_table("activity", records=batch, columns=columns)
            batch = []
    if batch:
        await connection.copy_records_to_table("activity", records=batch, columns=columns)


async def seed(dsn: str, *, contacts: int, companies: int, deals: int, activities: int) -> Seeded:
    """Fill an empty, migrated database; return the ids the load generator needs."""
    rng = random.Random(20261128)
    now = datetime.now(UTC)
    seeded = Seeded(sales_emails=[], team_ids=[])
    connection = await asyncpg.connect(dsn)
    try:
        # jsonb's binary wire format is a version byte and the JSON text.
        await connection.set_type_codec(
            "jsonb",
            encoder=lambda v: b"\x01" + (v if isinstance(v, str) else json.dumps(v)).encode(),
            decoder=lambda b: json.loads(b[1:]),
            schema="pg_catalog",
            format="binary",
        )
        owners = await _users(connection, now, seeded)
        pipeline_id = await _pipeline(connection, now, seeded)
        company_rows = await _companies(connection, rng, owners, seeded, now, companies)
        await _contacts(connection, rng, owners, seeded, now, company_rows, contacts)
        await _deals(connection, rng, owners, seeded, now, pipeline_id, company_rows, deals)
        await _activities(connection, rng, owners, seeded, now, activities)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return seeded
