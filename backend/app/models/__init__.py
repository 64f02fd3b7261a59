"""Every table, imported here so that Alembic and the drift check see the whole schema."""

from backend.app.models.audit import AuditEntry, AuditHead
from backend.app.models.base import Base
from backend.app.models.bot import (
    BotAlertCard,
    BotConversation,
    BotLinkCode,
    BotProcessedActivity,
    BotUserLink,
)
from backend.app.models.compliance import (
    Alert,
    AlertEvent,
    AlertStatus,
    CoachingMessage,
    CompliancePolicy,
    ComplianceSetting,
    PolicyVersion,
    RevealRequest,
    Scan,
    ScanSource,
)
from backend.app.models.crm import (
    Activity,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    CrmMerge,
    CrmTag,
    Deal,
    DealContact,
    Pipeline,
    PipelineStage,
)
from backend.app.models.graph import (
    GraphChatUser,
    GraphDeltaCursor,
    GraphSubscription,
    SubscriptionStatus,
)
from backend.app.models.job import Job, JobStatus
from backend.app.models.user import ApiKey, RefreshToken, Team, User

__all__ = [
    "Activity",
    "Alert",
    "AlertEvent",
    "AlertStatus",
    "ApiKey",
    "AuditEntry",
    "AuditHead",
    "Base",
    "BotAlertCard",
    "BotConversation",
    "BotLinkCode",
    "BotProcessedActivity",
    "BotUserLink",
    "CoachingMessage",
    "Company",
    "CompliancePolicy",
    "ComplianceSetting",
    "Contact",
    "ContactEmail",
    "ContactPhone",
    "CrmMerge",
    "CrmTag",
    "Deal",
    "DealContact",
    "GraphChatUser",
    "GraphDeltaCursor",
    "GraphSubscription",
    "Job",
    "JobStatus",
    "Pipeline",
    "PipelineStage",
    "PolicyVersion",
    "RefreshToken",
    "RevealRequest",
    "Scan",
    "ScanSource",
    "SubscriptionStatus",
    "Team",
    "User",
]
