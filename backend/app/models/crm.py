"""The CRM: companies, contacts, deals in pipelines of ordered stages, activities and tags."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from backend.app.models.base import Base, JSONType, Timestamps, UUIDPrimaryKey, utcnow

_USER_FK = "user_account.id"


def _trigram_index(table: str) -> Index:
    # GIN trigram index on PostgreSQL (ILIKE '%q%' search); a plain index elsewhere.
    return Index(
        f"ix_{table}_search_text",
        "search_text",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )


class Owned:
    """Ownership, versioning and archival shared by every CRM record."""

    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(_USER_FK, ondelete="SET NULL"), index=True
    )
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("team.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(default=1)
    archived_at: Mapped[datetime | None]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy passes the class
        # UPDATE ... WHERE version = :seen: a concurrent write can never be silently lost.
        return {"version_id_col": cls.version}


class Pipeline(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "pipeline"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    is_default: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    archived_at: Mapped[datetime | None]


class PipelineStage(UUIDPrimaryKey, Base):
    __tablename__ = "pipeline_stage"

    pipeline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("pipeline.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    probability: Mapped[int] = mapped_column(default=0)


class Company(UUIDPrimaryKey, Timestamps, Owned, Base):
    __tablename__ = "company"
    __table_args__ = (
        Index("ix_company_updated_at_id", "updated_at", "id"),
        Index("ix_company_name_id", "name", "id"),
        _trigram_index("company"),
    )

    name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str | None] = mapped_column(String(253), index=True)
    industry: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(500))
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    search_text: Mapped[str] = mapped_column(String(800), default="")
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("company.id", ondelete="SET NULL")
    )


class Contact(UUIDPrimaryKey, Timestamps, Owned, Base):
    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_updated_at_id", "updated_at", "id"),
        Index("ix_contact_last_name_id", "last_name", "id"),
        _trigram_index("contact"),
    )

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    # The primary address and number (the first of the lists below), kept on the row for the
    # exports and readers of the row alone; duplicates are looked up in the child tables.
    email: Mapped[str | None] = mapped_column(String(320))
    email_key: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    job_title: Mapped[str | None] = mapped_column(String(200))
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("company.id", ondelete="SET NULL"), index=True
    )
    consents: Mapped[dict[str, Any]] = mapped_column(default=dict)
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    search_text: Mapped[str] = mapped_column(String(800), default="")
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL")
    )
    erased_at: Mapped[datetime | None]
    # Every address and number, primary first (ADR-0011); loaded with the contact.
    email_addresses: Mapped[list[ContactEmail]] = relationship(
        order_by="ContactEmail.position", cascade="all, delete-orphan", lazy="selectin"
    )
    phone_numbers: Mapped[list[ContactPhone]] = relationship(
        order_by="ContactPhone.position", cascade="all, delete-orphan", lazy="selectin"
    )


class ContactEmail(Base):
    """One email address of a contact; email_key (lower case) is what duplicates match on."""

    __tablename__ = "contact_email"

    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
    )
    email_key: Mapped[str] = mapped_column(String(320), primary_key=True, index=True)
    email: Mapped[str] = mapped_column(String(320))
    position: Mapped[int] = mapped_column(default=0)


class ContactPhone(Base):
    """One phone number of a contact, in E.164 (what duplicates match on)."""

    __tablename__ = "contact_phone"

    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
    )
    phone: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class Deal(UUIDPrimaryKey, Timestamps, Owned, Base):
    __tablename__ = "deal"
    __table_args__ = (
        Index("ix_deal_updated_at_id", "updated_at", "id"),
        Index("ix_deal_title_id", "title", "id"),
        _trigram_index("deal"),
    )

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    compliance: Mapped[dict[str, Any]] = mapped_column(default=dict)
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("company.id", ondelete="SET NULL"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3))
    pipeline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pipeline.id"), index=True)
    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pipeline_stage.id"), index=True)
    expected_close_date: Mapped[date | None] = mapped_column(Date)
    probability: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)
    close_reason: Mapped[str | None] = mapped_column(String(500))
    closed_at: Mapped[datetime | None]
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    search_text: Mapped[str] = mapped_column(String(800), default="")


class DealContact(Base):
    __tablename__ = "deal_contact"

    deal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("deal.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Activity(UUIDPrimaryKey, Timestamps, Owned, Base):
    """A note, call, meeting or task, or a system event (stage change, won, lost, merge)."""

    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_updated_at_id", "updated_at", "id"),
        Index("ix_activity_company_id_created_at", "company_id", "created_at"),
        Index("ix_activity_contact_id_created_at", "contact_id", "created_at"),
        Index("ix_activity_deal_id_created_at", "deal_id", "created_at"),
    )

    type: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    compliance: Mapped[dict[str, Any]] = mapped_column(default=dict)
    due_at: Mapped[datetime | None]
    is_done: Mapped[bool] = mapped_column(default=False)
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("company.id", ondelete="SET NULL")
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL")
    )
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"))


class CrmTag(Base):
    """One tag on one record: the index behind ?tag= filters (records also keep their list)."""

    __tablename__ = "crm_tag"
    __table_args__ = (Index("ix_crm_tag_name_entity_type", "name", "entity_type"),)

    entity_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)


class CrmMerge(UUIDPrimaryKey, Base):
    """What a merge moved from the merged record to the survivor."""

    __tablename__ = "crm_merge"

    entity_type: Mapped[str] = mapped_column(String(16))
    survivor_id: Mapped[uuid.UUID] = mapped_column(index=True)
    merged_id: Mapped[uuid.UUID] = mapped_column(index=True)
    moved: Mapped[dict[str, Any]] = mapped_column(default=dict)
    filled_fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(_USER_FK, ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
