"""``motcua update status|check|import|rollback|trust``: the province's releases on this workstation.

``status`` shows the versions in use, waiting and kept; ``check`` fetches and verifies newer releases now
(as a sync does), ``import FILE`` does the same from a USB stick's file, ``rollback KIND`` goes back to the
version before (from the next start), ``trust KIND FILE`` makes IT's copy of the province's
``1.root.json`` this desk's trust anchor for that kind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sync.errors import StoreError
from workstation.about import app_version
from workstation.commune_names import commune_status_lines
from workstation.errors import UpdateRefused
from workstation.installed_versions import KINDS, SHIPPED_REFERENCE_VERSION, InstalledVersions
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import obtain_data_key
from workstation.it_commands.damaged_store import open_desk_store
from workstation.it_commands.workstation_paths import WorkstationPaths
from workstation.release_bundles import import_release_file
from workstation.release_updates import stored_release_fetcher, trust_root


def _shipped(kind: str) -> str:
    return app_version() if kind == "program" else SHIPPED_REFERENCE_VERSION


def status_lines(data_dir: Path) -> list[str]:
    """The versions of each kind, in words (no personal data)."""
    versions = InstalledVersions(data_dir)
    lines = []
    for kind in KINDS:
        state = versions.state(kind)
        lines.append(f"{kind}: {versions.in_use(kind, _shipped(kind))} in use (shipped: {_shipped(kind)})")
        if state.pending:
            lines.append(f"  {state.pending} fetched and verified: applied at the next start")
        if state.previous:
            lines.append(f"  {state.previous} kept: 'motcua update rollback {kind}' goes back to it")
        if state.held_back:
            lines.append(f"  {state.held_back} was rolled back: not fetched again until a newer one comes")
    return lines + commune_status_lines(data_dir)


def run_update(
    paths: WorkstationPaths,
    action: str,
    console: Console,
    *,
    kind: str | None = None,
    file: Path | None = None,
    login: str | None = None,
    recovery_key: Path | None = None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> int:
    if action == "status":
        for line in status_lines(paths.data_dir):
            console.say(line)
        return EXIT_OK
    if action == "rollback":
        assert kind is not None
        try:
            back = InstalledVersions(paths.data_dir).roll_back(kind)
        except ValueError as exc:
            raise CommandFailed(str(exc)) from None
        console.say(f"{kind}: {back or 'the shipped version'} is used from the next start of motcua.")
        return EXIT_OK
    if action == "trust":
        assert kind is not None and file is not None
        try:
            trust_root(paths.data_dir, kind, file.read_bytes())
        except OSError as exc:
            raise CommandFailed(f"cannot read {file}: {exc.strerror}") from None
        except UpdateRefused as exc:
            raise CommandFailed(str(exc)) from None
        console.say(f"{kind} releases are now checked against the keys in {file.name}.")
        return EXIT_OK
    if action == "import":
        assert file is not None
        try:
            fetched = import_release_file(file, paths.data_dir, app_version())
        except UpdateRefused as exc:
            raise CommandFailed(f"refused ({exc.reason}): {exc}") from None
        for release in fetched:
            console.say(f"{release.kind}: {release.version} verified; applied at the next start")
        if not fetched:
            console.say("nothing newer than what this workstation has")
        return EXIT_OK
    if not paths.has_store():
        raise CommandFailed("there is no store on this workstation yet: start motcua and finish the set-up")
    data_key = obtain_data_key(
        paths.key_file, paths.database, console, login=login, recovery_key=recovery_key, now=now
    )
    try:
        store = open_desk_store(paths, data_key, now=now, new_id=new_id, outcome="nothing was fetched")
    except StoreError as exc:
        raise CommandFailed(f"the store cannot be opened: {exc}") from None
    try:
        fetcher = stored_release_fetcher(store, paths.data_dir, app_version())
    finally:
        store.close()
    if fetcher is None:
        raise CommandFailed("this workstation is not enrolled with a provincial server (motcua enrol)")
    found = 0
    for each in KINDS:
        try:
            release = fetcher.check(each)
        except UpdateRefused as exc:
            console.warn(f"{each}: refused ({exc.reason}): {exc}")
            continue
        if release is None:
            console.say(f"{each}: nothing newer")
        else:
            found += 1
            console.say(f"{each}: {release.version} fetched and verified; applied at the next start")
    return EXIT_OK
