"""The small contracts between the SDK adapter and the SDK-free bot logic."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class InvokeReply:
    """The HTTP answer to an invoke activity."""

    status: int
    body: Any


class Turn(Protocol):
    """One inbound activity and a way to answer in its conversation."""

    activity: dict[str, Any]

    async def send(self, activity: dict[str, Any]) -> str | None: ...

    async def update(self, activity_id: str, activity: dict[str, Any]) -> None: ...


class Outbound(Protocol):
    """Proactive messages into stored conversations."""

    async def post(self, reference: dict[str, Any], activity: dict[str, Any]) -> str | None: ...

    async def update(
        self, reference: dict[str, Any], activity_id: str, activity: dict[str, Any]
    ) -> None: ...

    async def create_personal(
        self, reference: dict[str, Any], user_id: str, activity: dict[str, Any]
    ) -> tuple[dict[str, Any], str | None]: ...


BotLogic = Callable[[Turn], Awaitable[InvokeReply | None]]
