"""The admin CLI for provincial IT: ``python -m server.cli [--config server.toml] <command> …``.

Commands: ``migrate``; ``create-communes --province 01``;
``set-agency --commune 00070 --agency 000.00.01.H26``; ``enrol-code --commune 00070`` (prints the code once);
``revoke-device --device <id>``; ``list-devices``;
``create-account --username u --role officer --province 01``; ``publish-catalogue FILE`` (checked first)
(the password is read from stdin, or prompted for on a terminal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from dossiers.dossier_codes import is_agency_identifier
from server import communes as official
from server.auth import normalise_username
from server.catalogues import publish_catalogue
from server.config import ServerConfig, default_config, load_config
from server.enrolment import issue_enrolment_code, revoke_device
from server.errors import BadInput, ServerError
from server.passwords import PasswordParams, check_password_strength, hash_password
from server.storage import open_storage
from server.storage.interface import ServerStorage
from server.storage.records import Account, Role


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server.cli", description="motcua provincial server admin"
    )
    parser.add_argument("--config", type=Path, help="the server's TOML settings (default: local SQLite)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the database migrations not applied yet")
    p = commands.add_parser("create-communes", help="load a province's communes from the official list")
    p.add_argument("--province", required=True, help="official province code, e.g. 01")
    p = commands.add_parser("set-agency", help="set the agency identifier a commune prints in dossier codes")
    p.add_argument("--commune", required=True)
    p.add_argument("--agency", required=True, help="e.g. 000.00.01.H26")
    p = commands.add_parser("enrol-code", help="make a one-time code for enrolling one workstation")
    p.add_argument("--commune", required=True, help="official commune code, e.g. 00070")
    p.add_argument("--hours", type=float, help="how long the code stays valid (default from the settings)")
    p = commands.add_parser("revoke-device", help="revoke a workstation: its next request is refused")
    p.add_argument("--device", required=True, help="the device id")
    p = commands.add_parser("list-devices", help="list enrolled workstations")
    p.add_argument("--commune", help="only this commune's")
    p = commands.add_parser("publish-catalogue", help="check a catalogue JSON file and publish it to desks")
    p.add_argument("file", type=Path)
    p = commands.add_parser("create-account", help="create a provincial officer's account")
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--province", required=True, help="official province code, e.g. 01")
    return parser


def _read_password(stdin: TextIO) -> str:
    if stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise BadInput("the two passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def _run(
    args: argparse.Namespace,
    config: ServerConfig,
    storage: ServerStorage,
    *,
    stdin: TextIO,
    out: TextIO,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
) -> None:
    if args.command == "migrate":
        done = storage.migrate()
        print(f"applied migrations: {done or 'none (up to date)'}", file=out)
        return
    storage.migrate()
    if args.command == "create-communes":
        province = official.official_province(args.province)
        added = official.load_communes(storage, province.code)
        total = len(storage.list_communes(province.code))
        print(f"{province.name} ({province.code}): {added} communes added, {total} in the database", file=out)
    elif args.command == "set-agency":
        if not is_agency_identifier(args.agency):
            raise BadInput("an agency identifier is groups of capital letters and digits joined by dots")
        commune = storage.set_commune_agency(official.commune_code(args.commune), args.agency)
        print(f"{commune.code}: dossier codes now start with {commune.agency}", file=out)
    elif args.command == "enrol-code":
        ttl = dt.timedelta(hours=args.hours) if args.hours is not None else config.code_ttl
        issued = issue_enrolment_code(
            storage, official.commune_code(args.commune), now=now, new_id=new_id, ttl=ttl
        )
        print(f"enrolment code for commune {issued.commune_code}: {issued.code}", file=out)
        print(
            f"valid until {issued.expires_at.isoformat(timespec='minutes')}, for one workstation;", file=out
        )
        print("it is shown only now.", file=out)
    elif args.command == "revoke-device":
        device = revoke_device(storage, args.device, now=now)
        print(f"device {device.id} revoked at {device.revoked_at}", file=out)
    elif args.command == "list-devices":
        commune = official.commune_code(args.commune) if args.commune else None
        for device in storage.list_devices(commune_code=commune):
            block = storage.get_sequence_block(device.id)
            numbers = f"{block.first:04d}–{block.last:04d}" if block else "-"
            state = f"revoked {device.revoked_at:%Y-%m-%d}" if device.revoked_at else "active"
            print(f"{device.id}\t{device.commune_code}\t{numbers}\t{state}\t{device.label}", file=out)
    elif args.command == "publish-catalogue":
        try:
            text = args.file.read_bytes()
        except OSError as exc:
            raise BadInput(f"cannot read {args.file}: {exc.strerror}") from None
        published = publish_catalogue(storage, text, now())
        print(f"catalogue version {published.version} published ({published.sha256[:12]})", file=out)
    elif args.command == "create-account":
        username = normalise_username(args.username)
        province = official.province_code(args.province)
        password = _read_password(stdin)
        check_password_strength(password)
        params = PasswordParams(config.argon2_memory_kib, config.argon2_iterations, config.argon2_lanes)
        account = Account(
            new_id(), username, Role(args.role), province, hash_password(password, params), now()
        )
        storage.add_account(account)
        print(f"account {account.id} created ({account.role.value}, province {province})", file=out)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
) -> int:
    """Run one admin command; 0 on success, 2 on an error (explained on stderr)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        config = load_config(args.config) if args.config else default_config(Path.cwd())
        storage = open_storage(config)
        try:
            _run(args, config, storage, stdin=stdin or sys.stdin, out=out, now=now, new_id=new_id)
        finally:
            storage.close()
    except ServerError as exc:
        print(f"error: {exc.message}", file=err)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
