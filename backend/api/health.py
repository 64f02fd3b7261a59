"""Liveness, readiness and Prometheus metrics (outside /api/v1, for load balancers and scrapers)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from backend.app.services import operations as operations_service

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """The database answers and its schema is at the migrations' head."""
    readiness = await operations_service.readiness(request.app.state.database)
    status = 200 if readiness.ready else 503
    return JSONResponse(readiness.as_dict(), status_code=status)


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    await operations_service.refresh_queue_gauges(request.app.state.database, datetime.now(UTC))
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
