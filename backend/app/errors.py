"""Domain errors raised by services; each front door (REST, bot, CLI) maps them once."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: a rule of the domain said no. ``detail`` is safe to show to the caller."""

    status = 400
    title = "Bad request"
    type_slug = "bad-request"

    def __init__(self, detail: str, *, keep_changes: bool = False, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        # True when the transaction must still commit (e.g. the audit entry of a failed sign-in).
        self.keep_changes = keep_changes
        self.extra = extra


class NotFound(DomainError):
    status = 404
    title = "Not found"
    type_slug = "not-found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"
    type_slug = "conflict"


class PermissionDenied(DomainError):
    status = 403
    title = "Forbidden"
    type_slug = "forbidden"


class AuthenticationFailed(DomainError):
    status = 401
    title = "Unauthorized"
    type_slug = "unauthorized"


class RateLimited(DomainError):
    status = 429
    title = "Too many requests"
    type_slug = "rate-limited"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class InvalidInput(DomainError):
    status = 422
    title = "Invalid input"
    type_slug = "invalid-input"
