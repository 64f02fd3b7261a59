"""Command line: ``python -m compliance_engine scan``.

JSONL mode reads ``{"id", "text"}`` lines (a file or stdin) and writes one prediction line per
input (a file or stdout). ``--text`` prints a readable summary of one scan instead. Errors are
one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from typing import IO, Any

from compliance_engine.model import ScanResult
from compliance_engine.policy import Policy, PolicyError, default_policy, load_policy
from compliance_engine.scanner import Scanner

EXIT_OK = 0
EXIT_USAGE = 2


class InputError(ValueError):
    """A line of the input that cannot be scanned."""


def prediction_for(scanner: Scanner, message_id: Any, text: str) -> dict[str, Any]:
    """Scan one message and return its prediction line (the CLI and the benchmark share it)."""
    started = time.perf_counter()
    result = scanner.scan(text)
    elapsed_ms = (time.perf_counter() - started) * 1000.0
    line = prediction_from_result(message_id, result)
    line["ms"] = round(elapsed_ms, 4)
    return line


def prediction_from_result(message_id: Any, result: ScanResult) -> dict[str, Any]:
    """Describe a scan result as a prediction line, without the timing."""
    entities: list[dict[str, Any]] = []
    for finding in result.findings:
        entity: dict[str, Any] = {
            "type": finding.entity_type,
            "start": finding.start,
            "end": finding.end,
            "detector": finding.detector_id,
            "score": round(finding.score, 4),
        }
        if finding.subtype:
            entity["subtype"] = finding.subtype
        entities.append(entity)
    line: dict[str, Any] = {
        "id": message_id,
        "categories": [category.value for category in result.categories],
        "entities": entities,
        "decision": result.decision.value,
    }
    if result.truncated:
        line["truncated"] = True
    return line


def parse_input_line(raw: bytes, line_number: int) -> tuple[Any, str] | None:
    """Return (id, text) of one JSONL line, None for a blank line; raise InputError otherwise."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"line {line_number}: not valid UTF-8") from None
    if not decoded.strip():
        return None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise InputError(f"line {line_number}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise InputError(f"line {line_number}: expected a JSON object with id and text")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f'line {line_number}: "text" is missing or not a string')
    return record.get("id"), text


def scan_lines(scanner: Scanner, lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """Yield a prediction per non-blank input line; raise InputError at the first bad line."""
    for line_number, raw in enumerate(lines, start=1):
        parsed = parse_input_line(raw, line_number)
        if parsed is not None:
            yield prediction_for(scanner, *parsed)


def describe(result: ScanResult) -> str:
    """Render a scan result for a person reading a terminal."""
    categories = ", ".join(category.value for category in result.categories) or "none"
    lines = [f"decision: {result.decision.value}", f"categories: {categories}"]
    if result.truncated:
        lines.append(f"truncated: only the first {result.scanned_chars} characters were scanned")
    lines.append(f"findings: {len(result.findings)}")
    for finding in result.findings:
        kind = finding.entity_type + (f" ({finding.subtype})" if finding.subtype else "")
        lines.append(
            f"  - {kind} by {finding.detector_id} at [{finding.start}:{finding.end}]"
            f" score {finding.score:.2f} severity {finding.severity.value}"
        )
        explanation = finding.explanation
        details = [f"rule {explanation.rule}"]
        for label, values in (
            ("checks", explanation.checks),
            ("context", explanation.context),
            ("cues", explanation.cues),
        ):
            if values:
                details.append(f"{label} {', '.join(values)}")
        lines.append("    why: " + "; ".join(details))
    lines.append(f"redacted: {result.redacted_text}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the command line."""
    parser = argparse.ArgumentParser(prog="python -m compliance_engine")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="scan JSONL messages or one --text")
    scan.add_argument("--input", help='JSONL file of {"id", "text"} lines (default: stdin)')
    scan.add_argument("--output", help="JSONL file for the predictions (default: stdout)")
    scan.add_argument("--policy", help="policy file, YAML or JSON (default: the shipped policy)")
    scan.add_argument("--text", help="scan this text and print a readable summary")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        policy: Policy = load_policy(args.policy) if args.policy else default_policy()
        scanner = Scanner(policy)
        if args.text is not None:
            print(describe(scanner.scan(args.text)))
            return EXIT_OK
        return _scan_jsonl(scanner, args.input, args.output)
    except (PolicyError, InputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE


def _scan_jsonl(scanner: Scanner, input_path: str | None, output_path: str | None) -> int:
    with ExitStack() as stack:
        source: IO[bytes] = (
            stack.enter_context(open(input_path, "rb")) if input_path else sys.stdin.buffer
        )
        sink: IO[str] = (
            stack.enter_context(open(output_path, "w", encoding="utf-8"))
            if output_path
            else sys.stdout
        )
        for prediction in scan_lines(scanner, source):
            sink.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    return EXIT_OK
