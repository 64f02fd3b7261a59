"""The command line, run as a subprocess like a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MESSAGES: list[dict[str, object]] = [
    {"id": "a", "text": "write to jane.doe@example.com please"},
    {"id": 7, "text": "nothing sensitive here"},
]


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compliance_engine", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def _assert_prediction_shape(line: dict[str, object]) -> None:
    assert set(line) >= {"id", "categories", "entities", "decision", "ms"}
    assert isinstance(line["ms"], float)
    for entity in line["entities"]:  # type: ignore[attr-defined]
        assert set(entity) >= {"type", "start", "end", "detector", "score"}


def test_scan_writes_one_line_per_message_when_reading_a_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text(_jsonl(MESSAGES), encoding="utf-8")
    completed = _run("scan", "--input", str(source), "--output", str(target))
    assert completed.returncode == 0, completed.stderr
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    for line in lines:
        _assert_prediction_shape(line)
    assert lines[1]["categories"] == []
    assert lines[1]["decision"] == "allow"


def test_scan_uses_stdin_and_stdout_when_no_files_given() -> None:
    completed = _run("scan", stdin=_jsonl(MESSAGES) + "\n")
    assert completed.returncode == 0, completed.stderr
    lines = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(lines) == 2
    _assert_prediction_shape(lines[0])


def test_policy_file_changes_decision_when_given(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("terms:\n  - name: codenames\n    terms: [Bluebird]\n", encoding="utf-8")
    record: dict[str, object] = {"id": 1, "text": "is bluebird on track?"}
    completed = _run("scan", "--policy", str(policy), stdin=_jsonl([record]))
    line = json.loads(completed.stdout)
    assert line["categories"] == ["policy"]
    assert line["decision"] == "warn"
    assert line["entities"][0]["detector"] == "policy.codenames"


@pytest.mark.parametrize(
    ("content", "line_number"),
    [
        ('{"id": 1, "text": "ok"}\nnot json\n', 2),
        ('{"id": 1, "text": "ok"}\n\n[1, 2]\n', 3),
        ('{"id": 1}\n', 1),
        ('{"id": 1, "text": 5}\n', 1),
    ],
)
def test_malformed_line_exits_2_when_input_is_bad(content: str, line_number: int) -> None:
    completed = _run("scan", stdin=content)
    assert completed.returncode == 2
    assert f"line {line_number}" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--input", "/nonexistent/in.jsonl"), "No such file"),
        (("--policy", "/nonexistent/policy.yaml"), "cannot read policy file"),
    ],
)
def test_missing_file_exits_2_when_path_is_wrong(args: tuple[str, ...], message: str) -> None:
    completed = _run("scan", *args)
    assert completed.returncode == 2
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr


def test_bad_policy_exits_2_when_field_is_invalid(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("categories:\n  pii:\n    action: explode\n", encoding="utf-8")
    completed = _run("scan", "--policy", str(policy), stdin="")
    assert completed.returncode == 2
    assert "categories.pii.action" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_text_option_prints_summary_when_given() -> None:
    completed = _run("scan", "--text", "mail jane.doe@example.com now")
    assert completed.returncode == 0, completed.stderr
    assert "decision:" in completed.stdout
    assert "redacted:" in completed.stdout
    assert "jane.doe@example.com" not in completed.stdout.split("redacted:")[1]
