"""Everything under /api/v1."""

from fastapi import APIRouter

from backend.api import api_keys, audit, auth, users

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(auth.router)
api_router.include_router(users.router)
api_router.include_router(api_keys.router)
api_router.include_router(audit.router)
