"""`nova` command line: migrations, the first admin, demo data, and audit verification."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Sequence

from backend.app import migrations
from backend.app.config import get_settings
from backend.app.db import Database
from backend.app.errors import DomainError
from backend.app.permissions import Role
from backend.app.services import audit as audit_service
from backend.app.services import demo as demo_service
from backend.app.services import users as user_service
from backend.app.services.actors import SYSTEM


async def _create_admin(email: str, password: str, full_name: str) -> int:
    database = Database(get_settings().database_url)
    try:
        async with database.session_scope() as session:
            user = await user_service.create(
                session,
                actor=SYSTEM,
                email=email,
                password=password,
                full_name=full_name,
                role=Role.ADMIN,
                team=None,
            )
        print(f"admin created: {user.email} ({user.id})")
        return 0
    except DomainError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    finally:
        await database.dispose()


async def _verify_audit() -> int:
    database = Database(get_settings().database_url)
    try:
        async with database.session_scope() as session:
            result = await audit_service.verify(session, actor=SYSTEM)
    finally:
        await database.dispose()
    print(
        json.dumps(
            {"ok": result.ok, "entries": result.entries, "first_broken_id": result.first_broken_id}
        )
    )
    return 0 if result.ok else 1


async def _seed_demo() -> int:
    database = Database(get_settings().database_url)
    try:
        async with database.session_scope() as session:
            added = await demo_service.seed(session)
    finally:
        await database.dispose()
    print(f"demo data: {added} records added")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nova", description="NovaCRM administration")
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser("migrate", help="upgrade (or downgrade) the database schema")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.add_argument("--downgrade", action="store_true")
    admin = commands.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--full-name", default="Administrator")
    admin.add_argument(
        "--password-env",
        help="read the password from this environment variable instead of a prompt",
    )
    commands.add_parser("verify-audit", help="verify the audit log's hash chain (exit 1 if broken)")
    commands.add_parser("seed-demo", help="add the demo data")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = get_settings()
    if args.command == "migrate":
        if args.downgrade:
            migrations.downgrade(settings.database_url, args.revision)
        else:
            migrations.upgrade(settings.database_url, args.revision)
        return 0
    if args.command == "create-admin":
        password = os.environ.get(args.password_env, "") if args.password_env else getpass.getpass()
        return asyncio.run(_create_admin(args.email, password, args.full_name))
    if args.command == "verify-audit":
        return asyncio.run(_verify_audit())
    return asyncio.run(_seed_demo())


if __name__ == "__main__":
    raise SystemExit(main())
