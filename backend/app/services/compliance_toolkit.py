"""What the compliance services need beyond a session, built once by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.compliance_adapter import ComplianceAdapter
from backend.app.adapters.evidence_vault import EvidenceVault, Pseudonymizer

# Returns extra policy terms (e.g. client company names from the CRM) for one session.
TermsProvider = Callable[[AsyncSession], Awaitable[list[str]]]


@dataclass
class ComplianceToolkit:
    adapter: ComplianceAdapter
    vault: EvidenceVault
    pseudonymizer: Pseudonymizer
    group_window: timedelta = timedelta(hours=1)
    excerpt_max_chars: int = 4000
    crm_terms: TermsProvider | None = field(default=None)
