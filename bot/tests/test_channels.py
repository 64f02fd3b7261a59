"""Channel messages, coaching, alert cards and their buttons, and the message extension."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from backend.app.models import Alert, BotAlertCard, Job
from backend.app.permissions import Role
from bot.context import CHANNEL_JOB
from bot.tests.conftest import Driver

DANA = "aad-dana-0001"
OLU = "aad-olu-0002"


async def _alert_channel(driver: Driver) -> None:
    await driver.user(Role.COMPLIANCE_OFFICER, OLU, team=None)
    response = await driver.post(driver.activity("channel_mention"))
    assert response.status_code == 200
    assert "will be posted in this channel" in driver.texts()


async def _violation(driver: Driver, message_id: str = "1790000000100") -> dict[str, Any]:
    activity = driver.activity("channel_message", id=message_id)
    assert (await driver.post(activity)).status_code == 200
    await driver.drain()
    return activity


async def _alert_count(driver: Driver) -> int:
    async with driver.database.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(Alert)) or 0)


async def _posted_alert(driver: Driver) -> tuple[str, str, dict[str, Any]]:
    async with driver.database.session_scope() as session:
        card = (await session.scalars(select(BotAlertCard))).one()
    posted = [c for c in driver.cards() if "Compliance alert" in str(c)][-1]
    return str(card.alert_id), card.activity_id, posted


def _click(
    driver: Driver,
    verb: str,
    data: dict[str, Any],
    who: str = "29:1OluMri",
    aad: str = OLU,
    **extra: Any,
) -> dict[str, Any]:
    invoke = driver.activity("invoke_card_action", **extra)
    invoke["from"] = {"id": who, "name": "Clicker", "aadObjectId": aad}
    invoke["value"]["action"] = {"type": "Action.Execute", "verb": verb, "data": data}
    return invoke


async def test_violation_coaches_author_and_posts_alert_card_when_channel_message_has_card_number(
    driver: Driver,
) -> None:
    await _alert_channel(driver)
    before = len(driver.cloud.connector_calls())
    await _violation(driver)
    calls = driver.cloud.connector_calls()[before:]
    created = [c for c in calls if c.path.rstrip("/") == "/v3/conversations"]
    assert created and created[0].body["members"] == [{"id": "29:1DanaMri"}]
    text = driver.texts(before)
    assert "About your message" in text and "This is a false positive" in text
    assert "4111 1111 1111 1111" not in text
    alert_posts = [
        c for c in calls if c.path.startswith("/v3/conversations/19:alerts0000@thread.tacv2/")
    ]
    assert len(alert_posts) == 1
    assert all(c.authorization == "Bearer fake-bf-token" for c in calls)
    _alert_id, _activity_id, card = await _posted_alert(driver)
    verbs = [a["verb"] for a in card["actions"] if a["type"] == "Action.Execute"]
    assert verbs == [
        "alert.acknowledge",
        "alert.assign_me",
        "alert.escalate",
        "alert.resolve",
        "alert.dismiss",
    ]
    assert "Dana" not in str(card)


async def test_channel_message_text_is_sealed_in_the_scan_job_when_waiting(driver: Driver) -> None:
    activity = driver.activity("channel_message", id="1790000000555")
    assert (await driver.post(activity)).status_code == 200
    async with driver.database.session_scope() as session:
        job = (await session.scalars(select(Job).where(Job.kind == CHANNEL_JOB))).one()
    stored = str(job.payload)
    assert activity["text"] not in stored
    assert "sealed_text" in job.payload["activity"]
    await driver.drain()
    assert await _alert_count(driver) == 1


async def test_one_alert_is_raised_when_teams_redelivers_the_message(driver: Driver) -> None:
    await _alert_channel(driver)
    activity = driver.activity("channel_message")
    for _ in range(3):
        assert (await driver.post(activity)).status_code == 200
    await driver.drain()
    assert await _alert_count(driver) == 1
    assert len([c for c in driver.cards() if "About your message" in str(c)]) == 1


async def test_clean_channel_message_raises_nothing_when_text_is_harmless(driver: Driver) -> None:
    await _alert_channel(driver)
    activity = driver.activity("channel_message", text="Lunch at noon?")
    await driver.post(activity)
    await driver.drain()
    assert await _alert_count(driver) == 0


async def test_acknowledge_returns_refreshed_card_and_updates_posted_message_when_officer_clicks(
    driver: Driver,
) -> None:
    await _alert_channel(driver)
    await _violation(driver)
    _alert_id, activity_id, card = await _posted_alert(driver)
    data = next(a["data"] for a in card["actions"] if a["verb"] == "alert.acknowledge")
    response = await driver.post(
        _click(driver, "alert.acknowledge", data | {"comment": "on it"}, replyToId=activity_id)
    )
    body = response.json()
    assert response.status_code == 200 and body["statusCode"] == 200
    assert "acknowledged" in str(body["value"])
    verbs = [a["verb"] for a in body["value"]["actions"] if a["type"] == "Action.Execute"]
    assert "alert.acknowledge" not in verbs and "alert.resolve" in verbs
    await driver.drain()
    puts = driver.cloud.connector_calls("PUT")
    assert puts and puts[-1].path.endswith(f"/activities/{activity_id}")
    assert "acknowledged" in str(puts[-1].body)
    assert puts[-1].authorization == "Bearer fake-bf-token"


async def test_every_card_action_applies_when_officer_clicks(driver: Driver) -> None:
    await _alert_channel(driver)
    expected = {
        "alert.assign_me": "Clicker",
        "alert.escalate": "escalated",
        "alert.resolve": "resolved",
    }
    await _violation(driver)
    alert_id, activity_id, card = await _posted_alert(driver)
    version = card["actions"][0]["data"]["version"]
    for verb, shown in expected.items():
        response = await driver.post(
            _click(driver, verb, {"alertId": alert_id, "version": version}, replyToId=activity_id)
        )
        value = response.json()["value"]
        assert shown in str(value) or verb == "alert.assign_me", (verb, value)
        version = next(
            (a["data"]["version"] for a in value.get("actions", []) if "data" in a), version
        )
    refreshed = await driver.post(
        _click(driver, "alert.refresh", {"alertId": alert_id}, replyToId=activity_id)
    )
    assert "resolved" in str(refreshed.json()["value"])


async def test_dismiss_records_false_positive_when_officer_dismisses(driver: Driver) -> None:
    await _alert_channel(driver)
    await _violation(driver)
    alert_id, activity_id, card = await _posted_alert(driver)
    response = await driver.post(
        _click(driver, "alert.dismiss", card["actions"][0]["data"], replyToId=activity_id)
    )
    assert "dismissed" in str(response.json()["value"])
    async with driver.database.session_scope() as session:
        alert = await session.get(Alert, __import__("uuid").UUID(alert_id))
        assert alert is not None and alert.resolution_reason == "false_positive"


async def test_non_officer_click_is_refused_and_changes_nothing(driver: Driver) -> None:
    await _alert_channel(driver)
    await _violation(driver)
    await driver.user(Role.SALES, DANA)
    _alert_id, activity_id, card = await _posted_alert(driver)
    invoke = _click(
        driver,
        "alert.acknowledge",
        card["actions"][0]["data"],
        who="29:1DanaMri",
        aad=DANA,
        replyToId=activity_id,
    )
    response = await driver.post(invoke)
    assert "Only compliance officers" in str(response.json()["value"])
    async with driver.database.session_scope() as session:
        alert = (await session.scalars(select(Alert))).one()
        assert alert.status == "new"


async def test_one_officer_wins_and_other_sees_current_state_when_clicks_are_concurrent(
    driver: Driver,
) -> None:
    await _alert_channel(driver)
    await _violation(driver)
    await driver.user(Role.COMPLIANCE_OFFICER, "aad-second-officer", team=None)
    _alert_id, activity_id, card = await _posted_alert(driver)
    data = card["actions"][0]["data"]
    first = _click(driver, "alert.acknowledge", data, replyToId=activity_id, id="f:click-1")
    second = _click(
        driver,
        "alert.escalate",
        data,
        who="29:1Second",
        aad="aad-second-officer",
        replyToId=activity_id,
        id="f:click-2",
    )
    responses = await asyncio.gather(driver.post(first), driver.post(second))
    shown = [str(r.json()["value"]) for r in responses]
    assert sum("Another officer acted on this alert first" in s for s in shown) == 1
    async with driver.database.session_scope() as session:
        alert = (await session.scalars(select(Alert))).one()
        assert alert.status in ("acknowledged", "escalated")
        assert alert.version == data["version"] + 1


async def test_false_positive_report_reaches_officers_when_author_clicks(driver: Driver) -> None:
    await _alert_channel(driver)
    await _violation(driver)
    coaching = next(c for c in driver.cards() if "About your message" in str(c))
    data = coaching["actions"][0]["data"]
    invoke = _click(driver, "coaching.false_positive", data, who="29:1DanaMri", aad=DANA)
    response = await driver.post(invoke)
    assert "Thanks" in str(response.json()["value"])
    await driver.drain()
    puts = driver.cloud.connector_calls("PUT")
    assert puts and "reported this as a false positive" in str(puts[-1].body)


async def test_alert_card_is_updated_when_alert_changes_in_web_ui(driver: Driver) -> None:
    await _alert_channel(driver)
    await _violation(driver)
    alert_id, activity_id, _card = await _posted_alert(driver)
    officer = (
        await __import__("backend.tests.conftest", fromlist=["Users"])
        .Users(driver.database, driver.client)
        .headers(Role.COMPLIANCE_OFFICER)
    )
    response = await driver.client.post(
        f"/api/v1/compliance/alerts/{alert_id}/actions",
        json={"action": "escalate"},
        headers=officer,
    )
    assert response.status_code == 200, response.text
    await driver.drain()
    puts = driver.cloud.connector_calls("PUT")
    assert puts and puts[-1].path.endswith(activity_id) and "escalated" in str(puts[-1].body)


async def test_check_message_action_shows_findings_when_message_has_a_token(driver: Driver) -> None:
    response = await driver.post(driver.activity("invoke_compose_submit"))
    assert response.status_code == 200
    task = response.json()["task"]
    assert task["type"] == "continue"
    assert "ghp_abcdefghijklmnopqrstuvwxyz0123456789" not in str(task)
    assert "secret" in str(task)


async def test_log_to_crm_attaches_redacted_message_when_deal_named(driver: Driver) -> None:
    from backend.tests import crm_helpers as crm
    from backend.tests.conftest import Users

    email = await driver.user(Role.SALES, DANA)
    tokens = await Users(driver.database, driver.client).login(email)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    deal = await crm.deal(driver.client, headers, title="Hooli")
    activity = driver.activity("invoke_compose_submit")
    activity["value"] |= {"commandId": "logToCrm", "data": {"deal": "Hooli"}}
    response = await driver.post(activity)
    assert "Note logged" in response.json()["task"]["value"]
    notes = (
        await driver.client.get(f"/api/v1/activities?deal_id={deal['id']}", headers=headers)
    ).json()
    body = next(n["body"] for n in notes["items"] if n["type"] == "note")
    assert "ghp_" not in body
