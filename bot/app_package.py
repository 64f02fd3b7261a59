"""Build the Teams app package: fill teams_app_manifest/ from the settings and zip it flat."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from backend.app.config import REPO_ROOT, Settings, get_settings

MANIFEST_DIR = REPO_ROOT / "teams_app_manifest"
DEFAULT_OUTPUT = REPO_ROOT / "dist" / "novacrm-teams-app.zip"
# Teams app ids derived from the bot id stay stable across builds of the same registration.
APP_ID_NAMESPACE = uuid.UUID("6f0c2a77-3d5b-4e8a-9a43-5d1f6b2c9e10")


class PackageError(ValueError):
    """The settings cannot make a valid package (the message says which one to set)."""


def placeholders(settings: Settings) -> dict[str, str]:
    """The values for ${{TEAMS_APP_ID}}, ${{BOT_ID}} and ${{BOT_DOMAIN}}."""
    if not settings.bot_app_id:
        raise PackageError("set NOVA_BOT_APP_ID to the Azure Bot's Microsoft App ID")
    bot_id = str(uuid.UUID(settings.bot_app_id))
    parts = urlsplit(settings.public_base_url)
    if parts.scheme != "https" or not parts.hostname:
        raise PackageError("set NOVA_PUBLIC_BASE_URL to the bot's public https address")
    app_id = settings.teams_app_id or str(uuid.uuid5(APP_ID_NAMESPACE, bot_id))
    return {"TEAMS_APP_ID": str(uuid.UUID(app_id)), "BOT_ID": bot_id, "BOT_DOMAIN": parts.hostname}


def render_manifest(settings: Settings, source: Path = MANIFEST_DIR) -> dict[str, object]:
    text = (source / "manifest.json").read_text(encoding="utf-8")
    for name, value in placeholders(settings).items():
        text = text.replace("${{" + name + "}}", value)
    manifest: dict[str, object] = json.loads(text)
    return manifest


def build_package(
    settings: Settings, output: Path = DEFAULT_OUTPUT, source: Path = MANIFEST_DIR
) -> Path:
    """Write the zip with manifest.json and both icons at its root."""
    manifest = render_manifest(settings, source)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for icon in ("color.png", "outline.png"):
            archive.write(source / icon, arcname=icon)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    try:
        path = build_package(get_settings(), args.output)
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
