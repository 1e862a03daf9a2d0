"""``motcua recover`` (province recovery key → a clerk's new passphrase) and ``motcua rotate-key``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sync.errors import (
    KeyFileError,
    LastClerk,
    StoreError,
    UnknownClerk,
    WeakPassphrase,
    WrongPassphrase,
)
from sync.keys import list_clerks, remove_clerk, reset_passphrase, rotate_data_key
from sync.unlock_backoff import UnlockBackoff
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import data_key_by_recovery, obtain_data_key
from workstation.it_commands.damaged_store import refuse_damaged_store
from workstation.it_commands.exclusive_use import exclusive_use
from workstation.it_commands.workstation_paths import WorkstationPaths


def _require_store(paths: WorkstationPaths) -> None:
    if not paths.has_store():
        raise CommandFailed(f"there is no store on this workstation (looked in {paths.store_folder})")


def _logins(paths: WorkstationPaths) -> list[str]:
    return [clerk.login for clerk in list_clerks(paths.key_file)]


def run_recover(
    paths: WorkstationPaths,
    console: Console,
    *,
    recovery_key: Path | str,
    login: str | None,
    now: Callable[[], datetime],
) -> int:
    """Open the store with the province's recovery private key and give a clerk a new passphrase."""
    _require_store(paths)
    with exclusive_use(paths, "recover"):
        data_key = data_key_by_recovery(paths.key_file, paths.database, recovery_key, console)
        # a new passphrase would open nothing: restore first (then recover again if needed)
        refuse_damaged_store(paths, data_key, "no passphrase was changed")
        logins = _logins(paths)
        if login is None:
            console.warn("Clerk accounts: " + ", ".join(logins))
            login = console.question("Login of the clerk who gets a new passphrase: ")
        passphrase = console.new_passphrase(f"New passphrase for {login}: ")
        try:
            reset_passphrase(paths.key_file, data_key, login, passphrase)
        except UnknownClerk:
            raise CommandFailed(
                f"there is no clerk with the login {login!r} (clerks: {', '.join(logins)}); "
                "nothing was changed"
            ) from None
        except WeakPassphrase as exc:
            raise CommandFailed(f"{exc}; nothing was changed") from None
        except (KeyFileError, StoreError) as exc:
            raise CommandFailed(f"the new passphrase could not be set: {exc}") from None
        UnlockBackoff.beside(paths.key_file, now).record_success()  # the clerk may sign in at once
        console.say(f"The passphrase of {login} is set. Give it to the clerk in person, never in writing.")
        return EXIT_OK


def run_rotate_key(
    paths: WorkstationPaths,
    console: Console,
    *,
    remove: str | None,
    login: str | None,
    recovery_key: Path | str | None,
    now: Callable[[], datetime],
) -> int:
    """Remove a clerk who left (if named), then re-encrypt the database under a new data key."""
    _require_store(paths)
    with exclusive_use(paths, "rotate-key"):
        if remove is not None and remove not in _logins(paths):
            raise CommandFailed(
                f"there is no clerk with the login {remove!r} (clerks: {', '.join(_logins(paths))}); "
                "nothing was changed"
            )
        data_key = obtain_data_key(
            paths.key_file, paths.database, console, login=login, recovery_key=recovery_key, now=now
        )
        # re-encrypting a damaged file could make an empty one look like a store
        refuse_damaged_store(paths, data_key, "no key was changed and no clerk removed")
        if remove is not None:
            try:
                remove_clerk(paths.key_file, data_key, remove)
            except LastClerk:
                raise CommandFailed(
                    "this is the last clerk account, so it cannot be removed; nothing was changed"
                ) from None
            except (UnknownClerk, KeyFileError) as exc:
                raise CommandFailed(f"the clerk could not be removed: {exc}; nothing was changed") from None
            console.say(f"Removed the clerk account {remove}.")
        try:
            rotate_data_key(paths.key_file, paths.database, data_key)
        except WrongPassphrase:
            raise CommandFailed("the key does not open the database; nothing was changed") from None
        except (KeyFileError, StoreError) as exc:
            raise CommandFailed(
                f"the key change stopped: {exc}. "
                "Sign in at the desk once: motcua finishes an interrupted change."
            ) from None
        console.say("The data key is changed and the database re-encrypted under it.")
        console.say(
            "Backups made before now still open with the old passphrases"
            + (f", including {remove}'s" if remove else "")
            + ": make a new backup now and destroy the older ones."
        )
        return EXIT_OK
