"""after_commit: follow-up work runs once the transaction has committed, and only then."""

from __future__ import annotations

import logging
from contextlib import nullcontext

import pytest
from sqlalchemy import func, select

from backend.app.db import Database, after_commit
from backend.app.errors import DomainError
from backend.app.models import Job
from backend.app.services import jobs as job_service


@pytest.mark.parametrize(
    ("failure", "committed"),
    [
        (None, True),
        (RuntimeError("boom"), False),
        (DomainError("refused"), False),
        (DomainError("refused, but what was done stands", keep_changes=True), True),
    ],
)
async def test_actions_run_only_after_a_commit(
    database: Database, failure: Exception | None, committed: bool
) -> None:
    seen: list[int] = []

    async def count_jobs() -> None:
        # Runs outside the transaction: a new one sees what was committed.
        async with database.session_scope() as session:
            seen.append(int(await session.scalar(select(func.count()).select_from(Job)) or 0))

    with pytest.raises(type(failure)) if failure else nullcontext():
        async with database.session_scope() as session:
            await job_service.enqueue(session, kind="test.after_commit", payload={})
            after_commit(session, count_jobs)
            if failure:
                raise failure
    assert seen == ([1] if committed else [])


async def test_a_failing_action_is_logged_and_the_others_still_run(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []

    async def broken() -> None:
        raise ValueError("the connector is down")

    async def fine() -> None:
        ran.append("fine")

    with caplog.at_level(logging.ERROR, logger="nova.db"):
        async with database.session_scope() as session:
            after_commit(session, broken)
            after_commit(session, fine)
    assert ran == ["fine"]
    assert "an after-commit action failed" in caplog.text
