"""Every card the bot sends passes the card validator; the package passes the manifest one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from backend.app.config import REPO_ROOT
from bot import cards, commands
from bot.app_package import PackageError, build_package
from bot.cards_alerts import ALERT_VERBS, AlertView, alert_card, coaching_card, refusal_card
from bot.tests.fakes import APP_ID

VALIDATORS = REPO_ROOT.parent / "shared" / "tools" / "teams-validators"


def _validator(name: str) -> Path:
    path = VALIDATORS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing")
        pytest.skip(f"SKIPPED LOUDLY: the Teams validators are not at {VALIDATORS}")
    return path


def _alert(status: str, **changes: Any) -> AlertView:
    values: dict[str, Any] = {
        "id": "6b7c5e5e-1a2b-4c3d-9e8f-0a1b2c3d4e5f",
        "status": status,
        "severity": "high",
        "category": "pii",
        "detectors": ["pii.credit_card"],
        "author_pseudonym": "p-3f9a2c",
        "excerpt": "Client card is [PII.CREDIT_CARD] exp 12/29",
        "link": "https://teams.microsoft.com/l/message/19%3Asales/1790000000100?tenantId=t",
        "policy_name": "default",
        "policy_version": 3,
        "occurrences": 2,
        "version": 4,
    }
    values.update(changes)
    return AlertView(**values)


def every_card() -> dict[str, dict[str, Any]]:
    """One instance of every card the bot can send, in both languages where it matters."""
    deal = {
        "id": "d1",
        "title": "Acme renewal",
        "amount": "1000.00",
        "currency": "EUR",
        "status": "open",
        "stage_id": "s1",
    }
    finding = {"detector": "pii.credit_card", "severity": "high", "explanation": {"reason": "Luhn"}}
    found: dict[str, dict[str, Any]] = {}
    for locale in ("en-US", "fr-FR"):
        found |= {
            f"help-{locale}": cards.help_card(locale, linked=False),
            f"privacy-{locale}": cards.privacy_card(locale),
            f"error-{locale}": cards.error_card(locale, "abc123"),
            f"problem-{locale}": cards.problem_card(locale, "the alert changed"),
            f"results-{locale}": cards.results_card(
                locale,
                "acme",
                {"find.companies": ["Acme"], "find.contacts": ["Wile"], "find.deals": []},
            ),
            f"results-empty-{locale}": cards.results_card(locale, "zzz", {"find.companies": []}),
            f"deal-{locale}": cards.deal_card(
                locale,
                deal,
                stage="Lead",
                next_activity=None,
                stages=[("s1", "Lead"), ("s2", "Won")],
                notice="Moved",
            ),
            f"check-{locale}": cards.check_card(
                locale, decision="block", policy="default", redacted="[PII]", findings=[finding]
            ),
            f"check-clean-{locale}": cards.check_card(
                locale, decision="allow", policy="default", redacted="hi", findings=[]
            ),
            f"ask-answer-{locale}": cards.ask_card(locale, answer="Hello", redacted_note=True),
            f"ask-blocked-{locale}": cards.ask_card(locale, blocked="injection"),
            f"ask-pending-{locale}": cards.ask_card(locale, pending=True, redacted_note=True),
            f"ask-unavailable-{locale}": cards.ask_card(locale, unavailable="abc123"),
            f"ask-no-upstream-{locale}": cards.ask_card(
                locale, verdict="redacted", sanitised="mail [EMAIL]"
            ),
            f"list-{locale}": cards.list_card("Alerts", ["one", "two"], "none"),
            f"list-empty-{locale}": cards.list_card("Alerts", [], "none"),
            f"refusal-{locale}": refusal_card(locale),
            f"coaching-{locale}": coaching_card(
                locale, coaching_id="c1", policy="default", categories=["pii"], excerpt="[PII]"
            ),
            f"coaching-reported-{locale}": coaching_card(
                locale,
                coaching_id="c1",
                policy="default",
                categories=["pii"],
                excerpt="[PII]",
                reported=True,
            ),
        }
        for status in ("new", "acknowledged", "escalated", "resolved", "dismissed"):
            found[f"alert-{status}-{locale}"] = alert_card(
                locale,
                _alert(
                    status,
                    assignee_label="Olu",
                    last_action="acknowledged",
                    last_actor="olu@example.com",
                    false_positive_reported=True,
                ),
                notice="Another officer acted first",
            )
    return found


def test_every_card_passes_the_teams_card_validator(tmp_path: Path) -> None:
    validator = _validator("validate_card.py")
    paths = []
    for name, content in every_card().items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(cards.message(content)))
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, str(validator), *paths], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("VALID") >= len(paths)


def test_alert_card_offers_only_allowed_actions_when_status_changes() -> None:
    for status in ("new", "acknowledged", "escalated", "resolved"):
        verbs = {
            a["verb"].removeprefix("alert.")
            for a in alert_card(None, _alert(status))["actions"]
            if a["type"] == "Action.Execute"
        }
        assert verbs == {v for v, (_label, allowed) in ALERT_VERBS.items() if status in allowed}


def _manifest() -> dict[str, Any]:
    return dict(json.loads((REPO_ROOT / "teams_app_manifest" / "manifest.json").read_text()))


def test_manifest_commands_match_the_bot_commands_both_ways() -> None:
    lists = {
        tuple(c["scopes"]): {cmd["title"] for cmd in c["commands"]}
        for c in _manifest()["bots"][0]["commandLists"]
    }
    handled = set(commands.HANDLERS) - {"unknown"}
    personal = lists[("personal",)]
    assert personal == handled - {"set alert channel"}
    assert lists[("team",)] <= handled
    assert "set alert channel" in lists[("team",)]


def test_manifest_declares_rsc_and_message_actions() -> None:
    manifest = _manifest()
    rsc = {p["name"] for p in manifest["authorization"]["permissions"]["resourceSpecific"]}
    assert rsc == {"ChannelMessage.Read.Group", "ChatMessage.Read.Chat"}
    commands_ = {c["id"]: c for c in manifest["composeExtensions"][0]["commands"]}
    assert commands_["checkMessage"]["title"] == "Check with NovaCRM"
    assert commands_["logToCrm"]["title"] == "Log to CRM"
    assert float(manifest["manifestVersion"]) >= 1.19


def test_package_passes_the_manifest_validator_when_built_from_settings(tmp_path: Path) -> None:
    from backend.tests.conftest import make_settings

    validator = _validator("validate_manifest.py")
    settings = make_settings(
        "sqlite+aiosqlite://", bot_app_id=APP_ID, public_base_url="https://nova.example.com"
    )
    output = build_package(settings, REPO_ROOT / "dist" / "novacrm-teams-app.zip")
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["validDomains"] == ["nova.example.com"]
    result = subprocess.run(
        [sys.executable, str(validator), "--require-bot", "--bot-id", APP_ID, str(output)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_is_refused_when_public_url_is_not_https() -> None:
    from backend.tests.conftest import make_settings

    settings = make_settings(
        "sqlite+aiosqlite://", bot_app_id=APP_ID, public_base_url="http://localhost:8000"
    )
    with pytest.raises(PackageError):
        build_package(settings, Path("/nonexistent/never-written.zip"))
