"""Free text in the CRM (activity bodies, deal descriptions) passes the compliance engine first.

Secrets are redacted before they reach the database and the caller is told what was removed;
personal data is kept (a CRM holds it lawfully) and flagged. Listeners (the compliance hub,
source ``crm_text``) are told about every screened text inside the same transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.compliance_adapter import ComplianceAdapter, Verdict
from backend.app.services.actors import Actor

SOURCE = "crm_text"
REDACTED_CATEGORIES = ("secret",)
FLAGGED_CATEGORIES = ("pii",)


@dataclass(frozen=True, slots=True)
class ScreenedText:
    text: str
    verdict: Verdict | None
    report: dict[str, Any] = field(default_factory=dict)
    # What the user typed: the hub seals it as evidence; the CRM stores only ``text``.
    original: str = ""


class TextListener(Protocol):
    def __call__(
        self,
        session: AsyncSession,
        *,
        actor: Actor,
        source: str,
        text: str,
        verdict: Verdict,
        target_type: str,
        target_id: str,
        field: str,
    ) -> Awaitable[None]: ...


def _summary(verdict: Verdict, categories: tuple[str, ...]) -> list[dict[str, Any]]:
    counts = Counter(
        (f.category, f.entity_type, f.subtype or f.entity_type.lower())
        for f in verdict.findings
        if f.category in categories
    )
    return [
        {"category": c, "entity_type": t, "kind": k, "count": n}
        for (c, t, k), n in sorted(counts.items())
    ]


class CrmTextScreener:
    """Built once by the composition root around the one compliance adapter."""

    def __init__(self, adapter: ComplianceAdapter) -> None:
        self._adapter = adapter
        self._listeners: list[TextListener] = []

    def add_listener(self, listener: TextListener) -> None:
        """Register a consumer of screened CRM text (the hub's scan service)."""
        self._listeners.append(listener)

    async def screen(self, text: str | None) -> ScreenedText:
        """Redact secrets, flag personal data; the report says which and how many."""
        if not text:
            return ScreenedText(text=text or "", verdict=None, report={})
        verdict = await self._adapter.scan(text)
        if verdict.is_clean:
            return ScreenedText(text=text, verdict=verdict, report={})
        stored = self._adapter.redact_categories(text, verdict, REDACTED_CATEGORIES)
        report = {
            "decision": verdict.decision,
            "redacted": _summary(verdict, REDACTED_CATEGORIES),
            "pii_flagged": _summary(verdict, FLAGGED_CATEGORIES),
        }
        return ScreenedText(text=stored, verdict=verdict, report=report, original=text)

    async def notify(
        self,
        session: AsyncSession,
        *,
        actor: Actor,
        screened: ScreenedText,
        target_type: str,
        target_id: str,
        field: str,
    ) -> None:
        """Hand a screened text to every listener, inside the caller's transaction."""
        if screened.verdict is None or screened.verdict.is_clean:
            return
        for listener in self._listeners:
            await listener(
                session,
                actor=actor,
                source=SOURCE,
                text=screened.original or screened.text,
                verdict=screened.verdict,
                target_type=target_type,
                target_id=target_id,
                field=field,
            )
