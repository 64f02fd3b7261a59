"""Everything under /api/v1."""

from fastapi import APIRouter

from backend.api import (
    activities,
    ai_gateway,
    api_keys,
    audit,
    auth,
    bot_links,
    companies,
    compliance_alerts,
    compliance_insights,
    compliance_policies,
    compliance_scans,
    contacts,
    crm_transfer,
    deals,
    graph_ingestion,
    graph_webhooks,
    operations,
    pipelines,
    users,
)

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(auth.router)
api_router.include_router(users.router)
api_router.include_router(api_keys.router)
api_router.include_router(audit.router)
api_router.include_router(crm_transfer.router)
api_router.include_router(companies.router)
api_router.include_router(contacts.router)
api_router.include_router(deals.router)
api_router.include_router(pipelines.router)
api_router.include_router(activities.router)
api_router.include_router(compliance_scans.router)
api_router.include_router(compliance_alerts.router)
api_router.include_router(compliance_policies.router)
api_router.include_router(compliance_insights.router)
api_router.include_router(ai_gateway.router)
api_router.include_router(operations.router)
api_router.include_router(bot_links.router)
api_router.include_router(graph_webhooks.router)
api_router.include_router(graph_ingestion.router)
