"""Opening the store for an IT command, and what the commands say about a damaged one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sync.errors import StoreDamaged
from sync.store import Store, check_database
from workstation.it_commands.console import CommandFailed
from workstation.it_commands.workstation_paths import WorkstationPaths, desk_migrations


def damaged_store_advice(damage: StoreDamaged, outcome: str) -> str:
    """What is wrong, what the command did not do, that the files were left as they were, and what to do."""
    return (
        f"the store is damaged: {damage} ({damage.reason}); {outcome}, and the store's files were left as "
        "they are. Keep them for the province if asked, then restore the latest good backup: "
        "motcua restore BACKUP --force. 'motcua diagnostics OUT.zip' still writes what it can read."
    )


def open_desk_store(
    paths: WorkstationPaths,
    data_key: bytes,
    *,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
    outcome: str,
) -> Store:
    """The desk's store, opened with a key its key file gave; a damaged one fails the command with
    :func:`damaged_store_advice` (``outcome``: what was not done)."""
    try:
        return Store.open(
            paths.store_folder,
            data_key,
            now=now,
            new_id=new_id,
            key_checked=True,
            migrations=desk_migrations(),
        )
    except StoreDamaged as exc:
        raise CommandFailed(damaged_store_advice(exc, outcome)) from None


def refuse_damaged_store(paths: WorkstationPaths, data_key: bytes, outcome: str) -> None:
    """Fail the command before it changes anything if the store's database is damaged (read, not written)."""
    try:
        check_database(paths.database, data_key)
    except StoreDamaged as exc:
        raise CommandFailed(damaged_store_advice(exc, outcome)) from None
