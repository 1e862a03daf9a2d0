"""The IT technician's command line (``motcua COMMAND``): parsing and dispatch to the commands' modules.

The ``motcua`` program (``desktop.__main__``) parses its arguments here; without a command it opens the desk
application, with one it calls :func:`run_it_command` and never loads Qt.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from workstation.it_commands.self_test import ExtraStep

PRACTICE_REFUSES_COMMANDS = (
    "motcua --practice: practice mode runs no IT command: it never enrols, syncs, backs up or restores, "
    "and it never opens the real store. Start it without a command."
)

IT_COMMANDS_HELP = """The commands are for IT support (motcua COMMAND --help for each). Passphrases are asked
for (hidden), never given on the command line. Without a command, motcua opens the desk application."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return uuid.uuid4().hex


def _data_dir_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        metavar="FOLDER",
        help="keep this workstation's settings and encrypted store in FOLDER (for IT and tests; "
        "default: the user's application data folder)",
    )


def _unlock_options(parser: argparse.ArgumentParser, *, recovery_required: bool = False) -> None:
    parser.add_argument("--login", help="the clerk whose passphrase opens the store (asked for if not given)")
    parser.add_argument(
        "--recovery-key",
        type=Path,
        metavar="PEM",
        required=recovery_required,
        help="the province's recovery PRIVATE key file"
        + ("" if recovery_required else ", instead of a clerk's login and passphrase"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="motcua: the commune one-stop desk (tiếp nhận và trả kết quả hồ sơ).",
        epilog=IT_COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation (as 'motcua self-test') and exit"
    )
    parser.add_argument(
        "--practice",
        action="store_true",
        help="open practice mode (training on made-up dossiers, its own store; never the real one)",
    )
    _data_dir_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _data_dir_option(sub, top=False)
        return sub

    command("info", "show the version, build metadata and this workstation's paths")
    sub = command("backup", "write an encrypted backup of the store into a new dated folder inside DEST")
    sub.add_argument("destination", type=Path, metavar="DEST", help="a folder, e.g. a USB stick")
    _unlock_options(sub)
    sub = command("restore", "restore a backup as this workstation's store, under a new replica id")
    sub.add_argument("backup", type=Path, metavar="BACKUP", help="the motcua-backup-… folder")
    sub.add_argument("--force", action="store_true", help="replace the store this workstation already has")
    _unlock_options(sub)
    sub = command(
        "recover", "open the store with the province's recovery key and set a clerk's new passphrase"
    )
    _unlock_options(sub, recovery_required=True)
    sub = command(
        "add-clerk", "open the store with the province's recovery key and add a clerk with her own passphrase"
    )
    sub.add_argument("new_login", metavar="LOGIN", help="the new clerk's login name")
    sub.add_argument("--full-name", metavar="NAME", help="the new clerk's full name (asked for if not given)")
    sub.add_argument("--head", action="store_true", help="a head clerk (adds and removes clerks)")
    sub.add_argument(
        "--recovery-key",
        type=Path,
        metavar="PEM",
        required=True,
        help="the province's recovery PRIVATE key file",
    )
    sub = command("rotate-key", "remove a clerk who left (--remove) and re-encrypt the store under a new key")
    sub.add_argument("--remove", metavar="LOGIN", help="the login of the clerk who left")
    _unlock_options(sub)
    sub = command(
        "diagnostics", "write a .zip for IT support: versions, settings, counts, log tail; no personal data"
    )
    sub.add_argument("output", type=Path, metavar="OUT.zip")
    sub.add_argument("--no-store", action="store_true", help="do not open the store (no passphrase needed)")
    _unlock_options(sub)
    sub = command("self-test", "check this installation in a temporary folder; exit status 0 if it works")
    sub.add_argument("--debug", action="store_true", help="show the Python traceback of a failed step")
    sub = command("enrol", "enrol this workstation with the provincial server using a one-time code")
    sub.add_argument("--server", required=True, metavar="URL", help="the provincial server, https://…")
    sub.add_argument("--code", required=True, help="the one-time enrolment code from the province")
    sub.add_argument("--ca-file", type=Path, metavar="PEM", help="the province's CA certificate to trust")
    sub.add_argument("--label", metavar="NAME", help="a name for this workstation in the server's list")
    _unlock_options(sub)
    sub = command("sync-interval", "show or set how often this desk syncs by itself (seconds; 0: off)")
    sub.add_argument(
        "seconds", type=int, nargs="?", metavar="SECONDS", help="e.g. 300; 0 turns the timer off"
    )
    sub = command(
        "pair", "pair this desk with another desk of its commune (LAN sync); list or remove pairings"
    )
    pair = sub.add_subparsers(dest="pair_action", required=True, metavar="ACTION")
    show = pair.add_parser("show", help="turn the LAN on, show a code and this desk's address, wait")
    show.add_argument("--port", type=int, help="the TCP port to listen on (default 47470)")
    show.add_argument("--bind", metavar="HOST", help="listen on this address only (default: every address)")
    show.add_argument("--name", help="this desk's name as the other desks show it (default: the PC's name)")
    show.add_argument("--wait", type=float, default=10, metavar="MINUTES", help="how long to wait")
    join = pair.add_parser("join", help="pair with the desk showing CODE (at ADDRESS, or found on the LAN)")
    join.add_argument("address", metavar="ADDRESS", nargs="?", help="HOST:PORT as the other desk shows it")
    join.add_argument("code", metavar="CODE", nargs="?", help="the code the other desk shows")
    join.add_argument("--code", dest="code_option", metavar="CODE", help="the code (desk found on the LAN)")
    join.add_argument("--name", help="this desk's name as the other desks show it")
    join.add_argument("--port", type=int, help="the TCP port this desk listens on (default 47470)")
    find = pair.add_parser("find", help="list the desks of this commune answering on the LAN")
    find.add_argument("--port", type=int, help="the port the commune's desks use (default 47470; saved)")
    pair.add_parser("list", help="the paired desks: address, last contact, changes waiting")
    remove = pair.add_parser("remove", help="stop syncing with a paired desk")
    remove.add_argument("peer", metavar="NAME", help="the paired desk's name (see 'motcua pair list')")
    for action in (show, join, find, pair.choices["list"], remove):
        _data_dir_option(action, top=False)
        _unlock_options(action)
    sub = command(
        "recovery-key",
        "make the province's recovery key pair (once, by provincial IT) in FOLDER; never replaces",
    )
    sub.add_argument("folder", type=Path, metavar="FOLDER", help="where to write the two .pem files")
    sub.add_argument(
        "--no-password",
        action="store_true",
        help="leave the private key file without a password (not advised)",
    )
    sub = command("update", "the province's program and reference-data releases on this workstation")
    actions = sub.add_subparsers(dest="update_action", metavar="ACTION", required=True)
    actions.add_parser("status", help="the versions in use, fetched and kept")
    check = actions.add_parser("check", help="fetch and verify newer releases now (as a sync does)")
    _unlock_options(check)
    back = actions.add_parser("rollback", help="go back to the version before, from the next start")
    back.add_argument("kind", choices=("program", "reference"))
    trust = actions.add_parser("trust", help="trust IT's copy of the province's 1.root.json for KIND")
    trust.add_argument("kind", choices=("program", "reference"))
    trust.add_argument("file", type=Path, metavar="ROOT.json")
    carried = actions.add_parser("import", help="verify and stage the releases in a file from a USB stick")
    carried.add_argument("file", type=Path, metavar="FILE", help="made by the server's export-release")
    for action in (actions.choices["status"], check, back, trust, carried):
        _data_dir_option(action, top=False)
    return parser


def run_it_command(args: argparse.Namespace, *, self_test_steps: Sequence[ExtraStep] = ()) -> int:
    """Run the IT command named in ``args`` and return the exit status; failures print a plain message.

    ``self_test_steps``: the desk application's own checks, run by ``self-test`` after the store's."""
    from workstation.it_commands.console import CommandFailed, Console

    console = Console()
    try:
        return _dispatch(args, console, self_test_steps)
    except CommandFailed as exc:
        console.warn(f"motcua {args.command}: {exc.message}")
        return exc.exit_code
    except KeyboardInterrupt:
        console.warn(f"motcua {args.command}: stopped")
        return 130


def _dispatch(  # noqa: PLR0911 (one branch per command)
    args: argparse.Namespace, console: object, self_test_steps: Sequence[ExtraStep]
) -> int:
    from workstation.it_commands.console import Console

    assert isinstance(console, Console)
    name = args.command
    if name == "self-test":
        from workstation.it_commands.self_test import run_self_test_command

        return run_self_test_command(console, debug=args.debug, extra_steps=self_test_steps)
    if name == "recovery-key":
        from workstation.it_commands.recovery_key_command import run_recovery_key

        return run_recovery_key(args.folder, console, no_password=args.no_password)
    from workstation.it_commands.workstation_paths import workstation_paths

    paths = workstation_paths(args.data_dir)
    if name == "enrol":
        from workstation.it_commands.enrol import run_enrol

        return run_enrol(
            paths,
            args.server,
            args.code,
            console,
            ca_file=args.ca_file,
            label=args.label,
            login=args.login,
            recovery_key=args.recovery_key,
            now=_utc_now,
            new_id=_new_id,
        )
    if name == "sync-interval":
        from workstation.it_commands.sync_interval import run_sync_interval

        return run_sync_interval(paths, args.seconds, console)
    if name == "info":
        from workstation.it_commands.info import run_info

        return run_info(paths, console)
    if name == "add-clerk":
        from workstation.it_commands.clerk_commands import run_add_clerk

        return run_add_clerk(
            paths,
            console,
            login=args.new_login,
            full_name=args.full_name,
            head=args.head,
            recovery_key=args.recovery_key,
            now=_utc_now,
            new_id=_new_id,
        )
    if name == "update":
        from workstation.it_commands.update_commands import run_update

        return run_update(
            paths,
            args.update_action,
            console,
            kind=getattr(args, "kind", None),
            file=getattr(args, "file", None),
            login=getattr(args, "login", None),
            recovery_key=getattr(args, "recovery_key", None),
            now=_utc_now,
            new_id=_new_id,
        )
    if name == "pair":
        from workstation.it_commands.pair_commands import run_pair

        return run_pair(
            paths,
            args.pair_action,
            console,
            address=getattr(args, "address", None),
            code=getattr(args, "code", None) or getattr(args, "code_option", None),
            peer=getattr(args, "peer", None),
            port=getattr(args, "port", None),
            bind=getattr(args, "bind", None),
            name=getattr(args, "name", None),
            wait_minutes=getattr(args, "wait", 10),
            login=args.login,
            recovery_key=args.recovery_key,
            now=_utc_now,
            new_id=_new_id,
        )
    unlock = {"login": args.login, "recovery_key": args.recovery_key, "now": _utc_now}
    if name == "backup":
        from workstation.it_commands.backup_restore import run_backup

        return run_backup(paths, args.destination, console, new_id=_new_id, **unlock)
    if name == "restore":
        from workstation.it_commands.backup_restore import run_restore

        return run_restore(paths, args.backup, console, force=args.force, new_id=_new_id, **unlock)
    if name == "recover":
        from workstation.it_commands.key_commands import run_recover

        return run_recover(paths, console, **unlock)
    if name == "rotate-key":
        from workstation.it_commands.key_commands import run_rotate_key

        return run_rotate_key(paths, console, remove=args.remove, **unlock)
    if name == "diagnostics":
        from workstation.it_commands.diagnostics import run_diagnostics

        return run_diagnostics(paths, args.output, console, use_store=not args.no_store, **unlock)
    raise AssertionError(f"unknown command {name}")
