"""``motcua add-clerk``: IT, holding the province's recovery key, gives a clerk her own account (for when the
desk's head clerk has gone; while she is there, she adds clerks at the desk: Tools → Clerks)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sync.errors import StoreError
from sync.store import Store
from workstation.clerks import CLERK, HEAD, ClerkAccountError, add_desk_clerk
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import data_key_by_recovery
from workstation.it_commands.exclusive_use import exclusive_use
from workstation.it_commands.workstation_paths import WorkstationPaths, desk_migrations


def run_add_clerk(
    paths: WorkstationPaths,
    console: Console,
    *,
    login: str,
    full_name: str | None,
    head: bool,
    recovery_key: Path | str,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> int:
    """Open the store with the recovery key, add the clerk ``login`` with a passphrase she types twice."""
    if not paths.has_store():
        raise CommandFailed(f"there is no store on this workstation (looked in {paths.store_folder})")
    with exclusive_use(paths, "add-clerk"):
        data_key = data_key_by_recovery(paths.key_file, paths.database, recovery_key, console)
        if full_name is None:
            full_name = console.question("Full name of the new clerk: ")
        passphrase = console.new_passphrase(f"The new clerk types her passphrase for {login}: ")
        try:
            store = Store.open(
                paths.store_folder, data_key, now=now, new_id=new_id, migrations=desk_migrations()
            )
        except StoreError as exc:
            raise CommandFailed(f"the store cannot be opened: {exc}") from None
        try:
            clerk = add_desk_clerk(
                paths.key_file,
                store,
                actor=None,
                login=login,
                full_name=full_name,
                passphrase=passphrase,
                role=HEAD if head else CLERK,
                now=now,
                new_id=new_id,
            )
        except ClerkAccountError as exc:
            raise CommandFailed(f"{exc}; nothing was changed") from None
        finally:
            store.close()
    role = "head clerk" if clerk.is_head else "clerk"
    console.say(f"Added the {role} account {clerk.login}. She signs in at the desk with her own passphrase.")
    return EXIT_OK
