"""The admin CLI for provincial IT: ``python -m server.cli [--config server.toml] <command> …``.

Commands: ``migrate``; ``create-communes --province 01``; ``rename-commune --commune 00070 --name NAME``;
``merge-commune --commune 00070 (--into 00004 | --undo)``;
``set-agency --commune 00070 --agency 000.00.01.H26``; ``enrol-code --commune 00070`` (prints the code once);
``revoke-device --device <id>``; ``list-devices``;
``create-account --username u --role officer --province 01 [--department 'Hộ tịch']``;
``publish-catalogue FILE`` (checked first);
``import-catalogue FILE.xlsx --publisher "Sở Tư pháp …"`` (procedures, documents and fee table from a
spreadsheet, or one CSV per sheet; every row checked; refused whole with each problem's row and column)
(the password is read from stdin, or prompted for on a terminal); ``conflicts --commune 00070`` (open
conflicts in words);
``resolve-conflict --commune 00070 --dossier ID --field F (--choose EVENT | --value JSON)``;
``health [--commune 00070]`` (last contact and backlog per workstation);
``export-portal --commune 00070 --since 2026-03-01 OUT.json`` (the national portal's shape, unconfirmed);
``import-bundle FILE`` (a desk's USB bundle, checked like a network push; an event whose content the rules
refuse is refused alone, as there);
``export-bundle --device ID OUT`` (what that desk lacks, encrypted for its keys);
``release-keys DIR``, ``publish-release --kind program|reference --version V --keys DIR FOLDER``,
``refresh-release``, ``versions`` (updates for the desks: ``server.release_commands``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from dossiers.dossier_codes import is_agency_identifier
from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server import communes as official
from server import province_dossiers
from server.auth import normalise_username
from server.bundle_identity import province_bundle_keys
from server.catalogue_import import import_catalogue_tables, read_csv_files, read_workbook
from server.catalogues import publish_catalogue
from server.config import ServerConfig, default_config, load_config
from server.enrolment import issue_enrolment_code, revoke_device
from server.errors import BadInput, ServerError, UnknownCommune
from server.passwords import PasswordParams, check_password_strength, hash_password
from server.portal_export import export_portal, portal_json
from server.release_commands import add_release_commands, run_release_command
from server.storage import open_storage
from server.storage.interface import ServerStorage
from server.storage.records import Account, Role
from server.sync_health import commune_health, health_lines, province_health
from server.sync_replica import ServerReplica
from server.usb_bundles import export_desk_bundle, import_desk_bundle
from server.usb_scan_bundles import export_desk_scans, import_desk_scans
from server.waiting_events import count_quarantine, list_quarantine, quarantine_line
from sync.conflicts import UNSET


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server.cli", description="motcua provincial server admin"
    )
    parser.add_argument("--config", type=Path, help="the server's TOML settings (default: local SQLite)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the database migrations not applied yet")
    p = commands.add_parser("create-communes", help="load a province's communes from the official list")
    p.add_argument("--province", required=True, help="official province code, e.g. 01")
    p = commands.add_parser(
        "rename-commune", help="give a commune its new official name (desks get it with the reference data)"
    )
    p.add_argument("--commune", required=True, help="official commune code, e.g. 00070")
    p.add_argument("--name", required=True, help='the new name in full, e.g. "Phường Hoàn Kiếm"')
    p = commands.add_parser(
        "merge-commune", help="mark a commune as merged into another (desks get it with the reference data)"
    )
    p.add_argument("--commune", required=True, help="the commune that was merged, e.g. 00070")
    merged = p.add_mutually_exclusive_group(required=True)
    merged.add_argument("--into", help="the commune it now belongs to, e.g. 00004")
    merged.add_argument("--undo", action="store_true", help="the commune is not merged after all")
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
    p = commands.add_parser(
        "import-catalogue",
        help="check the province's list of procedures in a spreadsheet (.xlsx) and publish it with its fees",
    )
    p.add_argument(
        "files", type=Path, nargs="+", metavar="FILE", help="one .xlsx, or one .csv per sheet (thu-tuc.csv …)"
    )
    p.add_argument("--publisher", required=True, help="who publishes it, e.g. Sở Tư pháp tỉnh …")
    p.add_argument("--version", type=int, help="the catalogue's version (default: the newest + 1)")
    p.add_argument("--published", type=dt.date.fromisoformat, help="publication date (default: today)")
    p = commands.add_parser("create-account", help="create a provincial officer's account")
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--province", required=True, help="official province code, e.g. 01")
    p.add_argument(
        "--department",
        help="an officer's department: the procedures' sector (lĩnh vực) whose dossiers it sees,"
        " e.g. 'Hộ tịch' (default: every sector)",
    )
    p = commands.add_parser("conflicts", help="list a commune's open conflicts, explained")
    p.add_argument("--commune", required=True)
    p = commands.add_parser("resolve-conflict", help="resolve a conflict for the province")
    p.add_argument("--commune", required=True)
    p.add_argument("--dossier", required=True, help="the dossier id")
    p.add_argument("--field", required=True, help="the field in conflict, e.g. appointment")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--choose", help="the event id of the write to keep (replica:counter)")
    choice.add_argument("--value", help="a new value, as JSON (e.g. '\"2026-03-20\"')")
    p.add_argument("--author", default="provincial-it", help="recorded as the resolution's author")
    p = commands.add_parser("health", help="sync health: last contact and backlog per workstation")
    p.add_argument("--commune", help="only this commune's workstations")
    p.add_argument("--province", help="only this province's communes")
    p = commands.add_parser(
        "quarantine", help="events set aside: waited too long for a cause, or past the waiting bounds"
    )
    p.add_argument("--commune", help="only this commune's events")
    p.add_argument("--limit", type=int, default=200, help="list at most this many, the newest first")
    p = commands.add_parser("export-portal", help="export dossiers in the national portal's shape (JSON)")
    p.add_argument("--commune", required=True)
    p.add_argument("--since", required=True, help="dossiers changed on or after this date (YYYY-MM-DD)")
    p.add_argument("out", type=Path, help="the JSON file to write")
    p = commands.add_parser("import-bundle", help="import a desk's USB bundle (checked like a network push)")
    p.add_argument("file", type=Path)
    p = commands.add_parser("export-bundle", help="export what a desk lacks to a USB bundle for it")
    p.add_argument("--device", required=True, help="the device id (see list-devices)")
    p.add_argument("out", type=Path, help="the bundle file to write")
    add_release_commands(commands)
    return parser


def _replica(storage: ServerStorage, commune: str, now: Callable[[], dt.datetime]) -> ServerReplica:
    code = official.commune_code(commune)
    if storage.get_commune(code) is None:
        raise UnknownCommune(f"commune {code} is not served here")
    return ServerReplica(storage, code, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=now)


def _sync_commands(
    args: argparse.Namespace, storage: ServerStorage, out: TextIO, now: Callable[[], dt.datetime]
) -> bool:
    """The conflict, health and export commands (True if ``args.command`` was one of them)."""
    if args.command == "conflicts":
        found = province_dossiers.conflicts_of(_replica(storage, args.commune, now))
        for explained in found:
            print(province_dossiers.conflict_in_words(explained), file=out)
        print(f"{len(found)} open conflict(s)", file=out)
    elif args.command == "resolve-conflict":
        value: Any = UNSET
        if args.value is not None:
            try:
                value = json.loads(args.value)
            except ValueError:
                raise BadInput("--value is JSON: text goes in double quotes") from None
        event = province_dossiers.resolve(
            _replica(storage, args.commune, now),
            args.dossier,
            args.field,
            author=args.author,
            choose=args.choose,
            value=value,
        )
        print(f"resolved by event {event.id}; workstations receive it at their next sync", file=out)
    elif args.command == "health":
        if args.commune:
            report = [commune_health(storage, official.commune_code(args.commune))]
        else:
            province = official.province_code(args.province) if args.province else None
            report = province_health(storage, province)
        for health in report:
            for line in health_lines(health, now()):
                print(line, file=out)
        if not report:
            print("no workstation is enrolled", file=out)
    elif args.command == "quarantine":
        commune = official.commune_code(args.commune) if args.commune else None
        for item in list_quarantine(storage, commune=commune, limit=max(0, args.limit)):
            print(quarantine_line(item), file=out)
        print(f"{count_quarantine(storage, commune=commune)} quarantined event(s)", file=out)
    elif args.command == "export-portal":
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise BadInput("--since is a date written YYYY-MM-DD") from None
        dossiers = export_portal(storage, _replica(storage, args.commune, now), since)
        try:
            args.out.write_text(portal_json(dossiers), encoding="utf-8")
        except OSError as exc:
            raise BadInput(f"cannot write {args.out}: {exc.strerror}") from None
        print(f"{len(dossiers)} dossier(s) written to {args.out}", file=out)
    else:
        return False
    return True


def _bundle_commands(
    args: argparse.Namespace,
    config: ServerConfig,
    storage: ServerStorage,
    out: TextIO,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
) -> bool:
    """The USB bundle commands (True if ``args.command`` was one of them)."""
    if args.command == "import-bundle":
        done = import_desk_bundle(
            storage,
            args.file,
            keys=province_bundle_keys(config.bundle_key_file),
            record_types=(DOSSIER_RECORD,),
            scope_field=SCOPE_FIELD,
            now=now,
        )
        print(
            f"bundle {done.bundle_id} from workstation {done.device_id} (commune {done.commune}): "
            f"{done.events} event(s), {done.new} new, {done.duplicates} already here, {done.waiting} waiting",
            file=out,
        )
        for refused in done.refused:  # refused alone: the province's refusal took its place
            print(f"refused event {refused.event} ({refused.reason}): {refused.message}", file=out)
        scans = import_desk_scans(
            storage, args.file, keys=province_bundle_keys(config.bundle_key_file), config=config, now=now
        )
        if scans.parts:
            print(
                f"scans: {scans.stored} stored, {scans.already_here} already here, "
                f"{len(scans.refused)} refused (from {scans.parts} part(s))",
                file=out,
            )
        for sha, why in scans.refused.items():
            print(f"scan {sha[:12]}… refused: {why}", file=out)
    elif args.command == "export-bundle":
        written = export_desk_bundle(
            storage,
            args.device,
            args.out,
            keys=province_bundle_keys(config.bundle_key_file),
            record_types=(DOSSIER_RECORD,),
            scope_field=SCOPE_FIELD,
            bundle_id=new_id(),
            now=now,
        )
        print(f"{written.events} event(s) written to {written.path} for workstation {args.device}", file=out)
        scans = export_desk_scans(
            storage,
            args.device,
            written,
            keys=province_bundle_keys(config.bundle_key_file),
            record_types=(DOSSIER_RECORD,),
            scope_field=SCOPE_FIELD,
            now=now,
        )
        if scans.paths:
            print(f"{scans.scans} scan(s) written beside it in {len(scans.paths)} part(s)", file=out)
    else:
        return False
    return True


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
    if _sync_commands(args, storage, out, now) or _bundle_commands(args, config, storage, out, now, new_id):
        return
    if run_release_command(args, config, storage, out, now):
        return
    if args.command == "create-communes":
        province = official.official_province(args.province)
        added = official.load_communes(storage, province.code)
        total = len(storage.list_communes(province.code))
        print(f"{province.name} ({province.code}): {added} communes added, {total} in the database", file=out)
    elif args.command == "rename-commune":
        commune = official.rename_commune(storage, args.commune, args.name)
        print(f"{commune.code}: now named {commune.name}", file=out)
        print("desks print the new name once a reference-data release carries it (publish-release)", file=out)
    elif args.command == "merge-commune":
        commune = official.merge_commune(storage, args.commune, None if args.undo else args.into)
        if commune.merged_into is None:
            print(f"{commune.code}: not merged", file=out)
        else:
            print(f"{commune.code}: merged into {commune.merged_into}", file=out)
        print("desks learn it from the next reference-data release (publish-release)", file=out)
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
        merged = storage.get_commune(issued.commune_code)
        if merged is not None and merged.merged_into is not None:
            print(
                f"note: commune {merged.code} was merged into {merged.merged_into} (merge-commune); "
                f"a desk set up for it keeps working as {merged.code}",
                file=out,
            )
    elif args.command == "revoke-device":
        device = revoke_device(storage, args.device, now=now)
        print(f"device {device.id} revoked at {device.revoked_at}", file=out)
        print(
            f"its events are taken up to its counter {device.revoked_counter} (the last the server held); "
            "later ones, even relayed by another desk, go to the quarantine: what it made and never synced "
            "is lost",
            file=out,
        )
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
    elif args.command == "import-catalogue":
        files: dict[str, bytes] = {}
        for path in args.files:
            try:
                files[path.name] = path.read_bytes()
            except OSError as exc:
                raise BadInput(f"cannot read {path}: {exc.strerror}") from None
        if all(name.lower().endswith(".csv") for name in files):
            sheets = read_csv_files(files)
        elif len(files) == 1:
            sheets = read_workbook(next(iter(files.values())))
        else:
            raise BadInput("give one .xlsx workbook, or one .csv file per sheet")
        imported = import_catalogue_tables(
            storage,
            sheets,
            publisher=args.publisher,
            now=now,
            version=args.version,
            published=args.published,
        )
        print(
            f"catalogue version {imported.catalogue_version} published ({imported.procedures} procedures)",
            file=out,
        )
        if imported.fee_table_version is not None:
            print(
                f"fee table version {imported.fee_table_version} published ({imported.fee_amounts} amounts)",
                file=out,
            )
    elif args.command == "create-account":
        username = normalise_username(args.username)
        province = official.province_code(args.province)
        password = _read_password(stdin)
        check_password_strength(password)
        params = PasswordParams(config.argon2_memory_kib, config.argon2_iterations, config.argon2_lanes)
        department = (args.department or "").strip() or None
        if department is not None and len(department) > 100:
            raise BadInput("a department name has at most 100 characters")
        account = Account(
            new_id(),
            username,
            Role(args.role),
            province,
            hash_password(password, params),
            now(),
            department=department,
        )
        storage.add_account(account)
        shown = f", department {department}" if department else ""
        print(f"account {account.id} created ({account.role.value}, province {province}{shown})", file=out)


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
