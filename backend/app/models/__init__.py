"""Every table, imported here so that Alembic and the drift check see the whole schema."""

from backend.app.models.audit import AuditEntry, AuditHead
from backend.app.models.base import Base
from backend.app.models.job import Job, JobStatus
from backend.app.models.user import ApiKey, RefreshToken, Team, User

__all__ = [
    "ApiKey",
    "AuditEntry",
    "AuditHead",
    "Base",
    "Job",
    "JobStatus",
    "RefreshToken",
    "Team",
    "User",
]
