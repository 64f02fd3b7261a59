"""CSV import of companies and contacts: a per-row dry run, then one atomic commit.

The upload is spooled to a temporary file while its size and encoding are checked, then read
row by row in batches, so a 100k-row file is handled in bounded memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import DomainError, InvalidInput
from backend.app.models import Company
from backend.app.models.base import utcnow
from backend.app.permissions import Permission
from backend.app.repositories import companies as company_repository
from backend.app.repositories import contacts as contact_repository
from backend.app.repositories import crm_lists as list_repository
from backend.app.services import crm_records as records
from backend.app.services import crm_values as values
from backend.app.services.actors import Actor

BATCH_ROWS = 1000
MAX_REPORTED_ROWS = 1000
SPOOL_IN_MEMORY_BYTES = 1_048_576


class ImportTooLarge(DomainError):
    status = 413
    title = "Content too large"
    type_slug = "payload-too-large"


@dataclass(frozen=True)
class ImportSpec:
    entity_type: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    build: Callable[[dict[str, str]], dict[str, Any]]
    keys: Callable[[dict[str, Any]], list[tuple[str, str]]]
    insert: Callable[[AsyncSession, list[dict[str, Any]]], Awaitable[None]]


def _text(row: dict[str, str], field: str, limit: int) -> str | None:
    value = (row.get(field) or "").strip()
    if len(value) > limit:
        raise InvalidInput(f"{field}: longer than {limit} characters")
    return value or None


def _tags(row: dict[str, str]) -> list[str]:
    return values.normalise_tags((row.get("tags") or "").replace("|", ";").split(";"))


def _several(row: dict[str, str], field: str) -> list[str]:
    # A cell may hold several values separated by ';', the first being the primary one.
    return (row.get(field) or "").split(";")


def _contact(row: dict[str, str]) -> dict[str, Any]:
    first_name = _text(row, "first_name", 100)
    if not first_name:
        raise InvalidInput("first_name: required")
    emails = values.normalise_emails(None, _several(row, "email"), field="email")
    phones = values.normalise_phones(None, _several(row, "phone"), field="phone")
    last_name = _text(row, "last_name", 100) or ""
    email = emails[0] if emails else None
    return {
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "email_key": values.email_key(email),
        "emails": emails,
        "phone": phones[0] if phones else None,
        "phones": phones,
        "job_title": _text(row, "job_title", 200),
        "consents": {},
        "tags": _tags(row),
        "search_text": values.search_text(first_name, last_name, *emails, *phones),
    }


def _contact_keys(row: dict[str, Any]) -> list[tuple[str, str]]:
    emails = [("email", values.email_key(e)) for e in row["emails"]]
    return emails + [("phone", p) for p in row["phones"]]


async def _insert_contacts(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    emails = [
        {
            "contact_id": row["id"],
            "email_key": values.email_key(email),
            "email": email,
            "position": i,
        }
        for row in rows
        for i, email in enumerate(row["emails"])
    ]
    phones = [
        {"contact_id": row["id"], "phone": phone, "position": i}
        for row in rows
        for i, phone in enumerate(row["phones"])
    ]
    contacts = [{k: v for k, v in row.items() if k not in ("emails", "phones")} for row in rows]
    await contact_repository.insert_many(session, contacts, emails=emails, phones=phones)


async def _insert_companies(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await list_repository.insert_many(session, Company, "company", rows)


def _company(row: dict[str, str]) -> dict[str, Any]:
    name = _text(row, "name", 200)
    if not name:
        raise InvalidInput("name: required")
    domain = values.normalise_domain(row.get("domain"))
    return {
        "name": name,
        "domain": domain,
        "industry": _text(row, "industry", 100),
        "size": _text(row, "size", 20),
        "address": _text(row, "address", 500),
        "tags": _tags(row),
        "search_text": values.search_text(name, domain),
    }


SPECS = {
    "contact": ImportSpec(
        entity_type="contact",
        columns=("first_name", "last_name", "email", "phone", "job_title", "tags"),
        required=("first_name",),
        build=_contact,
        keys=_contact_keys,
        insert=_insert_contacts,
    ),
    "company": ImportSpec(
        entity_type="company",
        columns=("name", "domain", "industry", "size", "address", "tags"),
        required=("name",),
        build=_company,
        keys=lambda r: [("domain", r["domain"])] if r["domain"] else [],
        insert=_insert_companies,
    ),
}


def _check_utf8(decoder: Any, chunk: bytes, offset: int, *, final: bool = False) -> None:
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"the file is not UTF-8 text (invalid byte at offset {offset + exc.start}); "
            "export it again as 'CSV UTF-8'"
        ) from exc


async def spool(chunks: AsyncIterator[bytes], *, max_bytes: int) -> IO[bytes]:
    """Copy the upload to a temporary file, refusing oversize or non-UTF-8 content early."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    spooled: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES)  # noqa: SIM115
    size = 0
    try:
        async for chunk in chunks:
            size += len(chunk)
            if size > max_bytes:
                raise ImportTooLarge(f"the file exceeds the import limit of {max_bytes} bytes")
            _check_utf8(decoder, chunk, size - len(chunk))
            spooled.write(chunk)
        _check_utf8(decoder, b"", size, final=True)
        if size == 0:
            raise InvalidInput("the file is empty; expected a header row and data rows")
    except BaseException:
        spooled.close()
        raise
    spooled.seek(0)
    return spooled


def _reader(spooled: IO[bytes], spec: ImportSpec) -> tuple[Iterator[dict[str, str]], list[str]]:
    text = io.TextIOWrapper(spooled, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in spec.required if c not in header]
    if missing:
        raise InvalidInput(
            f"missing required column(s): {', '.join(missing)}; expected a header row with "
            f"{', '.join(spec.columns)}",
            missing_columns=missing,
            expected_columns=list(spec.columns),
        )
    reader.fieldnames = header
    return reader, [h for h in header if h not in spec.columns]


class _Report:
    def __init__(self, dry_run: bool) -> None:
        self.dry_run = dry_run
        self.total = self.valid = self.invalid = self.duplicates = self.created = 0
        self.rows: list[dict[str, Any]] = []
        self.truncated = False

    def add(self, row: int, status: str, reason: str, duplicate_id: Any = None) -> None:
        if status == "invalid":
            self.invalid += 1
        else:
            self.duplicates += 1
        if len(self.rows) < MAX_REPORTED_ROWS:
            self.rows.append(
                {"row": row, "status": status, "reason": reason, "duplicate_id": duplicate_id}
            )
        else:
            self.truncated = True

    def as_dict(self, ignored_columns: list[str]) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "total": self.total,
            "valid": self.valid,
            "invalid": self.invalid,
            "duplicates": self.duplicates,
            "created": self.created,
            "rows": self.rows,
            "rows_truncated": self.truncated,
            "ignored_columns": ignored_columns,
        }


@dataclass
class _Importer:
    session: AsyncSession
    actor: Actor
    spec: ImportSpec
    report: _Report
    force: bool

    def __post_init__(self) -> None:
        self.scope = records.scope_filter(self.actor)
        # The file's keys seen so far, as 64-bit hashes: a tenth of the memory of the strings.
        self.seen: dict[int, int] = {}

    async def _existing(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], uuid.UUID]:
        if self.spec.entity_type == "company":
            domains = await company_repository.existing_domains(
                self.session, [k for _, k in keys], self.scope
            )
            return {("domain", d): i for d, i in domains.items()}
        emails, phones = await contact_repository.existing_keys(
            self.session,
            email_keys=[k for f, k in keys if f == "email"],
            phones=[k for f, k in keys if f == "phone"],
            scope=self.scope,
        )
        return {("email", e): i for e, i in emails.items()} | {
            ("phone", p): i for p, i in phones.items()
        }

    def _built(self, batch: list[tuple[int, dict[str, str]]]) -> list[tuple[int, dict[str, Any]]]:
        built = []
        for number, raw in batch:
            try:
                built.append((number, self.spec.build(raw)))
            except InvalidInput as exc:
                self.report.add(number, "invalid", exc.detail)
        return built

    async def process(self, batch: list[tuple[int, dict[str, str]]]) -> None:
        """Validate a batch, find duplicates in the file and the database, insert the rest."""
        built = self._built(batch)
        existing = await self._existing([k for _, r in built for k in self.spec.keys(r)])
        now = utcnow()
        to_insert = []
        for number, row in built:
            keys = self.spec.keys(row)
            hashed = [(field, hash((field, value))) for field, value in keys]
            in_file = next(((f, h) for f, h in hashed if h in self.seen), None)
            in_db = next((k for k in keys if k in existing), None)
            if not self.force and in_file is not None:
                self.report.add(
                    number, "duplicate", f"same {in_file[0]} as row {self.seen[in_file[1]]}"
                )
                continue
            if not self.force and in_db is not None:
                reason = f"a record with this {in_db[0]} exists"
                self.report.add(number, "duplicate", reason, existing[in_db])
                continue
            self.seen.update((h, number) for _, h in hashed)
            self.report.valid += 1
            to_insert.append(
                row
                | {
                    "id": uuid.uuid4(),
                    "owner_id": self.actor.user_id,
                    "team_id": self.actor.team_id,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        if not self.report.dry_run:
            await self.spec.insert(self.session, to_insert)
            self.report.created += len(to_insert)


async def import_csv(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    chunks: AsyncIterator[bytes],
    dry_run: bool,
    max_bytes: int,
    force: bool = False,
) -> dict[str, Any]:
    """Report every row as valid, invalid or duplicate; unless dry_run, insert the valid ones."""
    actor.require(Permission.CRM_WRITE)
    actor.require(Permission.CRM_IMPORT_EXPORT)
    spec = SPECS[entity_type]
    spooled = await spool(chunks, max_bytes=max_bytes)
    with spooled:
        reader, ignored = _reader(spooled, spec)
        importer = _Importer(session, actor, spec, _Report(dry_run), force)
        batch: list[tuple[int, dict[str, str]]] = []
        number = 1
        try:
            for raw in reader:
                number += 1
                importer.report.total += 1
                batch.append((number, raw))
                if len(batch) >= BATCH_ROWS:
                    await importer.process(batch)
                    batch = []
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InvalidInput(f"row {number + 1}: malformed CSV ({exc})") from exc
        await importer.process(batch)
    report = importer.report.as_dict(ignored)
    if not dry_run:
        await records.audit(
            session,
            actor=actor,
            action="imported",
            entity_type=entity_type,
            record_id=None,
            **{k: report[k] for k in ("total", "valid", "invalid", "duplicates", "created")},
        )
    return report
